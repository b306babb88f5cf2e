// The live room: its own chunk, fetched only when a guide has `collab-url`.
// It brings its own translations (src/generated/locales/collab/), added before anything renders.
import { collabTranslations } from '../generated/locales/collab/loaders.js';
import { addTranslations } from '../localization.js';
import '../innovasjon-rom-status/innovasjon-rom-status.js';

await addTranslations(collabTranslations);

export { LiveRoom, connectionMessage, type LocalOffer, type RoomOptions } from './live-room.js';
export {
  RoomConnection,
  offlineName,
  tokenSubject,
  type CollabToken,
  type ConnectionState,
  type ConnectionStatus,
  type PresenceEntry,
  type RoomConnectionOptions,
} from './room-connection.js';
export { InnovasjonRomStatus } from '../innovasjon-rom-status/innovasjon-rom-status.js';
