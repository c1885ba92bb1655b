import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { type WorkflowDefinitionBody, canonicalJson } from '#domain';
import { type FieldError, validate } from '#validation';
import { normalizeWorkflow, workflowFileSchema } from './workflow-definition.schema.js';

/** A definition file that breaks a rule: names the file, the path inside it and the rule. */
export class WorkflowDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly errors: FieldError[],
  ) {
    super(`invalid workflow definition ${file}:\n${errors.map((e) => `  - ${e.field}: ${e.message} (rule: ${e.rule})`).join('\n')}`);
    this.name = 'WorkflowDefinitionError';
  }
}

export interface LoadedDefinition {
  file: string;
  body: WorkflowDefinitionBody;
  /** SHA-256 of the body's canonical JSON: a changed file gets a new version, an unchanged one does not. */
  checksum: string;
}

/** Parses and validates one definition's YAML text. */
export function parseWorkflowDefinition(file: string, source: string): LoadedDefinition {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new WorkflowDefinitionError(
      file,
      doc.errors.map((e) => ({
        field: e.linePos ? `line ${e.linePos[0].line}` : '$',
        rule: 'yaml_syntax',
        message: e.message.split('\n')[0],
      })),
    );
  }
  const parsed = validate(workflowFileSchema, doc.toJS());
  if (!parsed.ok) throw new WorkflowDefinitionError(file, parsed.errors);
  const expectedName = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.name !== expectedName) {
    throw new WorkflowDefinitionError(file, [
      { field: 'name', rule: 'matches_file_name', message: `must be "${expectedName}", the file's name` },
    ]);
  }
  const body = normalizeWorkflow(parsed.data);
  return { file, body, checksum: createHash('sha256').update(canonicalJson(body)).digest('hex') };
}

/** Every `*.yaml` in the directory, validated; the first bad file stops the load. */
export function loadWorkflowDefinitions(dir: string): LoadedDefinition[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (e) {
    throw new Error(`cannot read the workflow definitions directory ${dir}: ${(e as Error).message}`, { cause: e });
  }
  if (names.length === 0) throw new Error(`no workflow definitions (*.yaml) in ${dir}`);
  return names.map((n) => {
    const path = join(dir, n);
    return parseWorkflowDefinition(relative(process.cwd(), path) || path, readFileSync(path, 'utf8'));
  });
}
