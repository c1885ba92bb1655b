import { readFileSync } from 'node:fs';
import { loadWorkflowDefinitions, parseWorkflowDefinition, WorkflowDefinitionError } from './workflow-definitions.js';

const demo = readFileSync('config/workflows/demo.yaml', 'utf8');

function errorsOf(source: string, file = 'config/workflows/demo.yaml') {
  try {
    parseWorkflowDefinition(file, source);
  } catch (e) {
    if (e instanceof WorkflowDefinitionError) return e;
    throw e;
  }
  throw new Error('expected the definition to be refused');
}

describe(loadWorkflowDefinitions.name, () => {
  it('loads the shipped definitions with defaults filled and reminders ordered', () => {
    const defs = loadWorkflowDefinitions('config/workflows');
    expect(defs.map((d) => d.body.name)).toEqual(['demo', 'reform-pilot']);
    const pilot = defs.find((d) => d.body.name === 'reform-pilot')!.body;
    expect(pilot.stages.in_implementation.reminders).toEqual(['P30D', 'P7D', 'P1D', 'PT0S']);
    expect(pilot.stages.draft.escalation.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(pilot.approval.steps.filter((s) => s.legalAuthorization).map((s) => s.key)).toEqual(['legal-authorization']);
  });

  it('gives an unchanged file the same checksum and a changed one another', () => {
    const a = parseWorkflowDefinition('config/workflows/demo.yaml', demo);
    const b = parseWorkflowDefinition('config/workflows/demo.yaml', `${demo}\n# a comment changes nothing\n`);
    const c = parseWorkflowDefinition('config/workflows/demo.yaml', demo.replace('due: PT60S', 'due: PT61S'));
    expect(b.checksum).toBe(a.checksum);
    expect(c.checksum).not.toBe(a.checksum);
  });

  it('names the file, the path and the rule of an invalid duration', () => {
    const e = errorsOf(demo.replace('due: PT90S', 'due: 90 seconds'));
    expect(e.message).toContain('config/workflows/demo.yaml');
    expect(e.errors).toEqual([expect.objectContaining({ field: 'stages.in_implementation.due', rule: 'duration' })]);
  });

  it('refuses an expression instead of the fixed condition vocabulary', () => {
    const e = errorsOf(demo.replace('when: { riskAtLeast: high }', "when: { expression: 'matter.risk > 2' }"));
    expect(e.errors).toContainEqual(expect.objectContaining({ field: 'approval.steps[2].when.expression', rule: 'unknown_field' }));
  });

  it('refuses a chain whose every step is conditional, and a legal step without its condition', () => {
    const e = errorsOf(
      demo
        .replace(
          '      unit: leading_unit\n      due: PT20S',
          '      unit: leading_unit\n      when: { kindIn: [reform_measure] }\n      due: PT20S',
        )
        .replace(
          '      unit: reform_office\n      due: PT20S',
          '      unit: reform_office\n      when: { riskAtLeast: low }\n      due: PT20S',
        )
        .replace('when: { requiresLegalAuthorization: true }', 'when: { riskAtLeast: low }'),
    );
    expect(e.errors.map((x) => x.rule)).toEqual(expect.arrayContaining(['unconditional_step', 'legal_step_condition']));
  });

  it('refuses escalation levels out of order', () => {
    const e = errorsOf(demo.replace('after: PT4S', 'after: PT1S'));
    expect(e.errors).toContainEqual(expect.objectContaining({ field: 'defaults.escalation[1].after', rule: 'increasing' }));
  });

  it('refuses a name that differs from the file name, and YAML syntax errors', () => {
    expect(errorsOf(demo, 'config/workflows/other.yaml').errors[0]).toMatchObject({ field: 'name', rule: 'matches_file_name' });
    expect(errorsOf('name: demo\n  bad: [', 'config/workflows/demo.yaml').errors[0]).toMatchObject({ rule: 'yaml_syntax' });
  });
});

describe('orders.auto (自动督办)', () => {
  const demo = readFileSync('config/workflows/demo.yaml', 'utf8');
  const withAuto = (auto: string) => demo.replace(/^milestones:/m, `orders:\n  auto:\n${auto}\nmilestones:`);

  it('keeps the rules in the stored body', () => {
    const body = parseWorkflowDefinition(
      'demo.yaml',
      withAuto('    - { colour: red, overdueBy: { workingDays: 5 } }\n    - { colour: blue, dueWithin: P3D, kinds: [milestone] }'),
    ).body;
    expect(body.orders?.auto).toEqual([
      { colour: 'red', overdueBy: { workingDays: 5 } },
      { colour: 'blue', dueWithin: 'P3D', kinds: ['milestone'] },
    ]);
  });

  it('refuses a rule with both times or neither, and the same colour at the same time twice, naming the place', () => {
    expect(() => parseWorkflowDefinition('demo.yaml', withAuto('    - { colour: red, overdueBy: P1D, dueWithin: P1D }'))).toThrow(
      /orders\.auto\[0\]: a rule names exactly one/,
    );
    expect(() => parseWorkflowDefinition('demo.yaml', withAuto('    - { colour: red }'))).toThrow(/exactly one of overdueBy/);
    expect(() =>
      parseWorkflowDefinition('demo.yaml', withAuto('    - { colour: red, overdueBy: P1D }\n    - { colour: red, overdueBy: P1D }')),
    ).toThrow(/same colour at the same time twice/);
    expect(() => parseWorkflowDefinition('demo.yaml', withAuto('    - { colour: red, overdueBy: P1D, kinds: [order] }'))).toThrow(
      /orders\.auto\[0\]\.kinds/,
    );
  });
});
