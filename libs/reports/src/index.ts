export * from './model.js';
export * from './policy-areas.js';
export * from './documents/render.js';
export { matterListCsv } from './documents/matter-list-csv.js';
export { ReportRenderError, DEFAULT_TIME_ZONE } from './documents/format.js';
export { pdfPages, pdfText } from './documents/pdf-text.js';
// builders, loaders and use cases (the lead's part)
export * from './builders/facts.js';
export * from './builders/checksum.js';
export * from './builders/progress.js';
export * from './builders/replication.js';
export * from './builders/bulletin.js';
export * from './loaders/report-loader.js';
export * from './reports.service.js';
export * from './bulletins.service.js';
export * from './reports.module.js';
export * from './schedules/run-scheduled-report.js';
export { SAMPLE_REPORTS, largeProgressReport, largeReplicationReport, largeScorecard } from './samples.js';
