import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CollabTokenSource } from '../sources/room-sessions.js';
import type { SourceSettings } from '../sources/document-source.js';
import { loadFeature } from './load-feature.js';

/** What `startRoom()` resolves to. The link and the code are for the host page to show: never put them in a log. */
export interface StartedRoom {
  room: string;
  /** The page's own address (or `collab-join-url`) with `#innovasjon-join=…`. */
  link: string;
  /** The join code (`XXXX-XXXX`), or null when the server has codes off. */
  code: string | null;
  /** When the link stops working (ms since 1970). */
  linkExpiresAt: number;
  /** When the code stops working (ms since 1970), or null without a code. */
  codeExpiresAt: number | null;
}

export interface RoomStartDetail {
  /** The new room's name on the server. */
  room: string;
  linkExpiresAt: number;
  codeExpiresAt: number | null;
}

export interface ParticipantRemoveDetail {
  /** The person's id in the room (the server-made `sub`). */
  participant: string;
  name: string;
}

declare module '../events.js' {
  interface InnovasjonEventMap {
    /** This page started a room with *Start en felles økt* or `startRoom()`; it leads it. Never carries the link or the code. */
    'innovasjon-room-start': CustomEvent<RoomStartDetail>;
    /** The facilitator removed a person from the room: their credential is revoked on every server instance. */
    'innovasjon-participant-remove': CustomEvent<ParticipantRemoveDetail>;
  }
}

/** What the guide (or a lone step) gives the workshop. */
export interface WorkshopHost extends ReactiveControllerHost, HTMLElement, SourceSettings {
  collabStart: boolean;
  collabJoinUrl?: string;
  readonly readonly: boolean;
}

/** The room this page holds a workshop credential for: the guide connects to it with that credential. */
export interface WorkshopRoom {
  readonly room: string;
  readonly token: CollabTokenSource;
}

/** The workshop's own chunk, as the hook sees it. */
export interface WorkshopUi {
  render(): unknown;
  startRoom(): Promise<StartedRoom>;
  joinRoom(linkOrCode: string, options: { name?: string }): Promise<void>;
  removeParticipant(participant: string): Promise<void>;
}

/**
 * The first-render part of the workshop (`collab-start`): decides which room the guide connects to
 * (none, its notes on this device only, until the page holds a credential: so no room code loads
 * while a join link's invitation is still in the address). Everything else (taking the invitation
 * out of the address, the offer, the name prompt, the share panel, the server's API) is in a chunk
 * fetched after the first render, or when `startRoom()`/`joinRoom()` is called.
 */
export class WorkshopHook implements ReactiveController {
  /** Set by the chunk once this page holds a credential. */
  room?: WorkshopRoom;
  #ui?: WorkshopUi;
  #loading?: Promise<WorkshopUi>;

  constructor(private readonly host: WorkshopHost) {
    host.addController(this);
  }

  /** The workshop is on: `collab-start` on a guide with `collab-url` and no token of the host's. */
  get enabled(): boolean {
    const { host } = this;
    return host.collabStart && host.collabToken === undefined && !!host.collabUrl;
  }

  hostConnected(): void {
    if (this.enabled) void this.load().catch(() => undefined);
  }

  /** Where the guide's notes live: the workshop room with its credential, or (none yet) this device only. */
  settings(): SourceSettings {
    const { host, room } = this;
    const { storageKey, noStorage, storage, collabUrl } = host;
    // One server (`collab-url`): a workshop room lives where it was made.
    return this.enabled ? { storageKey, noStorage, storage, collabUrl: room && collabUrl, collabRoom: room?.room, collabToken: room?.token } : host;
  }

  load(): Promise<WorkshopUi> {
    return (this.#loading ??= loadFeature(this.host, 'workshop').then(
      ({ attachWorkshop }) => {
        this.host.requestUpdate();
        return (this.#ui = attachWorkshop(this.host, this));
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    ));
  }

  render(): unknown {
    return this.#ui?.render();
  }
}
