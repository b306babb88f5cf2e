export * from './types.js';
export * from './errors.js';
export * from './validate.js';
export * from './document.js';
export * from './guide-store.js';
export * from './import.js';
