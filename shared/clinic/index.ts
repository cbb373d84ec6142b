/** The clinic domain (docs/architecture.md, "Clinic domain"): visit, patient, staff and clinic streams, their registry and rules. */
export * from './error-codes.js';
export * from './permissions.js';
export * from './command-spec.js';
export * from './values.js';
export * from './registry.js';
export * from './visit/index.js';
export * from './patient/index.js';
export * from './staff/index.js';
export * from './clinic/index.js';
