import { HtmlValidate } from 'html-validate';
import { LOCALES, type Locale, type LocalizedText } from '#domain';
import { DOCUMENT_FORMATS, type ProgressReport, type ReplicationReport, type Report, type UnitScorecard } from '../model.js';
import { reportChecksum } from '../builders/checksum.js';
import { SAMPLE_REPORTS, largeProgressReport, largeReplicationReport } from '../samples.js';
import { ReportRenderError } from './format.js';
import { labelsFor } from './labels.js';
import { layoutReport } from './layout.js';
import { richText } from './outline.js';
import { pdfPages, pdfText } from './pdf-text.js';
import { DOCUMENT_CONTENT_TYPES, documentBaseName, renderDocument, renderHtml, renderMarkdown, renderPdf } from './render.js';

const htmlValidate = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // the title carries the report's title and period, as long as they are
    'long-title': 'off',
  },
});

/** What a value that was never filled in, or a template that was never expanded, prints as. */
const FORBIDDEN = /\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]|\{\{|\}\}|\$\{|\bInfinity\b/;

const sample = (id: string): Report => {
  const s = SAMPLE_REPORTS.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${id}`);
  return structuredClone(s.report);
};
/** Whitespace removed: PDF text extraction breaks lines where the layout wrapped them. */
const squash = (s: string) => s.replace(/\s+/g, '');
const zh = (t: LocalizedText) => (t.zh ?? t.en)!;
const inLocale = (t: LocalizedText, locale: Locale) => (locale === 'en' ? (t.en ?? t.zh) : (t.zh ?? t.en))!;

/** Every matter code a report names. */
function matterCodes(r: Report): string[] {
  switch (r.kind) {
    case 'replication':
      return r.groups.flatMap((g) => g.experiences.map((e) => e.matter.code));
    case 'progress':
      return [...r.overdue, ...r.upcoming, ...r.milestonesCompleted].map((x) => x.matter.code);
    case 'scorecard':
      return [];
    case 'bulletin':
      return [...r.completed, ...r.overdueUnits.flatMap((u) => u.items), ...r.missingReports.flatMap((u) => u.reports)].map(
        (x) => x.matter.code,
      );
  }
}

/** Every title a reader looks for, in one language: the report's, the experiences', the matters', the units'. */
function titles(r: Report, pick: (t: LocalizedText) => string): string[] {
  const out = [pick(r.title)];
  switch (r.kind) {
    case 'replication':
      for (const g of r.groups) {
        out.push(pick(g.policyArea.title));
        for (const e of g.experiences) out.push(pick(e.title), pick(e.matter.title), pick(e.contactUnit.name));
      }
      break;
    case 'progress':
      for (const x of [...r.overdue, ...r.upcoming, ...r.milestonesCompleted]) out.push(pick(x.matter.title));
      for (const u of r.units) out.push(pick(u.unit.name));
      break;
    case 'scorecard':
      for (const row of r.rows) out.push(pick(row.unit.name));
      break;
    case 'bulletin':
      for (const u of [...r.onSchedule, ...r.overdueUnits.map((x) => x.unit), ...r.missingReports.map((x) => x.unit)])
        out.push(pick(u.name));
      for (const x of r.completed) out.push(pick(x.matter.title));
      break;
  }
  return [...new Set(out)];
}

/** The PDFs of every sample in every language, rendered once for the whole file. */
const pdfs = new Map<string, Buffer>();
const texts = new Map<string, string>();
const key = (id: string, locale: Locale) => `${id}.${locale}`;

beforeAll(async () => {
  for (const s of SAMPLE_REPORTS)
    for (const locale of LOCALES) {
      const pdf = await renderPdf(s.report, locale);
      pdfs.set(key(s.id, locale), pdf);
      texts.set(key(s.id, locale), await pdfText(pdf));
    }
}, 120_000);

describe('report documents', () => {
  const cases = SAMPLE_REPORTS.flatMap((s) => LOCALES.map((locale) => [s.id, locale, s.report] as const));

  describe.each(cases)('%s in %s', (id, locale, report) => {
    const md = renderMarkdown(report, locale);
    const html = renderHtml(report, locale);

    it('renders in every format', async () => {
      for (const format of DOCUMENT_FORMATS) {
        const doc = await renderDocument(report, format, locale);
        expect(doc.body.length).toBeGreaterThan(300);
        expect(doc.contentType).toBe(DOCUMENT_CONTENT_TYPES[format]);
        expect(doc.filename).toBe(`${documentBaseName(report)}.${format}`);
      }
      expect(pdfs.get(key(id, locale))!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('shows no undefined, null, NaN, [object Object] or raw placeholder in any format', () => {
      for (const [format, text] of [
        ['md', md],
        ['html', html],
        ['pdf', texts.get(key(id, locale))!],
      ])
        expect({ format, found: text.match(FORBIDDEN)?.[0] ?? null }).toEqual({ format, found: null });
    });

    it('is well-formed HTML with nothing unescaped', async () => {
      const result = await htmlValidate.validateString(html);
      expect(result.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} at ${m.line}:${m.column}: ${m.message}`))).toEqual([]);
      expect(balancedTags(html)).toEqual([]);
      expect(html).not.toMatch(/<script|href="javascript:/i);
    });

    it('keeps every Markdown table row to its column count', () => {
      for (const t of markdownTables(md))
        for (const row of t) expect({ row, cells: cellCount(row) }).toEqual({ row, cells: cellCount(t[0]) });
    });

    it('states the title, the period or number, when it was generated, the zone and the checksum', () => {
      const L = labelsFor(locale);
      const generated = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(
        Date.parse(report.generatedAt),
      );
      for (const text of [md, html, texts.get(key(id, locale))!]) {
        expect(text).toContain(inLocale(report.title, locale));
        expect(text).toContain(generated);
        expect(text).toContain(report.checksum);
        expect(text).toContain(L.beijingTime('Asia/Shanghai'));
      }
    });

    it('numbers every PDF page "page N of M" and repeats the title at the head of pages after the first', async () => {
      const pages = await pdfPages(pdfs.get(key(id, locale))!);
      const L = labelsFor(locale);
      pages.forEach((page, i) => {
        expect(page).toContain(L.pageOf(i + 1, pages.length));
        if (i > 0) expect(squash(page)).toContain(squash(inLocale(report.title, locale)).slice(0, 12));
      });
    });
  });

  describe.each(SAMPLE_REPORTS.map((s) => [s.id, s.report] as const))('%s as PDF', (id, report) => {
    it('contains every matter code and every Chinese title: CJK survives font subsetting', () => {
      const text = squash(texts.get(key(id, 'zh-CN'))!);
      for (const code of matterCodes(report)) expect(text).toContain(code);
      for (const title of titles(report, zh)) expect(text).toContain(squash(title));
    });

    it('is the same bytes when rendered again, dated from generatedAt', async () => {
      const again = await renderPdf(structuredClone(report), 'zh-CN');
      expect(again.equals(pdfs.get(key(id, 'zh-CN'))!)).toBe(true);
      const stamp = `(D:${report.generatedAt.replace(/[-:T]/g, '').replace(/\.\d+/, '').replace(/Z$/, '')}Z)`;
      expect(again.toString('latin1')).toContain(`/CreationDate`);
      expect(again.toString('latin1')).toContain(stamp);
    });
  });
});

