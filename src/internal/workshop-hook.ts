import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { CollabTokenSource } from '../sources/room-sessions.js';
import { collabServers, type SourceSettings } from '../sources/document-source.js';
import { takeJoinFragment } from '../collab/join-fragment.js';
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
  disconnect(): void;
}

/**
 * The first-render part of the workshop (`collab-start`): takes a join link's invitation out of the
 * address before the room's code loads, and decides which room the guide connects to. Everything
 * else (the offer, the name prompt, the share panel, the server's API) is in a chunk fetched after
 * the first render, or when `startRoom()`/`joinRoom()` is called.
 */
export class WorkshopHook implements ReactiveController {
  /** Set by the chunk once this page holds a credential. */
  room?: WorkshopRoom;
  #ui?: WorkshopUi;
  #loading?: Promise<WorkshopUi>;

  constructor(
    private readonly host: WorkshopHost,
    /** The guide's live room, once its code has arrived: the workshop watches it for a credential the server refused for good. */
    readonly liveRoom: () => { readonly removedFromDevice: boolean; readonly connection: { readonly state: { status: string; reason?: string } } } | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  /** The workshop is on: `collab-start`, or a join link in the address, on a guide with a server and no token of the host's. */
  get enabled(): boolean {
    const { host } = this;
    return collabServers(host).length > 0 && host.collabToken === undefined && (host.collabStart || this.#fromLink || this.#requested);
  }

  #fromLink = false;
  /** `startRoom()` or `joinRoom()` was called. */
  #requested = false;

  /** Called from the host's connectedCallback, before the guide's source attaches. */
  beforeConnect(): void {
    if (collabServers(this.host).length > 0 && this.host.collabToken === undefined) this.#fromLink = takeJoinFragment();
  }

  hostConnected(): void {
    if (this.enabled) void this.load().catch(() => undefined);
  }

  hostDisconnected(): void {
    this.#ui?.disconnect();
  }

  /** Where the guide's notes live: the workshop room with its credential, or (none yet) this device only. */
  settings(): SourceSettings {
    const { host } = this;
    if (!this.enabled) return host;
    const { storageKey, noStorage, storage } = host;
    if (!this.room) return { storageKey, noStorage, storage };
    return { storageKey, noStorage, storage, collabUrl: host.collabUrl, collabUrls: host.collabUrls, collabRoom: this.room.room, collabToken: this.room.token };
  }

  load(): Promise<WorkshopUi> {
    this.#requested = true;
    if (this.#ui) return Promise.resolve(this.#ui);
    this.#loading ??= loadFeature(this.host, 'workshop').then(
      ({ attachWorkshop }) => {
        this.#ui = attachWorkshop(this.host, this);
        this.host.requestUpdate();
        return this.#ui;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  render(): unknown {
    return this.#ui && this.enabled && !this.host.readonly ? this.#ui.render() : nothing;
  }
}
