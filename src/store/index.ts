export * from './types.js';
export * from './errors.js';
export * from './validate.js';
export * from './document.js';
export { GuideStore, type ChangeOptions, type ChangeOrigin, type StoreChange, type StoreListener, type StoreOptions } from './guide-store.js';
export * from './apply-remote.js';
export * from './import.js';
export * from './session.js';
