import type { FieldError } from '#validation';

/** An RFC 9457 problem details body, with the field and rule of each broken input. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Stable, dotted name of the rule: `validation.failed`, `version.stale`, `approval.not_your_step`. */
  code: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string): string => `urn:reformflow:problem:${code}`;

/** A problem an edge raises deliberately (bad body, missing precondition); the filter writes it out. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** A problem answered before to a request with the same Idempotency-Key, answered again as it was. */
export class ReplayedProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ReplayedProblem';
  }
}

export const badRequest = (
  errors: FieldError[],
  detail = 'the request is invalid; see errors for each field and the rule it breaks',
): ProblemError => new ProblemError(400, 'validation.failed', 'Invalid request', detail, errors);

/** The OpenAPI schema of a problem body, for the docs. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:reformflow:problem:validation.failed' },
    title: { type: 'string', example: 'Invalid request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    instance: { type: 'string', example: '/matters/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/approve' },
    code: { type: 'string', example: 'validation.failed' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', example: 'milestones[0].dueIn' },
          rule: { type: 'string', example: 'duration' },
          message: { type: 'string' },
        },
      },
    },
  },
};

/** What the JSON body parser's UTF-8 check says; Nest hands it to the filter as a plain HttpException carrying this message. */
export const INVALID_UTF8 = 'the request body is not valid UTF-8';
