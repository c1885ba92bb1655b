export * from './app-config.js';
export * from './business-calendar.js';
export * from './config.module.js';
export * from './workflow-definition.schema.js';
export * from './workflow-definitions.js';
export * from './report-schedules.js';
