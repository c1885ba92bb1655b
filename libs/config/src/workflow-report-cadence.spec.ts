import { readFileSync } from 'node:fs';
import { reportCadence } from '#domain';
import { WorkflowDefinitionError, loadWorkflowDefinitions, parseWorkflowDefinition } from './workflow-definitions.js';

const demo = readFileSync('config/workflows/demo.yaml', 'utf8');
const CADENCE = `  byRisk:
    - { riskAtLeast: high, every: PT20S }
    - { riskAtLeast: critical, every: PT10S }`;

function errorsOf(source: string) {
  try {
    parseWorkflowDefinition('config/workflows/demo.yaml', source);
  } catch (e) {
    if (e instanceof WorkflowDefinitionError) return e.errors;
    throw e;
  }
  throw new Error('expected the definition to be refused');
}

describe('progress report cadence in a workflow definition', () => {
  it('reports monthly in the production workflow, fortnightly when high risk and weekly when critical', () => {
    const pilot = loadWorkflowDefinitions('config/workflows').find((d) => d.body.name === 'reform-pilot')!.body;
    expect(pilot.progressReports.every).toBe('P1M');
    expect(['low', 'medium', 'high', 'critical'].map((l) => reportCadence(pilot.progressReports, l as 'low'))).toEqual([
      'P1M',
      'P1M',
      'P14D',
      'P7D',
    ]);
  });

  it('refuses a riskier level that would report less often, naming the entry', () => {
    expect(demo).toContain(CADENCE);
    const errors = errorsOf(demo.replace(CADENCE, CADENCE.replace('every: PT10S', 'every: PT30S')));
    expect(errors).toEqual([expect.objectContaining({ field: 'progressReports.byRisk[1].every', rule: 'tighter_for_higher_risk' })]);
  });

  it('refuses a level listed twice, and a risk cadence without a regular one', () => {
    expect(errorsOf(demo.replace(CADENCE, CADENCE.replace('critical', 'high')))).toContainEqual(
      expect.objectContaining({ field: 'progressReports.byRisk[1].riskAtLeast', rule: 'unique' }),
    );
    expect(errorsOf(demo.replace('every: PT45S', 'every: null'))).toEqual([
      expect.objectContaining({ field: 'progressReports.byRisk', rule: 'cadence_without_every' }),
    ]);
  });

  it('keeps a definition without byRisk as it was', () => {
    const body = parseWorkflowDefinition('config/workflows/demo.yaml', demo.replace(`${CADENCE}\n`, '')).body;
    expect(body.progressReports).not.toHaveProperty('byRisk');
    expect(reportCadence(body.progressReports, 'critical')).toBe('PT45S');
  });
});
