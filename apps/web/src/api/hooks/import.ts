import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../client';
import { keys } from '../keys';
import type { components } from '../schema';

export type ImportFormat = ImportSummary['format'];
export type ImportMode = 'create' | 'append';

/** 201 of POST /batches/import. */
export type ImportSummary = components['schemas']['ImportReport'];

export const IMPORT_CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  yaml: 'application/yaml; charset=utf-8',
};

/** The format a file name says, or null when it is neither CSV nor YAML. */
export function importFormatOfName(name: string): ImportFormat | null {
  const n = name.toLowerCase();
  if (n.endsWith('.csv')) return 'csv';
  if (n.endsWith('.yaml') || n.endsWith('.yml')) return 'yaml';
  return null;
}

export function useImportBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: { text: string; format: ImportFormat; name: string; mode: ImportMode }) =>
      request<ImportSummary>('POST', '/batches/import', {
        query: { mode: file.mode, fileName: file.name },
        text: { body: file.text, contentType: IMPORT_CONTENT_TYPES[file.format] },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.batches });
      void qc.invalidateQueries({ queryKey: keys.matters });
    },
  });
}