describe('languages', () => {
  it('writes English titles in the English rendering and Chinese ones in the Chinese', () => {
    const r = sample('replication-issued') as ReplicationReport;
    for (const locale of LOCALES) {
      const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
      const pdf = squash(texts.get(key('replication-issued', locale))!);
      for (const [text, as] of [
        [renderMarkdown(r, locale), (s: string) => s],
        [renderHtml(r, locale), htmlText],
      ] as const) {
        for (const t of titles(r, (x) => inLocale(x, locale))) expect(text).toContain(as(t));
        // the experience titles have both languages: the other one must not appear
        for (const g of r.groups) for (const e of g.experiences) expect(text).not.toContain(as(inLocale(e.title, other)));
      }
      for (const g of r.groups) for (const e of g.experiences) expect(pdf).toContain(squash(inLocale(e.title, locale)));
    }
    expect(renderMarkdown(r, 'en')).toContain('Shenzhen Comprehensive Reform Pilot: experiences for replication, batch 3');
  });

  it('falls back to the Chinese text where there is no English, and to the English where there is no Chinese', () => {
    const draft = sample('replication-draft');
    const en = renderMarkdown(draft, 'en');
    expect(en).toContain('闲置土地分类处置和收回');
    expect(en).toContain('深圳综合改革试点第四批可复制推广经验清单（草稿）');
    expect(en).toContain('Conditions for replication');
    // a unit named in English only, in the Chinese report
    expect(renderHtml(sample('progress-office'), 'zh-CN')).toContain('Shenzhen Municipal Local Financial Regulatory Bureau（SZ-LFRB）');
  });
});

