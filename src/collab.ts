// The live room (Yjs, the Hocuspocus provider, the offline copy): what a guide
// with `collab-url` loads on its own. Importing it registers <innovasjon-rom-status>.
// The library's events in HTMLElementEventMap for this entry too (a side-effect import survives in .d.ts).
import './events.js';
export * from './features/live.js';
