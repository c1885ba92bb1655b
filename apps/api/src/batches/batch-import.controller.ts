import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '#domain';
import {
  BatchExistsError,
  IMPORT_MEDIA_TYPES,
  ImportBatch,
  ImportFileError,
  type ImportFormat,
  ImportRejectedError,
  type ImportReport,
  MAX_IMPORT_BYTES,
  type RowProblem,
  importFormatOf,
} from '#seeding';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators.js';
import { PROBLEM_CONTENT_TYPE, ProblemError } from '../http/problem.js';
import { Returns } from '../openapi/returns.js';

const CSV_EXAMPLE = [
  'batch.code,batch.title.zh,batch.issuingAuthority,code,title.zh,kind,policyArea,leadingUnit,participatingUnits,riskLevel',
  'SZ-2025-DEMO,2025年授权事项清单,深圳市人民政府,D-01,数据跨境流动试点,innovation_experiment,data,SZ-QIANHAI,SZ-COMMERCE;SZ-CAC,high',
  ',,,D-02,营商环境评价改革,reform_measure,business_environment,SZ-COMMERCE,,medium',
].join('\n');

const problemContent = (example: Record<string, unknown>) => ({
  [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' }, example },
});

/** An import's summary: the batch, and every matter drafted with the row it came from. */
export interface ImportSummary extends ImportReport {
  count: number;
}

/**
 * `POST /batches/import`: a batch (header and matters) from a CSV or YAML file sent as the raw
 * body, all or nothing. The file is read here rather than by a body parser because it is not
 * JSON; create-api-app lets this route's body through for that reason.
 */
@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchImportController {
  constructor(private readonly importBatch: ImportBatch) {}

  @Returns('ImportReport', { status: 201 })
  @Post('import')
  @HttpCode(201)
  @RequireRoles('reform_office', 'admin')
  @ApiOperation({
    summary: 'Import a batch from CSV or YAML (reform office, admin): all rows or none',
    description:
      'Send the file as the raw body with Content-Type `text/csv` or `application/yaml` (UTF-8, at most 2 MB, 1,000 matters), ' +
      'e.g. `curl -X POST localhost:3000/batches/import -H "authorization: Bearer $TOKEN" -H "content-type: text/csv" --data-binary @batch.csv`. ' +
      'Every row is checked (shape, unit codes, duplicate codes, then the same domain rules as POST /matters) before anything is kept: ' +
      'if any row is bad the answer is 422 with one error per problem, `{row, field, rule, message}`, and nothing is written. ' +
      'Otherwise the batch is registered and each row becomes a draft matter, in one transaction. ' +
      'CSV columns are the YAML field names (`title.zh`, `leadingUnit`); the batch header is in `batch.*` columns on the first row; ' +
      'several participating units go in one cell separated by `;`; targets and risks in numbered columns (`target1.targetValue`, `risk1.mitigation`). ' +
      'seeds/README.md lists every column; seeds/batches/*.yaml are examples of the YAML form. ' +
      "`mode=append` adds the file's matters to an existing batch with the code the file names (its header may be only `code`).",
  })
  @ApiConsumes('text/csv', 'application/yaml')
  @ApiBody({
    description: 'The batch file, as the raw body',
    schema: { type: 'string', example: CSV_EXAMPLE },
  })
  @ApiQuery({
    name: 'mode',
    required: false,
    enum: ['create', 'append'],
    description: 'create (default): a new batch; append: add to the batch the file names',
  })
  @ApiQuery({ name: 'fileName', required: false, description: 'The file name, kept in the audit trail' })
  @ApiCreatedResponse({
    description: 'The batch and every matter drafted: `{ batch, batchCreated, format, count, matters: [{row, code, id}] }`',
  })
  @ApiResponse({
    status: 422,
    description:
      'A row breaks a rule (`import.rejected`), or the file is not UTF-8 (`import.invalid_encoding`, naming the file and the row of the first bad byte); ' +
      'nothing was written. One error per problem, naming the row (line of the file), the field (column) and the rule.',
    content: problemContent({
      status: 422,
      code: 'import.rejected',
      errors: [{ row: 3, field: 'leadingUnit', rule: 'unit.unknown', message: 'no unit has the code SZ-NOPE' }],
    }),
  })
  @ApiResponse({
    status: 400,
    description: 'The file is not a batch at all (syntax, delimiter, missing columns); nothing was written',
    content: problemContent({ status: 400, code: 'import.unreadable' }),
  })
  @ApiResponse({
    status: 409,
    description: "A batch with the file's code exists (import with mode=append to add to it)",
    content: problemContent({ status: 409, code: 'batch.exists' }),
  })
  @ApiResponse({
    status: 413,
    description: 'Larger than 2 MB or more than 1,000 matters',
    content: problemContent({ status: 413, code: 'import.too_large' }),
  })
  @ApiResponse({
    status: 415,
    description: 'Content-Type is not text/csv or application/yaml (a JSON body included), or names a charset other than UTF-8',
    content: problemContent({
      status: 415,
      code: 'import.unsupported_media_type',
      errors: [{ field: 'Content-Type', rule: 'media_type', message: '"application/json" is not one of text/csv, application/yaml' }],
    }),
  })
  async import(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Query('mode') mode?: string,
    @Query('fileName') fileName?: string,
  ): Promise<ImportSummary> {
    const format = formatOf(req);
    if (mode !== undefined && mode !== 'create' && mode !== 'append') {
      throw new ProblemError(400, 'validation.failed', 'Invalid request', 'mode is create or append', [
        { field: 'mode', rule: 'one_of', message: 'must be one of: "create", "append"' },
      ]);
    }
    if (fileName !== undefined && (fileName.length > 255 || fileName.includes('\u0000'))) {
      throw new ProblemError(400, 'validation.failed', 'Invalid request', 'fileName is too long', [
        { field: 'fileName', rule: 'max_length', message: 'at most 255 characters' },
      ]);
    }
    const content = await readBody(req);
    try {
      const report = await this.importBatch.execute(actor, content, { format, mode, fileName });
      return { ...report, count: report.matters.length };
    } catch (e) {
      throw toProblem(e, fileName);
    }
  }
}

function formatOf(req: Request): ImportFormat {
  const header = req.headers['content-type'] ?? '';
  const format = importFormatOf(header);
  if (!format) {
    throw new ProblemError(
      415,
      'import.unsupported_media_type',
      'Unsupported media type',
      'send the file as text/csv or application/yaml',
      [
        {
          field: 'Content-Type',
          rule: 'media_type',
          message: `"${header.split(';')[0].trim() || 'none'}" is not one of ${IMPORT_MEDIA_TYPES.join(', ')}`,
        },
      ],
      { accepted: IMPORT_MEDIA_TYPES },
    );
  }
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(header)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ProblemError(415, 'import.unsupported_media_type', 'Unsupported media type', 'send the file as UTF-8', [
      { field: 'Content-Type', rule: 'encoding', message: `charset "${charset}" is not accepted: save the file as UTF-8` },
    ]);
  }
  return format;
}