describe('values', () => {
  it("shows times in the report's zone, and names the zone", () => {
    const r = sample('replication-issued') as ReplicationReport;
    expect(r.issuedAt).toBe('2026-11-20T02:00:00Z');
    expect(renderMarkdown(r, 'zh-CN')).toContain('**印发时间**：2026-11-20 10:00');
    const berlin = { ...r, timeZone: 'Europe/Berlin' };
    const md = renderMarkdown(berlin, 'en');
    expect(md).toContain('**Issued**: 2026-11-20 03:00');
    expect(md).toContain('**Times in**: Europe/Berlin');
  });

  it('writes a whole-day period with its last day included, and a partial one with the end excluded', () => {
    const r = sample('progress-office') as ProgressReport;
    expect(renderMarkdown(r, 'zh-CN')).toContain('**统计期间**：2026-11-16 至 2026-11-22');
    const partial = { ...r, period: { from: '2026-11-16T01:00:00Z', to: '2026-11-22T10:30:00Z' } };
    expect(renderMarkdown(partial, 'en')).toContain('**Period**: 2026-11-16 09:00 to 2026-11-22 18:30 (end excluded)');
  });

  it('formats rates as percentages, null rates as a dash, counts with separators', () => {
    const sc = renderMarkdown(sample('scorecard'), 'zh-CN');
    expect(sc).toContain('| 深圳市教育局（SZ-EDU） | 8 | 8 | 12 | 10 | 83.3% | 3.5 |');
    expect(sc).toContain('| 深圳市人力资源和社会保障局（SZ-HRSS） | 4 | 4 | 0 | 0 | — | — |');
    const big = largeProgressReport({ matters: 12_345, overdue: 3, upcoming: 3, milestones: 3 });
    expect(renderMarkdown(big, 'zh-CN')).toContain('纳入统计的事项共 12,345 项');
    expect(renderMarkdown(big, 'en')).toContain('The report covers 12,345 matters');
  });

  it('refuses a NaN or a malformed instant instead of printing it', () => {
    const r = sample('scorecard') as UnitScorecard;
    r.rows[0].onScheduleRate = Number.NaN;
    expect(() => renderMarkdown(r, 'zh-CN')).toThrow(ReportRenderError);
    const p = sample('progress-office') as ProgressReport;
    p.overdue[0].deadline.dueAt = 'yesterday';
    expect(() => renderHtml(p, 'en')).toThrow(/overdue\.deadline\.dueAt/);
  });

  it("shows a target's actual value against the target, whether it was met, and the evidence with its links", () => {
    const md = renderMarkdown(sample('replication-issued'), 'zh-CN');
    expect(md).toContain(
      '| 科研人员满意度 | 61.5% | 85% | 2026-09-30 | 88.2% | 已达成 | 第三方问卷调查（样本量1,204）<br>[https://reformflow.example.org/evidence/op24-01-04/survey.xlsx](https://reformflow.example.org/evidence/op24-01-04/survey.xlsx)<br>',
    );
    expect(md).toContain('| “先使用后付费”许可合同 | 12份 | 150份 | 2026-09-30 | 132份 | 未达成 |');
    expect(md).toContain('| 绿色贷款余额同比增速 | 18% | 25% | 2026-12-31 | — | 暂无实际值 |');
    expect(md).toContain('| 可复制性 | 1–5 | 5 |');
    expect(md).toContain('| **平均分** |   | **4.5** |');
  });
});

