export * from './compose-plain.js';
export * from './delivery-writer.js';
export * from './fire-timer.usecase.js';
export * from './matter-summary.js';
export * from './notifications.module.js';
export * from './notify-matter-event.usecase.js';
export * from './recipients.js';
