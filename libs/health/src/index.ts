export * from './health.probe.js';
