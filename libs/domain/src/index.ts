/**
 * Reformflow's domain: pure TypeScript, no framework, ORM, queue or I/O.
 * Everything here is deterministic given its arguments (time and ids come in).
 */
export * from './common/domain-error.js';
export * from './common/ids.js';
export * from './common/localized-text.js';
export * from './time/duration.js';
export * from './units/unit.js';
export * from './users/actor.js';
export * from './workflow/definition.js';
export * from './workflow/approval-chain.js';
export * from './matters/vocabulary.js';
export * from './matters/matter.js';
export * from './matters/legal-authorization.js';
export * from './matters/delivery-status.js';
export * from './matters/reporting.js';
export * from './matters/commands.js';
export * from './matters/events.js';
export * from './matters/permissions.js';
export * from './matters/decide.js';
export * from './matters/actions.js';
export * from './links/web-paths.js';
export * from './matters/evolve.js';
export * from './audit/canonical-json.js';
export * from './audit/hash-chain.js';
export * from './time/business-calendar.js';
export * from './time/days-overdue.js';
export * from './deadlines/deadlines.js';
export * from './deadlines/calendar-replan.js';
export * from './matters/fault-tolerance.js';
export * from './users/deputies.js';
