// The framework-free part of the library: the document, its store and the
// storage adapters. Importing this module registers no element.
export * from './store/index.js';
export * from './storage/index.js';
