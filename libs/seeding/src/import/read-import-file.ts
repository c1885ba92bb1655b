import type { RawBatch } from '../files/batch-file.js';
import { readCsvBatch } from '../files/csv-batch.js';
import { MAX_MATTERS_PER_FILE } from '../files/file-schemas.js';
import { ImportFileError } from '../files/problems.js';
import { readYamlBatch } from '../files/yaml-batch.js';

export type ImportFormat = 'csv' | 'yaml';

/** A batch file larger than this is refused before it is read (the 2024 Opinions' 79 matters are 90 kB as YAML). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = MAX_MATTERS_PER_FILE;

const MEDIA_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
};
export const IMPORT_MEDIA_TYPES = Object.keys(MEDIA_TYPES);

/** The format a media type (`text/csv; charset=utf-8`) or a file name (`plan.yaml`) stands for. */
export function importFormatOf(mediaTypeOrName: string | undefined): ImportFormat | null {
  if (!mediaTypeOrName) return null;
  const type = mediaTypeOrName.split(';')[0].trim().toLowerCase();
  if (MEDIA_TYPES[type]) return MEDIA_TYPES[type];
  if (/\.csv$/i.test(type)) return 'csv';
  if (/\.ya?ml$/i.test(type)) return 'yaml';
  return null;
}

/**
 * Decodes and reads an import file into a batch's raw entries. Refuses, naming the rule:
 * a file over the size or row cap (413), one not in UTF-8 (415), and one that is not a
 * batch at all — bad quoting, YAML syntax, a wrong delimiter, a header without the columns
 * a batch needs (400).
 */
export function readImportFile(content: Buffer | string, format: ImportFormat): RawBatch {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportFileError(
      [{ row: 1, field: '$', rule: 'max_bytes', message: `the file has ${size} bytes; at most ${MAX_IMPORT_BYTES} (2 MB)` }],
      413,
    );
  }
  if (size === 0) throw new ImportFileError([{ row: 1, field: '$', rule: 'required', message: 'the file is empty' }]);
  const text = typeof content === 'string' ? content : decodeUtf8(content);
  if (text.includes('\u0000'))
    throw new ImportFileError([
      {
        row: lineAt(text, text.indexOf('\u0000')),
        field: '$',
        rule: 'no_nul',
        message: 'the file contains NUL characters: is it a spreadsheet (.xlsx) rather than CSV?',
      },
    ]);
  const read = format === 'csv' ? readCsvBatch(text) : readYamlBatch(text);
  if (!read.ok) throw new ImportFileError(read.problems);
  if (read.raw.matters.length > MAX_IMPORT_ROWS) {
    throw new ImportFileError(
      [
        {
          row: read.raw.matters[MAX_IMPORT_ROWS].row,
          field: '$',
          rule: 'max_rows',
          message: `the file has ${read.raw.matters.length} matters; at most ${MAX_IMPORT_ROWS} per import`,
        },
      ],
      413,
    );
  }
  return read.raw;
}

function decodeUtf8(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFileError(
      [{ row: 1, field: '$', rule: 'encoding', message: 'the file is UTF-16: save it as UTF-8 (in Excel: "CSV UTF-8 (comma delimited)")' }],
      415,
    );
  }
  try {
    // strips a UTF-8 byte order mark, as Excel writes one
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new ImportFileError(
      [
        {
          row: lineAt(bytes.subarray(0, bad).toString('latin1'), bad),
          field: '$',
          rule: 'encoding',
          message: `the file is not UTF-8 (byte ${bad + 1} is not valid UTF-8; GBK or GB18030 perhaps): save it as UTF-8`,
        },
      ],
      415,
    );
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  // the longest prefix that decodes (a prefix may end mid-sequence: streaming allows that), by bisection
  const decodes = (n: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodes(mid)) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(lo, bytes.length - 1);
}

const lineAt = (text: string, offset: number): number => text.slice(0, Math.max(0, offset)).split('\n').length;
