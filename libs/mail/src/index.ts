export * from './message-id.js';
export * from './mail-transport.js';
export * from './deliver-mail.usecase.js';
export * from './send-mail.handler.js';
export * from './mail.module.js';
