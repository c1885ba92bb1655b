import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX } from '../http/paths.js';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER, takesIdempotencyKey } from '../http/idempotency.js';
import { PROBLEM_CONTENT_TYPE, PROBLEM_SCHEMA } from '../http/problem.js';
import responseSchemas from './response-schemas.json' with { type: 'json' };

/**
 * The API's OpenAPI document: request schemas from the zod schemas at each route, response
 * schemas generated from the TypeScript types of apps/api/src/openapi/responses.ts
 * (response-schemas.json, written by `npm run api:schema`), and the problem+json body.
 * The web app's client is typed from exactly this document (apps/web/src/api/openapi.json).
 */
export function openApiDocument(app: INestApplication, responses: Record<string, unknown> = responseSchemas): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Reformflow API')
      .setDescription(
        `Authorized reform matters from draft to closure. Scripts sign in with POST /${API_PREFIX}/auth/login and send the token as a bearer token; ` +
          `the web app signs in with POST /${API_PREFIX}/auth/session (an httpOnly cookie, with X-CSRF-Token on writes). ` +
          'Write commands carry the version last read (If-Match or a "version" field), and may carry an Idempotency-Key so a retry answers the first answer again; ' +
          'errors are application/problem+json (RFC 9457).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(responses as Record<string, object>), Problem: PROBLEM_SCHEMA },
  };
  for (const [path, item] of Object.entries(document.paths))
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      if (op.security?.length && takesIdempotencyKey(method, path)) op.parameters = [...(op.parameters ?? []), IDEMPOTENCY_KEY_PARAMETER];
      op.responses = { ...problemsOf(path, method, op), ...op.responses };
    }
  return document;
}

/** The Idempotency-Key header of every signed-in write that takes one (apps/api/src/http/idempotency.interceptor.ts). */
const IDEMPOTENCY_KEY_PARAMETER = {
  name: IDEMPOTENCY_HEADER,
  in: 'header' as const,
  required: false,
  description:
    'Any 1–255 printable ASCII characters you choose for this request (a UUID): a retry with the same key and the same body within 24 hours ' +
    `answers the first answer again (status, body, ETag, Location, with ${REPLAYED_HEADER}: true) and writes nothing. ` +
    'Keys are per person. The same key with another body is a 422; while the first request runs, a 409 with Retry-After.',
  schema: {
    type: 'string' as const,
    minLength: 1,
    maxLength: 255,
    pattern: '^[\\x20-\\x7E]+$',
    example: '0f8fad5b-d9cb-469f-a165-70867728950e',
  },
};

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const problem = (description: string, example: Record<string, unknown>) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' }, example } },
});
const urn = (code: string) => `urn:reformflow:problem:${code}`;

/**
 * The problem+json answers an operation can give, derived from what it takes: bad input (400)
 * where it reads a body, a query or a path parameter; not signed in (401) and not permitted (403)
 * unless it is public; not found (404) where a path names a resource; a version conflict (409) and a
 * missing version (428) where it takes If-Match; a key still in progress (409) and a key reused with
 * another body (422) where it takes an Idempotency-Key; too many sign-in attempts (429) on the sign-ins.
 * The examples are answers the api really gives (test/e2e/bad-input, permissions, concurrency).
 */
