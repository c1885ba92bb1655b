import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemError, badRequest } from './problem.js';

/** The If-Match header as a version number: `"3"`, `W/"3"` or `3`; undefined when absent. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const header = ctx.switchToHttp().getRequest<Request>().headers['if-match'];
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(Array.isArray(header) ? header.join(',') : header);
  if (!m) throw badRequest([{ field: 'If-Match', rule: 'version', message: 'must be the matter version, e.g. "3"' }]);
  return Number(m[1]);
});

/** Write commands must say which version they were made against: a stale one is a 409, none is a 428. */
export function requireVersion(ifMatch: number | undefined, bodyVersion: number | undefined): number {
  if (ifMatch !== undefined && bodyVersion !== undefined && ifMatch !== bodyVersion) {
    throw badRequest([
      { field: 'version', rule: 'matches_if_match', message: `the body says version ${bodyVersion} but If-Match says ${ifMatch}` },
    ]);
  }
  const version = ifMatch ?? bodyVersion;
  if (version === undefined) throw versionRequired(null);
  return version;
}

/** 428: the write named no version. With the current one, the detail says exactly what to send. */
export function versionRequired(current: number | null): ProblemError {
  const example = current === null ? '"3"' : `"${current}"`;
  return new ProblemError(
    428,
    'version.required',
    'Version required',
    `send the version you last read, as an If-Match header (${example}) or a "version" field, so a change made meanwhile is not overwritten` +
      (current === null ? '' : ` (the matter is at version ${current} now: read it, check it, then send If-Match: ${example})`),
    undefined,
    current === null ? {} : { currentVersion: current },
  );
}

export const etag = (version: number): string => `"${version}"`;
