// The framework-free part of the library: the document, its store and the
// storage adapters. Importing this module registers no element.
// The library's events in HTMLElementEventMap for this entry too (a side-effect import survives in .d.ts); events.js imports only types.
import './events.js';
export * from './store/index.js';
export * from './storage/index.js';
// Thrown by the elements' session API for anyone who does not lead the session.
export { SessionRoleError } from './sources/session-keeper.js';
