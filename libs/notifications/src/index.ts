export * from './calendar/ics.js';
export * from './compose-mail.usecase.js';
export * from './deadline-changed.usecase.js';
export * from './delivery-failed.usecase.js';
export * from './delivery-log.js';
export * from './delivery-writer.js';
export * from './digests.usecase.js';
export * from './fire-timer.usecase.js';
export * from './matter-ref.js';
export * from './notification.handlers.js';
export * from './notifications.module.js';
export * from './notify-matter-event.usecase.js';
export * from './recipients.js';
export * from './robot-message.js';
export {
  TEMPLATE_NAMES,
  type DeadlineRef,
  type IfMissed,
  type MatterRef,
  type RenderedMail,
  type TemplateData,
  type TemplateName,
} from './templates/template-data.js';
export { SAMPLES, SAMPLE_RECIPIENTS, renderSample } from './templates/samples.js';
