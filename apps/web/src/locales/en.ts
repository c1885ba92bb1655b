/** The core namespaces of en, bundled together (see bundles.ts; the others load with their pages). */
export default import.meta.glob<Record<string, unknown>>('./en/{common,auth,inbox}.json', { eager: true, import: 'default' });
