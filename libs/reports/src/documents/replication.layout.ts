import type { ExperienceEntry, ReplicationReport, RubricCriterion, TargetResult } from '../model.js';
import { type ReportFormat, paragraphs } from './format.js';
import { closingMeta, code, heading, link, note, paragraph, strong } from './layout-common.js';
import type { Block, DocumentOutline, Rich } from './outline.js';

/**
 * 复制推广经验清单: what the list is (number or draft, when and by whom issued), how many
 * experiences per policy area, then each experience as a reader elsewhere needs it to copy it:
 * the matter, the practice, the conditions, where it suits, whom to ask, how it was scored and
 * which targets it reached, with the evidence.
 */
export function layoutReplication(r: ReplicationReport, f: ReportFormat): DocumentOutline {
  const L = f.labels.replication;
  const blocks: Block[] = [];
  const numbered = r.number === null ? L.draft : L.numbered(r.number);

  if (r.number === null) blocks.push(note(L.draftNote));
  blocks.push({
    kind: 'fields',
    items: [
      { label: L.number, value: [numbered] },
      ...(r.issuedAt ? [{ label: L.issuedAt, value: [f.time(r.issuedAt, 'issuedAt')] }] : []),
      ...(r.issuedBy ? [{ label: L.issuedBy, value: [f.labels.personInUnit(f.plain(r.issuedBy.name), f.unit(r.issuedBy.unit))] }] : []),
      ...closingMeta(r, f),
    ],
  });

  const experiences = r.groups.reduce((n, g) => n + g.experiences.length, 0);
  const areaHeading = (i: number) =>
    `${f.labels.section(i + 2)}${L.area(f.text(r.groups[i].policyArea.title), r.groups[i].experiences.length)}`;
  // ids unique even if two areas' keys differ only in characters an anchor cannot hold
  const anchor = (i: number) =>
    `area-${i + 1}-${r.groups[i].policyArea.key.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`.replace(/-+$/, '');
  if (r.groups.length > 0)
    blocks.push({
      kind: 'toc',
      title: f.labels.contents,
      entries: [
        { text: `${f.labels.section(1)}${L.summary}`, anchor: 'summary' },
        ...r.groups.map((_g, i) => ({ text: areaHeading(i), anchor: anchor(i) })),
      ],
    });
  blocks.push(heading(2, `${f.labels.section(1)}${L.summary}`, 'summary'));
  if (experiences === 0) blocks.push(note(L.empty));
  else {
    blocks.push(paragraph(L.summaryText(experiences, r.groups.filter((g) => g.experiences.length > 0).length)));
    blocks.push({
      kind: 'table',
      columns: [
        { header: L.policyArea, weight: 3 },
        { header: L.experiences, weight: 1, align: 'right' },
      ],
      rows: r.groups.map((g) => [[f.text(g.policyArea.title)], [f.count(g.experiences.length)]]),
    });
  }

  const rubric = new Map(r.rubric.map((c) => [c.key, c]));
  let n = 0;
  r.groups.forEach((g, i) => {
    blocks.push(heading(2, areaHeading(i), anchor(i)));
    if (g.experiences.length === 0) blocks.push(note(L.emptyArea));
    for (const e of g.experiences) blocks.push(...experience(++n, e, rubric, f));
  });
  if (r.adoptions && r.adoptions.items.length > 0) blocks.push(...adoptions(r.adoptions, r.number !== null, r.groups.length + 2, f));

  return {
    locale: f.locale,
    title: f.text(r.title),
    subtitle: r.issuedAt ? `${numbered} · ${f.date(r.issuedAt, 'issuedAt')}` : numbered,
    orientation: 'portrait',
    labelSeparator: f.labels.labelSeparator,
    pageOf: f.labels.pageOf,
    blocks,
  };
}

/** The last section: where higher authorities adopted or promoted the list's experiences, in their own batches. */
function adoptions(a: NonNullable<ReplicationReport['adoptions']>, issued: boolean, section: number, f: ReportFormat): Block[] {
  const L = f.labels.replication;
  return [
    heading(2, `${f.labels.section(section)}${L.adoptions}`, 'adoptions'),
    note(L.adoptionsNote(f.time(a.asOf, 'adoptions.asOf'), issued)),
    {
      kind: 'table',
      columns: [
        { header: L.experienceColumn, weight: 4 },
        { header: L.authority, weight: 2.5 },
        { header: L.adoptionBatch, weight: 1.6 },
        { header: L.adoptionIssuedOn, weight: 1.3, noWrap: true },
        { header: L.adoptionDocument, weight: 3 },
      ],
      rows: a.items.map((x): Rich[] => [
        [code(x.matterCode), ` ${f.text(x.experienceTitle)}`],
        [f.unit(x.authority)],
        [`${L.authorityBatch(x.batchNumber)} ${L.adoptionAction[x.action]}`],
        [x.issuedOn ? f.localDate(x.issuedOn, 'adoptions.issuedOn') : f.labels.none],
        [[x.batchTitle ? f.text(x.batchTitle) : '', x.documentNumber ?? ''].filter(Boolean).join(' ') || f.labels.none],
      ]),
    },
  ];
}

