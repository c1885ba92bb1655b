/** Every namespace of zh-CN, bundled together (see bundles.ts). */
export default import.meta.glob<Record<string, unknown>>('./zh-CN/*.json', { eager: true, import: 'default' });
