/** What is wrong with a file, and where: every problem names the row (a line of the file), the field and the rule. */
export interface RowProblem {
  /** The line of the file as an editor numbers it (1 = the first); for a CSV, the line its record starts on. */
  row: number;
  /** The field as the file names it: a CSV column (`target1.byDate`), or a path inside a YAML entry (`targets[0].byDate`). */
  field: string;
  rule: string;
  message: string;
}

/** A seed file that breaks a rule: names the file and every problem in it. */
export class SeedFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: RowProblem[],
  ) {
    super(`invalid seed file ${file}:\n${problems.map((p) => `  - line ${p.row}: ${p.field}: ${p.message} (rule: ${p.rule})`).join('\n')}`);
    this.name = 'SeedFileError';
  }
}

/** Several files, each with its problems: what `readSeedSet` throws so one run lists everything wrong. */
export class SeedSetError extends Error {
  constructor(readonly files: SeedFileError[]) {
    super(files.map((f) => f.message).join('\n'));
    this.name = 'SeedSetError';
  }
}

/** An import file that cannot be read as a batch at all: wrong encoding, delimiter, header or syntax (HTTP 400). */
export class ImportFileError extends Error {
  constructor(
    readonly problems: RowProblem[],
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(problems.map((p) => `row ${p.row}: ${p.field}: ${p.message} (rule: ${p.rule})`).join('\n'));
    this.name = 'ImportFileError';
  }
}

/** Rows that break a rule: nothing was written (HTTP 422). */
export class ImportRejectedError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(`the import was refused and nothing was written: ${problems.length} problem(s)`);
    this.name = 'ImportRejectedError';
  }
}

/** The batch the file names exists already, and the import was not asked to add to it (HTTP 409). */
export class BatchExistsError extends Error {
  constructor(
    readonly code: string,
    readonly batchId: string,
  ) {
    super(`a batch with code ${code} exists already: import with mode=append to add matters to it`);
    this.name = 'BatchExistsError';
  }
}

export const byRow = (a: RowProblem, b: RowProblem): number => a.row - b.row || a.field.localeCompare(b.field);
