/** The core namespaces of zh-CN, bundled together (see bundles.ts; the others load with their pages). */
export default import.meta.glob<Record<string, unknown>>('./zh-CN/{common,auth,inbox}.json', { eager: true, import: 'default' });
