import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { HtmlValidate } from 'html-validate';
import { LOCALES, type Locale } from '#domain';
import { loadCatalog } from './catalog.js';
import { TemplateRenderError, notificationAssets, renderTemplate } from './renderer.js';
import { type AnySample, SAMPLES, SAMPLE_MATTERS, SAMPLE_RECIPIENTS, renderSample } from './samples.js';
import { type MatterRef, type Recipient, TEMPLATE_NAMES, type TemplateData } from './template-data.js';

const htmlValidate = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Outlook, Foxmail, QQ Mail and Gmail drop <style> blocks: inline styles are the only styling that reaches the reader.
    'no-inline-style': 'off',
    // <title> carries the mail's subject, which is as long as it needs to be; the 70-character limit is for search results.
    'long-title': 'off',
    // Deprecated for the web, still how Outlook for Windows (Word's engine) is given the fixed width it cannot read from max-width.
    'no-conditional-comment': 'off',
  },
});

const FORBIDDEN = ['undefined', 'null', 'NaN', '[object Object]', '{{', '}}'];

/** The matters a sample's mail is about: its `matter`, or each digest group's. */
function mattersOf(sample: AnySample): MatterRef[] {
  const data = sample.data as { matter?: MatterRef | null; groups?: Array<{ matter: MatterRef }> };
  return [...(data.matter ? [data.matter] : []), ...(data.groups ?? []).map((g) => g.matter)];
}
const titleIn = (m: MatterRef, locale: Locale) => (locale === 'en' ? (m.title.en ?? m.title.zh) : (m.title.zh ?? m.title.en))!;
const sampleOf = (id: string) => SAMPLES.find((s) => s.id === id)!;
const clone = <T>(v: T): T => structuredClone(v);

