import { Body, Param, type PipeTransform, Query, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { type FieldError, fieldPath, validate } from '#validation';
import { badRequest } from './problem.js';

/**
 * Strings PostgreSQL cannot store (NUL) or JSON cannot round-trip (lone surrogates)
 * are refused at the door, wherever they hide in the input, and so is nesting no
 * request needs.
 */
// String.prototype.isWellFormed is in Node 20 but not in the ES2023 typings we target
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Far deeper than any request body nests (milestones[0].title.zh is four levels); bounds the walk below. */
const MAX_DEPTH = 32;

function unstorableStrings(value: unknown, path: PropertyKey[] = [], out: FieldError[] = []): FieldError[] {
  if (path.length > MAX_DEPTH) {
    // a body of nested arrays fits thousands of levels in the size limit: refuse it rather than overflow the stack
    out.push({ field: fieldPath(path), rule: 'max_depth', message: `must not nest deeper than ${MAX_DEPTH} levels` });
  } else if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: fieldPath(path), rule: 'no_nul', message: 'must not contain NUL characters' });
    else if (LONE_SURROGATE.test(value))
      out.push({ field: fieldPath(path), rule: 'well_formed_unicode', message: 'must be well-formed Unicode' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorableStrings(v, [...path, i], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) unstorableStrings(v, [...path, k], out);
  }
  return out;
}

export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly where: 'body' | 'query',
  ) {}

  transform(value: unknown): z.infer<S> {
    const input = value ?? {};
    const unstorable = unstorableStrings(input);
    if (unstorable.length) throw badRequest(unstorable);
    const parsed = validate(this.schema, input);
    if (!parsed.ok) {
      throw badRequest(
        parsed.errors,
        this.where === 'query'
          ? 'the query string is invalid; see errors'
          : 'the request body is invalid; see errors for each field and the rule it breaks',
      );
    }
    return parsed.data;
  }
}

/** OpenAPI 3.0 schema of a zod schema, for the docs. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return json;
}

/** A body validated against `schema` (strict: unknown fields are refused) and documented with it. */
export const ZodBody = (schema: z.ZodType) => Body(new ZodPipe(schema, 'body'));
export const DocBody = (schema: z.ZodType, description?: string) => ApiBody({ schema: openApiSchema(schema), description });

export const ZodQuery = (schema: z.ZodType) => Query(new ZodPipe(schema, 'query'));
export function DocQuery(schema: z.ZodObject): MethodDecorator {
  const json = openApiSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, s]) =>
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: s, description: s.description as string | undefined }),
    ),
  );
}

const uuidSchema = z.uuid();

/** A path parameter that must be a UUID: anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  const pipe: PipeTransform<string, string> = {
    transform(value: string) {
      if (!uuidSchema.safeParse(value).success)
        throw badRequest([{ field: name, rule: 'uuid', message: 'must be a UUID' }], `the path parameter ${name} is not a UUID`);
      return value.toLowerCase();
    },
  };
  return (target, key, index) => {
    Param(name, pipe)(target, key, index);
    ApiParam({ name, schema: { type: 'string', format: 'uuid' } })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
}

const MAX_SERIAL_NUMBER = 1_000_000;

/**
 * A path parameter that is a document's number (1, 2, 3 …, written plainly: not `0x1`, `1.0`,
 * ` 1` or `01`): anything else is a 400 naming the parameter and the rule.
 */
export function SerialNumberParam(name: string, what: string): ParameterDecorator {
  const pipe: PipeTransform<string, number> = {
    transform(value: string) {
      if (!/^[1-9][0-9]{0,6}$/.test(value) || Number(value) > MAX_SERIAL_NUMBER)
        throw badRequest([{ field: name, rule: 'report_number', message: `must be a ${what} number: 1, 2, 3 …` }]);
      return Number(value);
    },
  };
  return (target, key, index) => {
    Param(name, pipe)(target, key, index);
    ApiParam({ name, schema: { type: 'integer', minimum: 1, maximum: MAX_SERIAL_NUMBER, example: 1 } })(
      target,
      key!,
      Object.getOwnPropertyDescriptor(target, key!)!,
    );
  };
}

/** A path parameter that must be one of `values`: anything else is a 400 naming the parameter and the rule. */
export function EnumParam(name: string, values: readonly string[]): ParameterDecorator {
  const pipe: PipeTransform<string, string> = {
    transform(value: string) {
      if (!values.includes(value))
        throw badRequest(
          [{ field: name, rule: 'one_of', message: `must be one of ${values.join(', ')}` }],
          `the path parameter ${name} is unknown`,
        );
      return value;
    },
  };
  return (target, key, index) => {
    Param(name, pipe)(target, key, index);
    ApiParam({ name, schema: { type: 'string', enum: [...values] } })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
}