describe('escaping', () => {
  const draft = sample('replication-draft');

  it('escapes markup in user text in HTML, and never makes a javascript: link', () => {
    const html = renderHtml(draft, 'zh-CN');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('黄海 &lt;外聘专家&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('javascript:alert(1)');
  });

  it('escapes Markdown syntax, table pipes and line breaks in cells', () => {
    const md = renderMarkdown(draft, 'zh-CN');
    expect(md).toContain('\\<script\\>alert("x")\\</script\\>');
    expect(md).toContain('\\*加粗\\*');
    expect(md).toContain('\\[链接\\](javascript:alert(1))');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    const office = renderMarkdown(sample('progress-office'), 'zh-CN');
    expect(office).toContain(
      '| `OP24-11-03` | 特定区域不动产三维登记试点 \\<二期\\> \\| 前海\\*片区 | 里程碑：完成前海片区三维登记数据入库<br>（含地下空间） |',
    );
  });

  it('counts cells the way a Markdown reader does (the checker itself)', () => {
    expect(cellCount('| a | b \\| c |')).toBe(2);
    expect(cellCount('| a | b | c |')).toBe(3);
    expect(balancedTags('<p><b>x</p></b>')).not.toEqual([]);
    expect(balancedTags('<p>a<br>b</p>')).toEqual([]);
  });
});

describe('empty reports', () => {
  it.each([
    ['replication-empty', (l: Locale) => labelsFor(l).replication.empty],
    ['progress-empty', (l: Locale) => labelsFor(l).progress.noMatters],
    ['scorecard-empty', (l: Locale) => labelsFor(l).scorecard.noRows],
  ])('%s says there is nothing in this period, in every format', (id, line) => {
    const r = sample(id);
    for (const locale of LOCALES) {
      const text = line(locale);
      expect(renderMarkdown(r, locale)).toContain(text);
      expect(renderHtml(r, locale)).toContain(text);
      expect(squash(texts.get(key(id, locale))!)).toContain(squash(text));
    }
  });

  it('says so for each empty section of a progress report rather than leaving it out', () => {
    const md = renderMarkdown(sample('progress-unit'), 'zh-CN');
    const L = labelsFor('zh-CN').progress;
    expect(md).toContain(L.noOverdue);
    expect(md).toContain(L.noUpcoming(7));
    expect(md).toContain(L.noMilestones);
  });

  it('says so for a policy area with no experiences', () => {
    const r = sample('replication-issued') as ReplicationReport;
    r.groups[0].experiences = [];
    expect(renderMarkdown(r, 'en')).toContain(labelsFor('en').replication.emptyArea);
  });
});

describe('long documents', () => {
  it('breaks a long PDF table across pages with the header row repeated at the top of each', async () => {
    // one matter, so one leading unit with all 200 overdue deadlines in one table
    const r = largeProgressReport({ matters: 1, overdue: 200, upcoming: 0, milestones: 0 });
    const pages = await pdfPages(await renderPdf(r, 'zh-CN'));
    const withRows = pages.filter((p) => p.includes('SZ-2026-00001'));
    expect(withRows.length).toBeGreaterThan(5);
    for (const page of withRows) {
      const header = page.indexOf('事项编号 事项名称 节点 截止时间');
      expect(header).toBeGreaterThan(-1);
      expect(header).toBeLessThan(page.indexOf('SZ-2026-00001'));
    }
    // every row is there once, in order: none lost or drawn twice at a page break
    const text = squash(pages.join(''));
    const deadlines = [...text.matchAll(/第(\d)阶段里程碑：/g)].map((m) => Number(m[1]));
    expect(deadlines).toEqual(r.overdue.map((o) => Number(o.deadline.title.zh!.match(/第(\d)阶段/)![1])));
  }, 30_000);

  it.each(['replication-issued', 'progress-office', 'progress-long'])(
    'never leaves a heading alone at the foot of a PDF page (%s)',
    async (id) => {
      const report = sample(id);
      const headings = new Set(
        layoutReport(report, 'zh-CN')
          .blocks.filter((b) => b.kind === 'heading')
          .map((b) => squash(richText(b.text))),
      );
      const pages = await pdfPages(pdfs.get(key(id, 'zh-CN'))!);
      // the running head and the footer are drawn last: the body's last line is the one before them
      const bodyLines = (page: string) => page.split('\n').filter((l) => !l.startsWith(zh(report.title)) && !l.startsWith('生成时间 '));
      const stranded = pages
        .slice(0, -1)
        .map((p) => squash(bodyLines(p).at(-1) ?? ''))
        .filter((last) => headings.has(last));
      expect(stranded).toEqual([]);
    },
  );

  it('lists the policy areas in a table of contents with the page each starts on', async () => {
    const r = sample('replication-issued') as ReplicationReport;
    const html = renderHtml(r, 'zh-CN');
    for (const g of r.groups) {
      const id = html.match(new RegExp(`<h2 id="([^"]+)">[^<]*${g.policyArea.title.zh}`))?.[1];
      expect(id).toBeDefined();
      expect(html).toContain(`<a href="#${id}">`);
    }
    const pages = await pdfPages(pdfs.get(key('replication-issued', 'zh-CN'))!);
    expect(pages[0]).toContain('目录');
    // where each section starts: the first page after the contents whose text has its heading
    const startsOn = ['一、概况', ...r.groups.map((g, i) => `${['二', '三', '四'][i]}、${g.policyArea.title.zh}（`)].map(
      (h) => pages.findIndex((p, i) => i > 0 && p.includes(h)) + 1,
    );
    expect(startsOn.every((p) => p > 1)).toBe(true);
    for (const g of r.groups) expect(pages[0]).toContain(`${g.policyArea.title.zh}（${g.experiences.length}项）`);
    // the numbers after the dot leaders, in the order of the entries
    expect([...pages[0].matchAll(/\.{5,}\s*(\d+)/g)].map((m) => Number(m[1]))).toEqual(startsOn);
  });

  it('renders a replication report of 60 experiences in every format', async () => {
    const r = largeReplicationReport(60);
    expect(r.total).toBe(60);
    const text = await pdfText(await renderPdf(r, 'zh-CN'));
    for (const code of matterCodes(r)) expect(text).toContain(code);
  }, 60_000);
});

describe(documentBaseName.name, () => {
  it('names each kind of report by its number or period, in the report zone', () => {
    const issued = sample('replication-issued') as ReplicationReport;
    expect(documentBaseName(issued)).toBe('replication-report-3');
    // 17:00 UTC on the 22nd is already the 23rd in Beijing
    expect(documentBaseName({ ...(sample('replication-draft') as ReplicationReport), generatedAt: '2026-11-22T17:00:00Z' })).toBe(
      'replication-report-draft-2026-11-23',
    );
    expect(documentBaseName(sample('progress-office'))).toBe('progress-report-2026-11-16_2026-11-22');
    expect(documentBaseName(sample('progress-unit'))).toBe('progress-report-SZ-STIC-2026-11-16_2026-11-22');
    expect(documentBaseName(sample('scorecard'))).toBe('unit-scorecard-2026-10-01_2026-11-22');
    const odd = { ...(sample('progress-unit') as ProgressReport) };
    odd.unit = { ...odd.unit!, code: '深圳/STIC 01' };
    expect(documentBaseName(odd)).toBe('progress-report-STIC-01-2026-11-16_2026-11-22');
  });
});

describe('samples', () => {
  it('carry the checksum the builders compute', () => {
    for (const s of SAMPLE_REPORTS) expect(s.report.checksum).toBe(reportChecksum(s.report));
  });
});

// ---------------------------------------------------------------------------------------------
// checkers

/** Text as the HTML writer must escape it. */
const htmlText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The Markdown tables: runs of lines starting with `|`. */
function markdownTables(md: string): string[][] {
  const tables: string[][] = [];
  let current: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  if (current.length > 0) tables.push(current);
  return tables;
}

/** Cells in a table row: pipes not escaped with a backslash, less the outer two. */
function cellCount(row: string): number {
  return (row.match(/(?<!\\)\|/g) ?? []).length - 1;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Tags that close out of order or never close, as `expected </x>, got </y>` messages. */
function balancedTags(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = html.replace(/<!DOCTYPE[^>]*>/i, '').replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const [, closing, raw] = m;
    const name = raw.toLowerCase();
    if (VOID.has(name)) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${m.index}`);
  }
  for (const open of stack) problems.push(`<${open}> never closed`);
  return problems;
}

describe('missing progress reports', () => {
  it('get a section per unit listing each period late or missing, and none in a document made before the list', () => {
    const r = sample('progress-unit') as ProgressReport;
    const L = labelsFor('zh-CN').progress;
    expect(renderMarkdown(r, 'zh-CN')).not.toContain(L.missingReports(0));
    const unit = r.units[0].unit;
    const matter = {
      id: 'm-late',
      code: 'SZ-LATE-01',
      title: { zh: '跨境贸易便利化改革', en: 'Cross-border trade facilitation' },
      batch: { code: 'B1', title: { zh: '第一批' } },
      leadingUnit: unit,
      kind: 'reform_measure' as const,
      policyArea: { key: 'opening_up', title: { zh: '对外开放' } },
      stage: 'in_implementation' as const,
      deliveryStatus: 'at_risk' as const,
      url: 'http://localhost/matters/m-late',
    };
    r.missingReports = [
      {
        unit,
        reports: [
          {
            matter,
            deadline: { kind: 'progress_report', title: { zh: '报送第2期进展报告', en: 'File progress report 2' }, dueAt: r.asOf },
            filedAt: null,
            daysOverdue: 0,
          },
        ],
      },
    ];
    const md = renderMarkdown(r, 'zh-CN');
    expect(md).toContain(L.missingReports(1));
    expect(md).toContain('报送第2期进展报告');
    expect(md).toContain(L.notFiled);
    expect(md).toContain('SZ-LATE-01');
    expect(renderMarkdown(r, 'en')).toContain('File progress report 2');
    r.missingReports = [];
    expect(renderMarkdown(r, 'zh-CN')).toContain(L.noMissingReports);
  });
});