const tooLarge = () =>
  new ProblemError(413, 'import.too_large', 'Request body too large', `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, [
    { field: '$', rule: 'max_bytes', message: `at most ${MAX_IMPORT_BYTES} bytes` },
  ]);

/** The raw body, refused as soon as it passes the size limit. */
async function readBody(req: Request): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_IMPORT_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const rowErrors = (problems: RowProblem[]) => problems.map(({ row, field, rule, message }) => ({ row, field, rule, message }));

function toProblem(e: unknown, fileName: string | undefined): unknown {
  if (e instanceof ImportRejectedError) {
    const rows = new Set(e.problems.map((p) => p.row));
    return new ProblemError(
      422,
      'import.rejected',
      'Refused by a business rule',
      `${e.problems.length} problem(s) on ${rows.size} row(s): nothing was written; see errors for each row, field and rule`,
      rowErrors(e.problems),
    );
  }
  if (e instanceof ImportFileError && e.status === 415) {
    // the media type was right (checked before the body was read): bytes that are not UTF-8 are bad content, not a wrong type
    return new ProblemError(
      422,
      'import.invalid_encoding',
      'Refused by a business rule',
      `${fileName ?? 'the file'} is not UTF-8 at row ${e.problems[0]?.row ?? 1}: nothing was written; save it as UTF-8 and send it again`,
      rowErrors(e.problems),
      fileName === undefined ? {} : { file: fileName },
    );
  }
  if (e instanceof ImportFileError) {
    const code = e.status === 413 ? 'import.too_large' : e.status === 415 ? 'import.unsupported_media_type' : 'import.unreadable';
    const title = e.status === 413 ? 'Request body too large' : e.status === 415 ? 'Unsupported media type' : 'Invalid request';
    return new ProblemError(
      e.status,
      code,
      title,
      'the file cannot be read as a batch: nothing was written; see errors',
      rowErrors(e.problems),
    );
  }
  if (e instanceof BatchExistsError) {
    return new ProblemError(
      409,
      'batch.exists',
      'Conflict with the current state',
      e.message,
      [{ field: 'batch.code', rule: 'unique', message: `batch ${e.code} exists already` }],
      { batchId: e.batchId },
    );
  }
  return e;
}
