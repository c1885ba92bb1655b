export * from './field-errors.js';
export * from './schemas.js';
export * from './matter-plan.schemas.js';
