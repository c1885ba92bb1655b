import { SAMPLES } from './samples.js';
import { linksOnBehalfOf, withOnBehalfOf } from './on-behalf-of.js';
import type { TemplateData } from './template-data.js';

const ABSENT = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';
const BASE = 'https://reformflow.example.org';

describe(withOnBehalfOf.name, () => {
  it('adds onBehalfOf to a link to a matter page, keeping its action and subject', () => {
    expect(withOnBehalfOf(`${BASE}/matters/m1`, ABSENT)).toBe(`${BASE}/matters/m1?onBehalfOf=${ABSENT}`);
    expect(withOnBehalfOf(`${BASE}/matters/m1?action=acknowledge_urge_notice&subject=n1`, ABSENT)).toBe(
      `${BASE}/matters/m1?action=acknowledge_urge_notice&subject=n1&onBehalfOf=${ABSENT}`,
    );
  });

  it('leaves other pages, a link naming someone already and what is no URL alone', () => {
    expect(withOnBehalfOf(`${BASE}/reports/3`, ABSENT)).toBe(`${BASE}/reports/3`);
    expect(withOnBehalfOf(`${BASE}/matters/m1?onBehalfOf=x`, ABSENT)).toBe(`${BASE}/matters/m1?onBehalfOf=x`);
    expect(withOnBehalfOf('not a url', ABSENT)).toBe('not a url');
  });
});

describe(linksOnBehalfOf.name, () => {
  it("rewrites a matter's link and an urge notice's answer link, in a copy", () => {
    const sample = SAMPLES.find((s) => s.id === 'urge-notice')!;
    // as notify-matter-event writes it (webPaths.matter with the action)
    const data = {
      ...(sample.data as TemplateData['urge-notice']),
      acknowledgeUrl: `${(sample.data as TemplateData['urge-notice']).matter.url}?action=acknowledge_urge_notice&subject=n1`,
    };
    const out = linksOnBehalfOf<'urge-notice'>(data, ABSENT);
    expect(out.matter.url).toBe(`${data.matter.url}?onBehalfOf=${ABSENT}`);
    expect(new URL(out.acknowledgeUrl).searchParams.get('onBehalfOf')).toBe(ABSENT);
    expect(out.message).toBe(data.message);
    expect(data.matter.url).not.toContain('onBehalfOf');
  });

  it('rewrites each matter of a digest, and nothing else', () => {
    const sample = SAMPLES.find((s) => s.name === 'digest')!;
    const data = sample.data;
    const out = linksOnBehalfOf<'digest'>(data, ABSENT);
    for (const g of out.groups) expect(g.matter.url).toContain(`onBehalfOf=${ABSENT}`);
    expect({ ...out, groups: [] }).toEqual({ ...data, groups: [] });
  });
});
