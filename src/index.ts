// Everything: registers all elements and exports the store, adapters and types.
export * from './innovasjon-guide/innovasjon-guide.js';
export * from './innovasjon-trinn/innovasjon-trinn.js';
export * from './innovasjon-kort/innovasjon-kort.js';
export * from './refleksjon-lapp/refleksjon-lapp.js';
export * from './innovasjon-oppfolging/innovasjon-oppfolging.js';
export * from './innovasjon-tidtaker/innovasjon-tidtaker.js';
export * from './innovasjon-oppsummering/innovasjon-oppsummering.js';
export * from './export/index.js';
export * from './store.js';
export * from './events.js';
export type * from './content/types.js';
export { turguide } from './content/turguide.js';
