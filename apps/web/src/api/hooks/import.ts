import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../client';
import { keys } from '../keys';
import type { LocalizedText } from './types';

export type ImportFormat = 'csv' | 'yaml';
export type ImportMode = 'create' | 'append';

/** 201 of POST /batches/import. */
export interface ImportSummary {
  batch: {
    id: string;
    code: string;
    title: LocalizedText;
    issuingAuthority: string;
    issuedOn: string | null;
    sourceDocument: string | null;
    workflow: string;
    note: string | null;
    createdAt: string;
  };
  batchCreated: boolean;
  format: ImportFormat;
  count: number;
  matters: Array<{ row: number; code: string; id: string }>;
}

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
