export * from './cases.js';
export * from './customers.js';
