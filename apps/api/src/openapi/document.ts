import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX } from '../http/paths.js';
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
          'Write commands carry the version last read (If-Match or a "version" field); errors are application/problem+json (RFC 9457).',
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
      if (op) op.responses = { ...problemsOf(path, method, op), ...op.responses };
    }
  return document;
}

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
 * missing version (428) where it takes If-Match; too many sign-in attempts (429) on the sign-ins.
 * The examples are answers the api really gives (test/e2e/bad-input, permissions, concurrency).
 */
function problemsOf(path: string, method: string, op: Operation): Operation['responses'] {
  const params = (op.parameters ?? []) as Array<{ in?: string; name?: string }>;
  const out: Operation['responses'] = {};
  if (op.requestBody || params.some((p) => p.in === 'query' || p.in === 'path'))
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
