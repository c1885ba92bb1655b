export * from './field-errors.js';
export * from './schemas.js';
