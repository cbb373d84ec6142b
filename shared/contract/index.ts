export * from './envelope.js';
export * from './json-value.js';
export * from './values.js';
export * from './desk-rpc.js';
export * from './desk-http.js';
export * from './error-codes.js';
export type * from './desk-views.js';
export * from './sync-protocol.js';
