import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX } from '../http/paths.js';
import { PROBLEM_SCHEMA } from '../http/problem.js';
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
  return document;
}
