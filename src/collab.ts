// The live room (Yjs, the Hocuspocus provider, the offline copy): what a guide
// with `collab-url` loads on its own. Importing it registers <innovasjon-rom-status>.
export * from './features/live.js';
