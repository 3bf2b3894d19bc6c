export * from './cloud.js';
export * from './tenant.js';
export * from './url.js';
export * from './consent.js';
export * from './errors.js';
export * from './connection.js';
export * from './audit.js';
export * from './machine.js';