function experience(n: number, e: ExperienceEntry, rubric: Map<string, RubricCriterion>, f: ReportFormat): Block[] {
  const L = f.labels.replication;
  const list = (items: string[]) => (items.length === 0 ? f.labels.none : items.map((s) => s.trim()).join(f.labels.listSeparator));
  const out: Block[] = [
    heading(3, L.experience(n, f.text(e.title))),
    {
      kind: 'fields',
      items: [
        { label: L.matter, value: [code(e.matter.code), ` ${f.text(e.matter.title)}`] },
        { label: L.batch, value: [f.text(e.matter.batch.title), f.labels.parenOpen, code(e.matter.batch.code), f.labels.parenClose] },
        { label: L.leadingUnit, value: [f.unit(e.matter.leadingUnit)] },
        { label: L.contactUnit, value: [f.unit(e.contactUnit)] },
        { label: L.regions, value: [list(e.regions)] },
        { label: L.fields, value: [list(e.fields)] },
        { label: L.recordedAt, value: [f.time(e.recordedAt, 'recordedAt')] },
        { label: L.link, value: [link(e.matter.url)] },
      ],
    },
    heading(4, L.practice),
    ...textBlocks(f.text(e.practice), f),
    heading(4, L.conditions),
    ...textBlocks(f.text(e.conditions), f),
    heading(4, L.evaluation),
  ];

  const ev = e.evaluation;
  out.push({
    kind: 'fields',
    items: [
      { label: L.evaluator, value: [f.labels.personInUnit(f.plain(ev.evaluator.name), f.unit(ev.evaluator.unit))] },
      { label: L.evaluatedAt, value: [f.time(ev.loggedAt, 'evaluation.loggedAt')] },
      { label: L.narrative, value: [f.plain(ev.narrative)] },
    ],
  });
  if (ev.scores.length === 0) out.push(note(L.noScores));
  else
    out.push({
      kind: 'table',
      columns: [
        { header: L.criterion, weight: 4 },
        { header: L.range, weight: 1, align: 'right' },
        { header: L.score, weight: 1, align: 'right' },
      ],
      rows: [
        ...ev.scores.map((s): Rich[] => {
          const c = rubric.get(s.criterion);
          return [
            [c ? f.text(c.title) : s.criterion],
            [c ? `${f.number(c.min)}–${f.number(c.max)}` : f.labels.none],
            [f.number(s.score, 'score')],
          ];
        }),
        [[strong(L.average)], [''], [strong(f.number(ev.averageScore, 'averageScore'))]],
      ],
    });

  out.push(heading(4, L.results));
  if (ev.results.length === 0) out.push(note(L.noResults));
  else
    out.push({
      kind: 'table',
      columns: [
        { header: L.indicator, weight: 2.8 },
        { header: L.baseline, weight: 1.3, align: 'right' },
        { header: L.target, weight: 1.3, align: 'right' },
        { header: L.byDate, weight: 1, noWrap: true },
        { header: L.actual, weight: 1.3, align: 'right' },
        { header: L.met, weight: 1.5 },
        { header: L.evidence, weight: 4 },
      ],
      rows: ev.results.map((t) => result(t, f)),
    });
  return out;
}

function result(t: TargetResult, f: ReportFormat): Rich[] {
  const L = f.labels.replication;
  const evidence: Rich = [f.plain(t.evidence.text)];
  const links = t.evidence.links.filter((l) => l.trim() !== '');
  const withLinks: Rich = links.length === 0 ? evidence : [...evidence, ...links.flatMap((l) => ['\n', link(l)])];
  return [
    [f.text(t.indicator)],
    [f.measure(t.baseline, t.unit, 'baseline')],
    [f.measure(t.targetValue, t.unit, 'targetValue')],
    [f.localDate(t.byDate, 'byDate')],
    [f.measure(t.actualValue, t.unit, 'actualValue')],
    [t.met === null ? L.metUnknown : t.met ? L.metYes : L.metNo],
    withLinks,
  ];
}

/** A text as paragraphs, or the dash when it is empty. */
function textBlocks(text: string, f: ReportFormat): Block[] {
  const ps = paragraphs(text);
  return ps.length === 0 ? [paragraph(f.labels.none)] : ps.map((p) => paragraph(p));
}
