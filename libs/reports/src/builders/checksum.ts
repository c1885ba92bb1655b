import { createHash } from 'node:crypto';
import { canonicalJson } from '#domain';

/**
 * SHA-256 (hex) of the canonical JSON of a report without its `checksum`: the same figures give
 * the same sum. A replication report's `adoptions` are read when the report is served, after it
 * was issued, and are not part of what was issued.
 */
export function reportChecksum(report: object): string {
  const { checksum: _ignored, adoptions: _read, ...rest } = report as { checksum?: unknown; adoptions?: unknown };
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function withChecksum<T extends { checksum: string }>(report: Omit<T, 'checksum'>): T {
  return { ...report, checksum: reportChecksum(report) } as T;
}
