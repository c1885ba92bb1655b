/**
 * Renders a notification mail (subject, plain text, HTML) in the recipient's language and
 * time zone, from libs/notifications/templates/*.hbs and libs/notifications/locales/*.json.
 *
 * One template per part serves both languages, every word coming from the locale catalogs
 * through `{{t "key"}}`, rather than a template per language:
 *  - what a mail says and in which order (the lead: what to do by when; what is due; what
 *    happens if it is missed; the matter; the link) is the same in Chinese and English.
 *    Written once, the two cannot drift apart: a field added to a mail appears in both.
 *  - word order is not the same, so catalog strings are whole sentences with named
 *    parameters (`请于{{due}}前办理：{{what}}。` / `Please complete the following by {{due}}: {{what}}.`),
 *    never fragments the template glues together. Subjects are catalog strings too, rendered
 *    against the template's data (`【催办】{{matter.code}} …`).
 *  - a translator edits two JSON files side by side, and a test keeps their keys equal.
 *
 * Strict: templates compile with `strict: true`, `{{#if}}`/`{{#each}}` refuse a missing field,
 * and every helper refuses undefined or malformed values, so a field the composer forgot
 * throws instead of rendering empty or as "undefined". HTML parts escape every value
 * (Handlebars' default); plain-text parts and subjects do not (`noEscape`).
 *
 * Files: tsc does not copy .hbs or .json into dist/, so they are read where they are kept,
 * `<root>/libs/notifications/{templates,locales}`, `<root>` being the nearest folder above this
 * module with a package.json: the same from src/ under jest and from dist/ under node. A
 * deployment ships those two folders beside package.json.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { LOCALES, type Locale, isTimeZone } from '#domain';
import { type Catalog, CatalogError, loadCatalog, pluralForm } from './catalog.js';
import type { Words } from './formatters.js';
import { WORDS_KEY, registerHelpers } from './helpers.js';
import { type Recipient, type RenderedMail, TEMPLATE_NAMES, type TemplateData, type TemplateName } from './template-data.js';

export interface NotificationAssets {
  /** `<name>.html.hbs`, `<name>.text.hbs`, and partials `_<partial>.html.hbs` / `_<partial>.text.hbs`. */
  templatesDir: string;
  /** `<locale>.json` for every locale. */
  localesDir: string;
}

export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';
}

/** The template and catalog folders, found from this module's own location (see the header). */
export function notificationAssets(): NotificationAssets {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}: cannot find the mail templates`);
    dir = up;
  }
  const lib = join(dir, 'libs', 'notifications');
  const assets = { templatesDir: join(lib, 'templates'), localesDir: join(lib, 'locales') };
  for (const d of Object.values(assets))
    if (!existsSync(d)) throw new Error(`mail templates: ${d} is missing (it ships beside package.json)`);
  return assets;
}

type Part = 'html' | 'text';
type Compiled = Handlebars.TemplateDelegate;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Template indentation and conditional blocks leave blank runs behind: one blank line between paragraphs, none trailing. */
const tidyText = (s: string) =>
  `${s
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
const tidyHtml = (s: string) =>
  `${s
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .join('\n')}\n`;

class MailTemplates {
  private readonly hb = Handlebars.create();
  private readonly catalogs: Record<Locale, Catalog>;
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly assets: NotificationAssets) {
    registerHelpers(this.hb);
    this.catalogs = { 'zh-CN': loadCatalog(assets.localesDir, 'zh-CN'), en: loadCatalog(assets.localesDir, 'en') };
    for (const file of readdirSync(assets.templatesDir)) {
      const m = /^_(.+)\.(html|text)\.hbs$/.exec(file);
      if (m) this.hb.registerPartial(`${m[1]}.${m[2]}`, this.compileFile(file, m[2] as Part));
    }
  }

  render<N extends TemplateName>(name: N, data: TemplateData[N], recipient: Recipient): RenderedMail {
    if (!(TEMPLATE_NAMES as readonly string[]).includes(name))
      throw new TemplateRenderError(`no mail template named ${JSON.stringify(name)}`);
    if (!(LOCALES as readonly string[]).includes(recipient.locale))
      throw new TemplateRenderError(`${name}: recipient locale ${JSON.stringify(recipient.locale)} is not one of ${LOCALES.join(', ')}`);
    if (!isTimeZone(recipient.timeZone))
      throw new TemplateRenderError(`${name}: recipient time zone ${JSON.stringify(recipient.timeZone)} is unknown`);
    // the templates' strict {{#if}} refuses a missing field: an own mail says null
    const runtime: Record<string, unknown> = {
      recipient: { ...recipient, onBehalfOf: recipient.onBehalfOf ?? null },
      locale: recipient.locale,
      template: name,
    };
    runtime[WORDS_KEY] = this.words(recipient, runtime);
    const words = runtime[WORDS_KEY] as Words;
    const step = <T>(part: string, run: () => T): T => {
      try {
        return run();
      } catch (e) {
        throw new TemplateRenderError(`mail template ${name} (${recipient.locale}, ${part}): ${(e as Error).message}`, { cause: e });
      }
    };
    const subject = step('subject', () => oneLine(words.translate(`subject.${name}`, data as Record<string, unknown>)));
    runtime.subject = subject;
    const text = step('text', () => tidyText(this.template(name, 'text')(data, { data: runtime })));
    const html = step('html', () => tidyHtml(this.template(name, 'html')(data, { data: runtime })));
    return { subject, text, html };
  }

  /** The recipient's catalog, zone and a translate() whose strings may use every helper (subjects do). */
  private words(recipient: Recipient, runtime: Record<string, unknown>): Words {
    const catalog = this.catalogs[recipient.locale];
    return {
      locale: recipient.locale,
      timeZone: recipient.timeZone,
      has: (key) => catalog.has(key),
      translate: (key, params = {}) => {
        const entry = catalog.get(key);
        if (entry === undefined) throw new CatalogError(`no "${key}" in the ${recipient.locale} catalog`);
        const { form, text } = pluralForm(entry, params.count);
        const id = `${recipient.locale}\0${key}\0${form}`;
        let compiled = this.compiled.get(id);
        if (!compiled) {
          compiled = this.hb.compile(text, { strict: true, noEscape: true });
          this.compiled.set(id, compiled);
        }
        return compiled(params, { data: runtime });
      },
    };
  }

  private template(name: TemplateName, part: Part): Compiled {
    const id = `${name}.${part}`;
    let compiled = this.compiled.get(id);
    if (!compiled) {
      compiled = this.compileFile(`${name}.${part}.hbs`, part);
      this.compiled.set(id, compiled);
    }
    return compiled;
  }

  private compileFile(file: string, part: Part): Compiled {
    const source = readFileSync(join(this.assets.templatesDir, file), 'utf8');
    return this.hb.compile(source, { strict: true, noEscape: part === 'text' });
  }
}

let templates: MailTemplates | undefined;

/**
 * The subject, plain text and HTML of one mail. Synchronous; templates and catalog strings
 * are compiled on first use and kept. Throws TemplateRenderError when a field is missing or
 * malformed, naming the template, the locale and the part.
 */
export function renderTemplate<N extends TemplateName>(name: N, data: TemplateData[N], recipient: Recipient): RenderedMail {
  templates ??= new MailTemplates(notificationAssets());
  return templates.render(name, data, recipient);
}