describe(renderTemplate.name, () => {
  const cases = SAMPLES.flatMap((sample) => LOCALES.map((locale) => [sample.id, locale, sample] as const));

  describe.each(cases)('%s in %s', (_id, locale, sample) => {
    const mail = renderSample(sample, SAMPLE_RECIPIENTS[locale]);

    it('renders a one-line subject, a text part and an HTML part', () => {
      expect(mail.subject).not.toMatch(/\n/);
      expect(mail.subject.length).toBeGreaterThan(10);
      expect(mail.text.length).toBeGreaterThan(100);
      expect(mail.html).toMatch(/^<!DOCTYPE html>/);
      expect(mail.html).toContain(`<html lang="${locale}">`);
    });

    it('shows no undefined, null, NaN, [object Object] or raw placeholder', () => {
      for (const part of [mail.subject, mail.text, mail.html]) for (const bad of FORBIDDEN) expect(part).not.toContain(bad);
    });

    it("names each matter by code and by its title in the recipient's language, in the subject and both parts", () => {
      const matters = mattersOf(sample);
      for (const m of matters) {
        const title = titleIn(m, locale);
        expect(mail.text).toContain(m.code);
        expect(mail.text).toContain(title);
        expect(mail.text).toContain(m.url);
        expect(mail.html).toContain(m.code);
        expect(mail.html).toContain(Handlebars.escapeExpression(title));
        expect(mail.html).toContain(`href="${Handlebars.escapeExpression(m.url)}"`);
      }
      if (sample.name === 'digest') expect(mail.subject).toContain(matters[0].code);
      else if (matters.length === 1) {
        expect(mail.subject).toContain(matters[0].code);
        expect(mail.subject).toContain(titleIn(matters[0], locale));
      }
    });

    it('writes in the recipient language', () => {
      const system = locale === 'en' ? 'Reformflow' : '综合改革试点事项管理系统';
      expect(mail.text).toContain(system);
      expect(
        mail.text.startsWith(
          locale === 'en' ? `Dear ${SAMPLE_RECIPIENTS.en.displayName},` : `${SAMPLE_RECIPIENTS['zh-CN'].displayName}，您好：`,
        ),
      ).toBe(true);
      // the footer sends them to their settings page, never to the API
      expect(mail.text).toContain('https://reformflow.example.org/settings');
      expect(mail.html).toContain('https://reformflow.example.org/settings');
      expect(mail.text).not.toMatch(/PATCH|\/api\//);
    });

    it('is valid HTML', async () => {
      const report = await htmlValidate.validateString(mail.html);
      const problems = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
      expect(problems).toEqual([]);
    });
  });

  it('has a sample for every template', () => {
    expect(new Set(SAMPLES.map((s) => s.name))).toEqual(new Set(TEMPLATE_NAMES));
    for (const name of TEMPLATE_NAMES) expect(SAMPLES.find((s) => s.id === name)?.name).toBe(name);
  });

  describe('times', () => {
    const reminder = sampleOf('deadline-reminder'); // due 2026-04-30T15:59:59Z
    const at = (locale: Locale, timeZone: string) =>
      renderSample(reminder, { displayName: 'X', locale, timeZone, settingsUrl: 'https://reformflow.example.org/settings' });

    it.each([
      ['zh-CN', 'Asia/Shanghai', '2026-04-30 23:59（北京时间）'],
      ['en', 'Asia/Shanghai', '2026-04-30 23:59 (Beijing time)'],
      ['zh-CN', 'Europe/Berlin', '2026-04-30 17:59（Europe/Berlin）'],
      ['en', 'Europe/Berlin', '2026-04-30 17:59 (Europe/Berlin)'],
    ] as const)('shows the due time in %s for a recipient in %s as %s', (locale, timeZone, shown) => {
      const mail = at(locale, timeZone);
      expect(mail.subject).toContain(shown);
      expect(mail.text).toContain(shown);
      expect(mail.html).toContain(shown);
    });

    it('uses the recipient zone for every time in the mail, including the escalation time', () => {
      const mail = at('en', 'Europe/Berlin');
      expect(mail.text).toContain('escalation level 1 starts at 2026-05-01 17:59 (Europe/Berlin)');
      expect(mail.text).not.toContain('23:59');
    });

    it.each([
      ['P7D', '本提醒于截止前7天发出。', 'This reminder comes 7 days before the due time.'],
      ['P1D', '本提醒于截止前1天发出。', 'This reminder comes 1 day before the due time.'],
      ['PT12H', '本提醒于截止前12小时发出。', 'This reminder comes 12 hours before the due time.'],
      ['P1DT12H', '本提醒于截止前1天12小时发出。', 'This reminder comes 1 day 12 hours before the due time.'],
      ['3 working days', '本提醒于截止前3个工作日发出。', 'This reminder comes 3 working days before the due time.'],
      ['1wd', '本提醒于截止前1个工作日发出。', 'This reminder comes 1 working day before the due time.'],
      ['PT0S', '现已到截止时间，请立即办理。', 'The due time has come; please act on it now.'],
    ])('words the offset %s', (offset, zh, en) => {
      const data = { ...(reminder.data as TemplateData['deadline-reminder']), offset };
      expect(renderTemplate('deadline-reminder', data, SAMPLE_RECIPIENTS['zh-CN']).text).toContain(zh);
      expect(renderTemplate('deadline-reminder', data, SAMPLE_RECIPIENTS.en).text).toContain(en);
    });

    it('writes calendar dates as prose', () => {
      const report = sampleOf('progress-report');
      expect(renderSample(report, SAMPLE_RECIPIENTS['zh-CN']).subject).toContain('2026年1月1日至2026年3月31日');
      expect(renderSample(report, SAMPLE_RECIPIENTS.en).subject).toContain('1 January 2026 to 31 March 2026');
    });
  });

  describe('languages', () => {
    it('shows a matter with only a Chinese title by that title in an English mail', () => {
      const sample = sampleOf('deadline-reminder--chinese-title-only');
      const mail = renderSample(sample, SAMPLE_RECIPIENTS.en);
      expect(SAMPLE_MATTERS.crossBorderData.title.en).toBeUndefined();
      expect(mail.subject).toContain('BEP-06 推动数据要素安全高效跨境流动');
      expect(mail.text).toContain('Title: 推动数据要素安全高效跨境流动');
      expect(mail.text).toContain('Please complete the following by');
    });

    it('says a due time counted on weekends alone is an estimate, in both languages and both parts, and only then', () => {
      const sample = sampleOf('deadline-reminder--provisional');
      const zh = renderSample(sample, SAMPLE_RECIPIENTS['zh-CN']);
      const en = renderSample(sample, SAMPLE_RECIPIENTS.en);
      expect(zh.text).toContain('按周末估算，节假日安排公布后自动重算');
      expect(zh.html).toContain('按周末估算，节假日安排公布后自动重算');
      expect(en.text).toContain('Estimated on weekends alone');
      expect(en.html).toContain('Estimated on weekends alone');
      expect(renderSample(sampleOf('deadline-reminder'), SAMPLE_RECIPIENTS['zh-CN']).text).not.toContain('按周末估算');
    });

    it('names the escalation level and who it reaches', () => {
      const sample = sampleOf('deadline-escalation');
      const zh = renderSample(sample, SAMPLE_RECIPIENTS['zh-CN']);
      const en = renderSample(sample, SAMPLE_RECIPIENTS.en);
      expect(zh.subject).toMatch(/^【逾期督办·第2级】OP24-01-04 /);
      expect(zh.text).toContain('现启动第2级督办，本级督办通报牵头单位负责人。');
      expect(zh.text).toContain('升级为第3级督办，通报市综合改革办和领导小组。');
      expect(en.text).toContain('This is escalation level 2, which notifies the head of the leading unit.');
      expect(en.text).toContain('notifies the reform office and the leading group.');
    });

    it('leads with what to do and by when', () => {
      const zh = renderSample(sampleOf('urge-notice'), SAMPLE_RECIPIENTS['zh-CN']).text.split('\n');
      expect(zh[2]).toContain('请于2026-03-18 18:00（北京时间）前在系统中确认收到');
      const en = renderSample(sampleOf('deadline-reminder'), SAMPLE_RECIPIENTS.en).text.split('\n');
      expect(en[2]).toMatch(/^Please complete the following by 2026-04-30 23:59 \(Beijing time\): /);
    });
  });

  describe('委托代理: a mail to a deputy in place of the absent person', () => {
    const asDeputy = (locale: Locale): Recipient => ({ ...SAMPLE_RECIPIENTS[locale], onBehalfOf: '王磊' });

    it.each(SAMPLES.map((s) => [s.id, s] as const))(
      '%s says whom it was for, under the greeting, in both languages and parts',
      (_id, sample) => {
        const zh = renderSample(sample, asDeputy('zh-CN'));
        const en = renderSample(sample, asDeputy('en'));
        expect(zh.text.split('\n').slice(0, 2)).toEqual(['张伟，您好：', '（代 王磊 收：此邮件原发给 王磊，您作为其代理人收到。）']);
        expect(zh.html).toContain('（代 王磊 收：此邮件原发给 王磊，您作为其代理人收到。）');
        expect(en.text.split('\n').slice(0, 2)).toEqual([
          'Dear Chen Yu,',
          '(Received on behalf of 王磊: this mail was addressed to them, and you receive it as their deputy.)',
        ]);
        expect(en.html).toContain('(Received on behalf of 王磊: this mail was addressed to them, and you receive it as their deputy.)');
        for (const part of [zh.text, zh.html, en.text, en.html]) for (const bad of FORBIDDEN) expect(part).not.toContain(bad);
      },
    );

    it('is valid HTML, escapes the name, and says nothing of it in a mail of one’s own', async () => {
      const mail = renderSample(sampleOf('urge-notice'), { ...SAMPLE_RECIPIENTS['zh-CN'], onBehalfOf: '<王磊>' });
      expect(mail.html).toContain('代 &lt;王磊&gt; 收');
      const report = await htmlValidate.validateString(mail.html);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
      for (const recipient of [SAMPLE_RECIPIENTS['zh-CN'], { ...SAMPLE_RECIPIENTS['zh-CN'], onBehalfOf: null }]) {
        const own = renderSample(sampleOf('urge-notice'), recipient);
        expect(own.text).not.toContain('代理人');
        expect(own.html).not.toContain('代理人');
        expect(own.text.split('\n')[1]).toBe('');
      }
    });
  });

  describe('escaping', () => {
    const decision = (comment: string) => ({ ...(sampleOf('decision-made').data as TemplateData['decision-made']), comment });

    it('escapes what people typed in the HTML part, keeps it as typed in the text part and subject', () => {
      const mail = renderTemplate('decision-made', decision('<script>alert("x")</script> & 1 < 2\nsecond line'), SAMPLE_RECIPIENTS.en);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 1 &lt; 2<br>second line');
      expect(mail.text).toContain('Comment: <script>alert("x")</script> & 1 < 2\nsecond line');
    });

    it('does not read Handlebars syntax in data as a template', () => {
      const mail = renderTemplate('decision-made', decision('see {{matter.code}}'), SAMPLE_RECIPIENTS['zh-CN']);
      expect(mail.text).toContain('审批意见：see {{matter.code}}');
    });
  });

  describe('strict data', () => {
    const base = sampleOf('deadline-reminder').data as TemplateData['deadline-reminder'];
    const without = (path: string) => {
      const data = clone(base) as unknown as Record<string, unknown>;
      const keys = path.split('.');
      let node = data;
      for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
      delete node[keys[keys.length - 1]];
      return data as unknown as TemplateData['deadline-reminder'];
    };

    it.each([
      'matter.code',
      'matter.title',
      'matter.url',
      'matter.batchTitle',
      'deadline.dueAt',
      'deadline.kind',
      'offset',
      'ifMissed',
      'ifMissed.at',
    ])('throws when %s is missing', (path) => {
      for (const locale of LOCALES)
        expect(() => renderTemplate('deadline-reminder', without(path), SAMPLE_RECIPIENTS[locale])).toThrow(TemplateRenderError);
    });

    it("says in a deputy's digest which matters' reminders were held for the absent person, and links those acting for them", () => {
      const zh = renderSample(sampleOf('digest--deputy'), SAMPLE_RECIPIENTS['zh-CN']);
      const en = renderSample(sampleOf('digest--deputy'), SAMPLE_RECIPIENTS.en);
      for (const part of [zh.text, zh.html]) expect(part).toContain('代 王磊 办理');
      for (const part of [en.text, en.html]) expect(part).toContain('On behalf of 王磊');
      expect(zh.text).toContain('?onBehalfOf=00000000-0000-4000-8000-000000000001');
      // the deputy's own matter says nothing of anyone else
      expect(zh.text.match(/代 王磊 办理/g)).toHaveLength(1);
    });

    it('throws on a missing field inside a digest group', () => {
      const data = clone(sampleOf('digest').data as TemplateData['digest']);
      delete (data.groups[1].items[0] as Partial<(typeof data.groups)[number]['items'][number]>).offset;
      expect(() => renderTemplate('digest', data, SAMPLE_RECIPIENTS.en)).toThrow(/mail template digest \(en, \w+\): duration/);
    });

    it.each([
      ['an instant that is not one', { ...base, deadline: { ...base.deadline, dueAt: 'next Friday' } }, /time: expected an ISO instant/],
      ['an offset that is not one', { ...base, offset: 'soon' }, /duration: expected/],
      ['an empty localized text', { ...base, matter: { ...base.matter, title: {} } }, /text: expected/],
      ['an unknown deadline kind', { ...base, deadline: { ...base.deadline, kind: 'whenever' } }, /deadlineKind: expected one of/],
    ])('throws on %s', (_what, data, message) => {
      expect(() => renderTemplate('deadline-reminder', data as TemplateData['deadline-reminder'], SAMPLE_RECIPIENTS.en)).toThrow(message);
    });

    it('names the template, the language and the part in its error', () => {
      expect(() => renderTemplate('deadline-reminder', without('matter.code'), SAMPLE_RECIPIENTS['zh-CN'])).toThrow(
        /^mail template deadline-reminder \(zh-CN, subject\): /,
      );
    });

    it.each([
      ['locale', { ...SAMPLE_RECIPIENTS.en, locale: 'fr' }],
      ['time zone', { ...SAMPLE_RECIPIENTS.en, timeZone: 'Mars/Olympus' }],
    ])('refuses a recipient with an unknown %s', (_what, recipient) => {
      expect(() => renderTemplate('deadline-reminder', base, recipient as Recipient)).toThrow(TemplateRenderError);
    });
  });
});

describe('templates and catalogs', () => {
  const { templatesDir, localesDir } = notificationAssets();
  const catalogs = Object.fromEntries(LOCALES.map((l) => [l, loadCatalog(localesDir, l)]));

  it.each(TEMPLATE_NAMES)('%s has an HTML and a text template and a subject in every catalog', (name) => {
    expect(existsSync(join(templatesDir, `${name}.html.hbs`))).toBe(true);
    expect(existsSync(join(templatesDir, `${name}.text.hbs`))).toBe(true);
    for (const locale of LOCALES) expect(catalogs[locale].get(`subject.${name}`)).toEqual(expect.any(String));
    for (const locale of LOCALES) expect(catalogs[locale].get(`reason.${name}`)).toEqual(expect.any(String));
  });

  it('has the same keys in every catalog', () => {
    const [first, ...rest] = LOCALES;
    for (const locale of rest) expect([...catalogs[locale].keys()].sort()).toEqual([...catalogs[first].keys()].sort());
  });

  it('never names a catalog parameter after a helper, which Handlebars would call instead', () => {
    const helpers = [
      't',
      'text',
      'time',
      'date',
      'duration',
      'atDueTime',
      'verdict',
      'decision',
      'deadlineKind',
      'escalationTargets',
      'templateLabel',
      'multiline',
      'eq',
    ];
    const bare = new RegExp(`\\{\\{\\s*(${helpers.join('|')})\\s*\\}\\}`);
    for (const locale of LOCALES)
      for (const [key, entry] of catalogs[locale])
        for (const text of typeof entry === 'string' ? [entry] : Object.values(entry)) expect(`${key}: ${text}`).not.toMatch(bare);
  });
});
