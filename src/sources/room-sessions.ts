import type { LiveRoom, RoomOptions } from '../collab/live-room.js';
import type { CollabToken } from '../collab/room-connection.js';
import { GuideStore } from '../store/guide-store.js';
import type { IdentityKeeper } from '../storage/participant.js';
import type { PageGuide } from './page-guide.js';
import { acquireShared, type Shared } from './shared.js';

/** A string, or a function that fetches a fresh token (asked again on every reconnect): the room's one token type. */
export type CollabTokenSource = CollabToken;

/** Fetches the room's code (its own chunk); rejects when it cannot be fetched. */
export type RoomLoader = () => Promise<{ LiveRoom: new (options: RoomOptions) => LiveRoom }>;

export interface RoomUser {
  readonly storageKey: string;
  /** Who the person is, as their document source keeps it. */
  readonly identity: IdentityKeeper;
  /** The token this user's element holds now. */
  readonly token: () => CollabTokenSource | undefined;
  readonly load: RoomLoader;
}

interface Entry {
  readonly guide: PageGuide;
  room?: LiveRoom;
  loading?: Promise<void>;
  readonly listeners: Set<(room: LiveRoom) => void>;
}

/** The rooms on this page; their users (RoomUser), newest last: the latest one's token is asked for. */
const rooms = new Map<string, Shared<Entry, RoomUser>>();

export interface RoomHandle {
  readonly guide: PageGuide;
  /** The live room once its chunk has arrived (undefined before, or when it could not be fetched). */
  readonly room: () => LiveRoom | undefined;
  /** Calls `listener` when the live room is ready (at once if it is). */
  readonly onRoom: (listener: (room: LiveRoom) => void) => () => void;
  readonly release: () => void;
}

/**
 * Everything on one page that names the same server and room shares one store
 * and one live room. The store is there at once, so a person can write before
 * the room's code has arrived; what they wrote then goes into the room.
 */
export function acquireRoom(
  urls: readonly string[],
  room: string,
  cardIds: ReadonlySet<string>,
  user: RoomUser,
  makeGuide: (store: GuideStore) => PageGuide,
): RoomHandle {
  const key = `${urls.join('\n')}\n${room}`;
  const stops: (() => void)[] = [];
  const { shared, release } = acquireShared(
    rooms,
    key,
    (): Entry => ({ guide: makeGuide(new GuideStore({ cardIds })), listeners: new Set() }),
    (entry) => {
      entry.room?.destroy();
      entry.guide.room = undefined;
    },
    user,
  );
  const current = shared.value;
  open(shared, urls, room, user);
  return {
    guide: current.guide,
    room: () => current.room,
    onRoom(listener) {
      if (current.room) listener(current.room);
      current.listeners.add(listener);
      const stop = () => current.listeners.delete(listener);
      stops.push(stop);
      return stop;
    },
    release() {
      for (const stop of stops.splice(0)) stop();
      release();
    },
  };
}

function open(shared: Shared<Entry, RoomUser>, urls: readonly string[], room: string, user: RoomUser): void {
  const entry = shared.value;
  if (entry.room || entry.loading) return;
  const options: RoomOptions = {
    url: urls[0],
    urls,
    room,
    guide: entry.guide,
    storageKey: user.storageKey,
    token: async () => {
      const source = shared.users.at(-1)?.token();
      return typeof source === 'function' ? await source() : (source ?? '');
    },
  };
  entry.loading = user.load().then(
    ({ LiveRoom }) => {
      entry.loading = undefined;
      if (shared.users.length === 0) return;
      entry.room = entry.guide.room = new LiveRoom(options);
      for (const listener of [...entry.listeners]) listener(entry.room);
    },
    () => {
      // The loader told the person; the notes stay on the page, and the next element to connect tries again.
      entry.loading = undefined;
    },
  );
}
