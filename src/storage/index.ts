export * from './storage-adapter.js';
export * from './local-storage-adapter.js';
export * from './memory-adapter.js';
export * from './guide-session.js';
