export * from './envelope.js';
export * from './values.js';
