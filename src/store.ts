// The framework-free part of the library: the document, its store and the
// storage adapters. Importing this module registers no element.
export * from './store/index.js';
export * from './storage/index.js';
// Thrown by the elements' session API for anyone who does not lead the session.
export { SessionRoleError } from './sources/session-keeper.js';
