export * from './cases.js';
export * from './customers.js';
export * from './documents.js';
export * from './resellers.js';
export * from './ai-training.js';
export * from './special-measures.js';
export * from './notifications.js';
export * from './idempotency.js';
