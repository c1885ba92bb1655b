import { type BrowserSystem, axeViolations, signIn, startBrowserSystem } from '../support/browser.js';

/**
 * A source document's reading of a target (000's 76.5 % against BEP-02's 77 %, as `npm run seed`
 * records it) on the matter page: the value, its date and document, the document's own words.
 */
let b: BrowserSystem;

beforeAll(async () => {
  b = await startBrowserSystem();
});
afterAll(() => b?.close());

it("shows a document's reading beside the target, quoting the document", async () => {
  const { world, api } = b.system;
  const m = await world.draft({ title: { zh: '现代服务业占比提升', en: 'Modern services share' } });
  const excerpt = 'The added value of the modern service industry accounted for 76.5% of the service industry.';
  await api.sql(
    `INSERT INTO target_readings (id, matter_id, target_id, value, as_of, source_document, source_excerpt, recorded_at, recorded_by)
     VALUES (gen_random_uuid(), $1, $2, 76.5, '2025-11-28', '000_f1390a8e8d6bda4c.txt', $3, now(), $4)`,
    [m.id, (m.targets[0] as { id: string }).id, excerpt, world.users.office.id],
  );
  const page = await b.newPage();
  await signIn(page, 'office');
  await page.goto(`/matters/${m.id}`);
  await page.getByText(/文件记载值 76\.5 .*（2025-11-28，000_f1390a8e8d6bda4c\.txt）/).waitFor();
  await page.getByText(`“${excerpt}”`).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await page.close();
});
