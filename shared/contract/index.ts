export * from './envelope.js';
export * from './json-value.js';
export * from './values.js';
export * from './desk-rpc.js';
export type * from './desk-views.js';
export * from './sync-protocol.js';