function problemsOf(path: string, method: string, op: Operation): Operation['responses'] {
  const params = (op.parameters ?? []) as Array<{ in?: string; name?: string }>;
  const idempotent = params.some((p) => p.in === 'header' && p.name === IDEMPOTENCY_HEADER);
  const out: Operation['responses'] = {};
  if (op.requestBody || idempotent || params.some((p) => p.in === 'query' || p.in === 'path'))
    out['400'] = problem('Bad input: each field with the rule it breaks', {
      type: urn('validation.failed'),
      title: 'Invalid request',
      status: 400,
      detail: 'the request has 1 invalid field',
      code: 'validation.failed',
      errors: [
        { field: 'milestones[0].dueIn', rule: 'duration', message: 'must be an ISO-8601 duration such as P30D, P2W, PT12H or PT5S' },
      ],
    });
  if (op.security?.length) {
    out['401'] = problem('Not signed in, or the session or token has expired', {
      type: urn('auth.unauthorized'),
      title: 'Not signed in',
      status: 401,
      detail: 'the session has ended: sign in again',
      code: 'auth.unauthorized',
    });
    out['403'] = problem('Signed in, but this person may not do this (or, on a write from the web app, no CSRF token)', {
      type: urn('auth.role_required'),
      title: 'Not permitted',
      status: 403,
      detail: 'this needs one of the roles: reform_office',
      code: 'auth.role_required',
    });
  }
  if (params.some((p) => p.in === 'path'))
    out['404'] = problem('Nothing has this id (or the reader may not know it exists)', {
      type: urn('matter.unknown'),
      title: 'Not found',
      status: 404,
      detail: 'no matter has this id',
      code: 'matter.unknown',
      errors: [{ field: 'id', rule: 'matter.unknown', message: 'no matter has this id' }],
    });
  if (method !== 'get' && params.some((p) => p.in === 'header' && p.name === 'If-Match')) {
    out['409'] = problem('Someone changed it since the version sent, or the state does not allow it now', {
      type: urn('version.stale'),
      title: 'Conflict',
      status: 409,
      detail: 'the matter changed since you read it (you sent version 7, it is now at 8): read it again and retry',
      code: 'version.stale',
      currentVersion: 8,
    });
    out['428'] = problem('No version sent: If-Match or a "version" field is required', {
      type: urn('version.required'),
      title: 'Version required',
      status: 428,
      detail:
        'send the version you last read, as an If-Match header ("3") or a "version" field, so a change made meanwhile is not overwritten',
      code: 'version.required',
    });
  }
  // a list of matters, each with its version, in the body: each item can be unknown, stale or refused by a rule
  if (method === 'post' && path.endsWith('/matters/urge-notices')) {
    out['404'] = problem('A matter of the list does not exist (or the reader may not know it)', {
      type: urn('matter.unknown'),
      title: 'Not found',
      status: 404,
      detail: 'matters[1]: no matter has this id',
      code: 'matter.unknown',
      errors: [{ field: 'matters[1].id', rule: 'matter.unknown', message: 'matters[1]: no matter has this id' }],
    });
    out['409'] = problem('A matter of the list changed since the version sent: nothing was written', {
      type: urn('version.stale'),
      title: 'Conflict with the current state',
      status: 409,
      detail: 'matters[2]: the matter is at version 8, not 7: read it again',
      code: 'version.stale',
      errors: [
        { field: 'matters[2].version', rule: 'version.stale', message: 'matters[2]: the matter is at version 8, not 7: read it again' },
      ],
    });
    out['422'] = problem('A matter of the list cannot be urged (not overdue): nothing was written', {
      type: urn('urge.not_overdue'),
      title: 'Refused by a business rule',
      status: 422,
      detail: 'matters[1]: an urge notice is sent only on an overdue matter: none of its deadlines has passed',
      code: 'urge.not_overdue',
      errors: [{ field: 'matters[1]', rule: 'urge.not_overdue', message: 'matters[1]: an urge notice is sent only on an overdue matter' }],
    });
  }
  if (idempotent) {
    // an answer the operation documents already keeps its example; the key's case is added to its description
    const alsoOr = (status: '409' | '422', why: string, example: Record<string, unknown>, alone: string) => {
      const given = out[status] as { description: string } | undefined;
      out[status] = given ? { ...given, description: `${given.description}; or ${why}` } : problem(alone, example);
    };
    alsoOr(
      '409',
      'the first request with this Idempotency-Key is still running (idempotency_key.in_progress, with Retry-After)',
      {
        type: urn('idempotency_key.in_progress'),
        title: 'Conflict with the current state',
        status: 409,
        detail: 'the first request with this Idempotency-Key is still running: retry in 1 s to get its answer',
        code: 'idempotency_key.in_progress',
        errors: [{ field: 'Idempotency-Key', rule: 'idempotency_key.in_progress', message: 'names a request that has not answered yet' }],
        retryAfter: 1,
      },
      'The first request with this Idempotency-Key is still running: retry after Retry-After seconds for its answer',
    );
    alsoOr(
      '422',
      'this Idempotency-Key was sent before with another body (idempotency_key.reused_with_other_body)',
      {
        type: urn('idempotency_key.reused_with_other_body'),
        title: 'Refused by a business rule',
        status: 422,
        detail: 'this Idempotency-Key was sent before with another body: a retry must send the same body, a new request a new key',
        code: 'idempotency_key.reused_with_other_body',
        errors: [
          { field: 'Idempotency-Key', rule: 'idempotency_key.reused_with_other_body', message: 'was used for a request with another body' },
        ],
      },
      'Refused by a rule: a business rule of this operation, or an Idempotency-Key sent before with another body',
    );
  }
  if (method === 'post' && /\/auth\/(login|session)$/.test(path))
    out['429'] = problem('Too many failed sign-ins for this account or address: wait as Retry-After says', {
      type: urn('auth.too_many_attempts'),
      title: 'Too many sign-in attempts',
      status: 429,
      detail: 'too many sign-in attempts: try again in 60 seconds',
      code: 'auth.too_many_attempts',
      retryAfter: 60,
    });
  return out;
}
