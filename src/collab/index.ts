// The live layer: the room's connection, its binding to the store and its
// protocol. Free of Lit and of the element layer (a test keeps it so); the
// chunk a guide fetches is src/features/live.ts, which adds the element layer.
export { LiveRoom, type LocalOffer, type RoomNews, type RoomOptions } from './live-room.js';
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
