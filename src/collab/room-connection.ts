import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { cleanName, OPEN_MODE_LEAD_TOKEN, SESSION_SUFFIX } from './schema.js';
import { roomAddress, roomOrder } from './room-order.js';

/** Where the connection to the room stands, as the guide shows and announces it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'unauthorized' | 'refused';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /**
   * Why the server said no (`token-expired`, `room-deleted`, `too-many-items`, …), or, with
   * `offline`, why the page waits (`storage-unavailable`, `server-error`): it tries again by itself.
   */
  readonly reason?: string;
}

/** A string, or a function the host gives to fetch a fresh one (asked again on every reconnect). */
export type CollabToken = string | (() => string | Promise<string>);

/** One person in the room now, however many tabs they have open. */
export interface PresenceEntry {
  readonly id: string;
  readonly name: string;
  /** The sheet they look at: 0 the introduction, 1–4 the steps, 5 the summary; undefined when unknown. */
  readonly step?: number;
  /** How many notes they have written hidden, waiting for the reveal (never their text). */
  readonly hidden?: number;
  /** They lead the session (the server lets only a facilitator's token say so). */
  readonly lead?: boolean;
  /** This page's own person. */
  readonly self: boolean;
}

export interface RoomConnectionOptions {
  /** The server; the device copy of the room is kept under this address (the host's first, whichever the room meets on). */
  url: string;
  /**
   * Every address of the service, `url` among them, tried in the room's order (`roomOrder`: the
   * same on every page of the room, rooms spread over the addresses): when the one in use goes away
   * (closed, restarted, unreachable) the next attempt goes to the next. Default: `url` alone.
   */
  urls?: readonly string[];
  room: string;
  token?: CollabToken;
  /** The person at this page: the token's `sub` is used instead of `id` when there is one. */
  participant: { id: string; name: string };
  /** Keep an offline copy on this device (IndexedDB); default true. */
  offline?: boolean;
}


/** The token reasons that mean "this person may not come in", rather than "this room is closed to everyone". */
const UNAUTHORIZED = new Set(['token-missing', 'token-invalid', 'token-expired', 'token-wrong-room', 'permission-denied']);
/** At most this long for an awareness state we accept from the room (the server allows 16 KiB). */
/** No one holds more hidden notes than a guide may have. */
const MAX_HIDDEN = 10_000;

/**
 * Reasons that mean "not now": the server's storage or an unexpected error, never this page or
 * this room. The page keeps its device copy, says it is offline, and tries again by itself.
 */
export const WAIT_REASONS: ReadonlySet<string> = new Set(['storage-unavailable', 'server-error']);

/**
 * The server could not place a change yet (it came before the sync that brings what it builds on,
 * after an instance died): connect again to the same address; the sync puts everything in order.
 */
export const OUT_OF_ORDER = 'out-of-order';

/** Close codes by which the server says no (or deleted the room); 4408 is the provider's own timeout. 4500 and up: wait. */
const isRefusal = (code: number, reason = '') => code >= 4400 && code < 4500 && code !== 4408 && !WAIT_REASONS.has(reason) && reason !== OUT_OF_ORDER;

/**
 * How the page reconnects. After a socket closes, the first attempt waits `delay` plus a random
 * part of `spreadMs` (doubling with each close that did not end in a sync, up to `maxSpreadMs`),
 * so that after a server restart hundreds of pages do not arrive at once; attempts on a server that
 * does not answer back off (full jitter) from `minDelay` up to `maxDelay`.
 */
export const RECONNECT = { delay: 1000, minDelay: 500, factor: 2, maxDelay: 10_000, jitter: true, spreadMs: 3000, maxSpreadMs: 10_000 } as const;

/** The device copy of a room is kept under a name that says which server and which room it belongs to. */
export const offlineName = (url: string, room: string): string => `innovasjonsguide:${url.replace(/\/+$/, '')}#${room}`;

/** A JWT's claims, read without checking them (the server checks the token); empty when unreadable. */
function tokenClaims(token: string | undefined): Record<string, unknown> {
  const payload = token?.split('.')[1];
  if (!payload) return {};
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The `sub` claim of a JWT (a stable person id); undefined when absent. */
export function tokenSubject(token: string | undefined): string | undefined {
  const { sub } = tokenClaims(token);
  return typeof sub === 'string' && sub.length > 0 && sub.length <= 200 ? sub : undefined;
}

/** The `name` claim of a JWT: the name the host's sign-on knows the person by. */
export function tokenName(token: string | undefined): string | undefined {
  const { name } = tokenClaims(token);
  return typeof name === 'string' && name.trim() ? name : undefined;
}


/**
 * One live room: the Yjs document, its offline copy on this device
 * (y-indexeddb), the connection to the Hocuspocus server, and who is here
 * (awareness). It knows nothing of notes; the room binding turns the document
 * into the store's items.
 */
export class RoomConnection {
  readonly doc = new Y.Doc();
  /** The room's session document (`<room>/session`): the led session, which only facilitators change. */
  readonly sessionDoc = new Y.Doc();
  #sessionProvider?: HocuspocusProvider;
  /** The lead taken in open development mode joins the session document on a socket of its own (below). */
  #leadSocket?: HocuspocusProviderWebsocket;
  /** The page took the lead in open development mode («Jeg leder økten»). */
  #leading = false;
  /** The server's clock minus this device's, from the time the server sends on joining the session document. */
  clockOffset = 0;
  readonly #options: RoomConnectionOptions;
  #provider?: HocuspocusProvider;
  #socket?: HocuspocusProviderWebsocket;
  #offline?: IndexeddbPersistence;
  #state: ConnectionState = { status: 'connecting' };
  #everConnected = false;
  /** Sockets closed since the last sync: the random wait before the next attempt doubles with each. */
  #closesSinceSync = 0;
  #presence: PresenceEntry[] = [];
  #presenceKey = '';
  #latestToken?: string;
  #renewing = false;
  /** Fresh tokens asked for since the last time the room was reached: a host handing out expired ones is stopped. */
  #renewals = 0;
  readonly #servers: readonly string[];
  #serverIndex = 0;
  #local: { id: string; name: string; step?: number; hidden?: number };
  /** Whether the session document has synced since this page opened the room. */
  sessionSynced = false;
  readonly #sessionSyncedListeners = new Set<() => void>();
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();
  readonly #presenceListeners = new Set<(presence: readonly PresenceEntry[]) => void>();
  readonly #deletedListeners = new Set<() => void>();
  /** Resolves when the device copy has been read into `doc` (at once without one). */
  readonly offlineLoaded: Promise<void>;

  constructor(options: RoomConnectionOptions) {
    this.#options = options;
    // Every page of the room meets on the same first address; the device copy stays under `url` whatever the order.
    this.#servers = roomOrder(options.urls?.length ? options.urls : [options.url], options.room);
    this.#local = { ...options.participant };
    if (typeof options.token === 'string') this.#latestToken = options.token;
    if (options.offline !== false && typeof indexedDB !== 'undefined') {
      this.#offline = new IndexeddbPersistence(offlineName(options.url, options.room), this.doc);
      this.offlineLoaded = this.#offline.whenSynced.then(
        () => undefined,
        () => undefined,
      );
    } else {
      this.offlineLoaded = Promise.resolve();
    }
    this.#connect();
  }

  /** Whether the room has synced with the server at least once since this page opened it. */
  get everSynced(): boolean {
    return this.#everConnected;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The address this connection uses now (or tries next). */
  get server(): string {
    return this.#servers[this.#serverIndex];
  }

  get presence(): readonly PresenceEntry[] {
    return this.#presence;
  }

  /** The id this person has in the room: the token's `sub`, else the local participant id. */
  get participantId(): string {
    return tokenSubject(this.#latestToken) ?? this.#local.id;
  }

  /** Whether this person leads the session: the token's role, or the lead taken in open development mode. */
  get leads(): boolean {
    return this.#leading || tokenClaims(this.#latestToken).role === 'facilitator';
  }

  /** The name the token (a host's sign-on, or a workshop credential) gives this person; undefined without one. */
  get tokenName(): string | undefined {
    const name = tokenName(this.#latestToken);
    return name === undefined ? undefined : cleanName(name);
  }

  /** The page names no token, so the server runs in open development mode, where a page may take the lead. */
  get mayTakeLead(): boolean {
    return this.#latestToken === '' && !this.#leading;
  }

  /** «Jeg leder økten» (open development mode only): joins the session document as its facilitator. */
  takeLead(): void {
    if (!this.mayTakeLead) return;
    this.#leading = true;
    this.#sessionProvider?.destroy();
    this.#openSession();
    this.#publishPresence();
  }

  /** The name others see: the token's, where the host's sign-on gave one, else the one the person typed. */
  get #name(): string {
    return tokenName(this.#latestToken) ?? this.#local.name;
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  onPresence(listener: (presence: readonly PresenceEntry[]) => void): () => void {
    this.#presenceListeners.add(listener);
    return () => this.#presenceListeners.delete(listener);
  }

  /** Called when the server says the room has been deleted (after the device copy is gone). */
  onDeleted(listener: () => void): () => void {
    this.#deletedListeners.add(listener);
    return () => this.#deletedListeners.delete(listener);
  }

  /** Calls `listener` when the session document has synced (at once if it has). */
  onSessionSynced(listener: () => void): () => void {
    if (this.sessionSynced) listener();
    this.#sessionSyncedListeners.add(listener);
    return () => this.#sessionSyncedListeners.delete(listener);
  }

  /** Tells the room this person's name, the step they look at and how many notes they hold hidden; nothing is sent when none changed. */
  setPresence(changes: { name?: string; step?: number; hidden?: number }): void {
    const next = { ...this.#local, ...changes };
    if (next.name === this.#local.name && next.step === this.#local.step && next.hidden === this.#local.hidden) return;
    this.#local = next;
    this.#publishPresence();
  }

  /** Removes this room's copy from the device ("Fjern fra denne enheten") and leaves the room. */
  async clearDevice(): Promise<void> {
    const offline = this.#offline;
    this.#offline = undefined;
    this.destroy();
    if (offline) await offline.clearData();
    else await deleteDatabase(offlineName(this.#options.url, this.#options.room));
  }

  destroy(): void {
    this.#closeProvider();
    void this.#offline?.destroy();
    this.#offline = undefined;
    this.#stateListeners.clear();
    this.#presenceListeners.clear();
    this.#deletedListeners.clear();
  }

  #connect(): void {
    const { room, token } = this.#options;
    this.#socket = this.#newSocket(() => this.#socket);
    this.#provider = new HocuspocusProvider({
      websocketProvider: this.#socket,
      name: room,
      document: this.doc,
      // Asked on every (re)connect, so a host's function can hand out a fresh token each time.
      token: async () => {
        const value = typeof token === 'function' ? await token() : (token ?? '');
        this.#latestToken = value;
        this.#publishPresence();
        return value;
      },
      onStatus: ({ status }) => {
        if (this.#stoppedForGood) return;
        if (status === 'connected') return; // connected means synced and authorised: see onSynced
        // Waiting for the server's storage: the reason stays until the room syncs (said once, not at every attempt).
        if (this.#state.status === 'offline' && this.#state.reason) return;
        if (status === 'connecting') this.#setState({ status: this.#everConnected ? 'offline' : 'connecting' });
        else this.#setState({ status: 'offline' });
      },
      onSynced: ({ state }) => {
        if (!state || this.#stoppedForGood) return;
        this.#everConnected = true;
        this.#renewals = 0;
        this.#closesSinceSync = 0;
        this.#setState({ status: 'connected' });
      },
      onAuthenticationFailed: ({ reason }) => (WAIT_REASONS.has(reason) ? this.#wait(reason) : this.#refused(reason)),
      onClose: ({ event }) => {
        this.#forgetPresenceClocks();
        // 4403 / 4410 / 4413: the server refused a message or deleted the room; reconnecting would be refused again.
        // (4408 is the provider's own "no answer for a long time": it tries again; 4500 and up, or a reason to wait: too.)
        if (isRefusal(event.code, event.reason)) this.#refused(event.reason || 'refused');
        else if (WAIT_REASONS.has(event.reason)) this.#wait(event.reason);
      },
      onAwarenessChange: () => this.#readPresence(),
    });
    // A provider given its socket does not attach (nor destroy it) by itself.
    this.#provider.attach();
    this.#publishPresence();
    this.#openSession();
  }

  /**
   * The session document, on the room's socket: read-only on the server for all but facilitators; not
   * kept on the device. A lead taken in open development mode joins on a socket of its own: joining a
   * document again on a socket the server may still be letting it out of would be ignored (Hocuspocus 3.4.4).
   */
  #openSession(): void {
    const { room, token } = this.#options;
    if (!this.#socket) return;
    if (this.#leading) this.#leadSocket ??= this.#newSocket(() => this.#leadSocket);
    this.#sessionProvider = new HocuspocusProvider({
      websocketProvider: this.#leading ? this.#leadSocket! : this.#socket,
      name: `${room}${SESSION_SUFFIX}`,
      document: this.sessionDoc,
      awareness: null, // presence lives in the room itself
      token: async () => (this.#leading ? OPEN_MODE_LEAD_TOKEN : typeof token === 'function' ? await token() : (token ?? '')),
      onStateless: ({ payload }) => {
        const serverTime = readServerTime(payload);
        if (serverTime !== undefined) this.clockOffset = serverTime - Date.now();
      },
      onSynced: ({ state }) => {
        if (!state || this.sessionSynced) return;
        this.sessionSynced = true;
        for (const listener of [...this.#sessionSyncedListeners]) listener();
      },
    });
    this.#sessionProvider.attach();
  }

  #closeProvider(): void {
    this.#sessionProvider?.destroy();
    this.#provider?.destroy();
    this.#socket?.destroy();
    this.#leadSocket?.destroy();
    this.#sessionProvider = undefined;
    this.#provider = undefined;
    this.#socket = undefined;
    this.#leadSocket = undefined;
  }

  #newSocket(self: () => HocuspocusProviderWebsocket | undefined): HocuspocusProviderWebsocket {
    const { delay, minDelay, factor, maxDelay, jitter } = RECONNECT;
    return new HocuspocusProviderWebsocket({ url: this.server, WebSocketPolyfill: this.#serviceSocket(self), delay, minDelay, factor, maxDelay, jitter });
  }

  /**
   * The WebSocket the provider opens: to the address in use now, whatever address the provider
   * asks for; when a socket closes other than by a refusal, the next attempt goes to the next address,
   * after a random wait (RECONNECT): this listener runs before the provider's, which starts the attempt.
   */
  #serviceSocket(owner: () => HocuspocusProviderWebsocket | undefined): typeof WebSocket {
    const connection = this;
    return class ServiceSocket extends WebSocket {
      constructor(_url: string | URL, protocols?: string | string[]) {
        super(roomAddress(connection.server, connection.#options.room), protocols);
        this.addEventListener('close', (event) => {
          if (isRefusal(event.code, event.reason) || event.reason === OUT_OF_ORDER) return;
          connection.#serverIndex = (connection.#serverIndex + 1) % connection.#servers.length;
          const socket = owner();
          if (socket) socket.configuration.initialDelay = connection.#spread();
        });
      }
    };
  }

  /** A random wait in [0, spread), the spread doubling with each close since the last sync. */
  #spread(): number {
    const ceiling = Math.min(RECONNECT.maxSpreadMs, RECONNECT.spreadMs * 2 ** this.#closesSinceSync);
    this.#closesSinceSync += 1;
    return Math.floor(Math.random() * ceiling);
  }

  /**
   * On a close the provider removes everyone else's presence, and y-protocols remembers each removal
   * with that person's clock raised by one: on the next server (a failover) or the same one again,
   * their unchanged presence would be ignored as old until they next renew it (up to 15 s, measured
   * 12 s with every page missing the other instance's people). Forgetting those clocks lets their
   * presence in again as soon as the server sends it.
   */
  #forgetPresenceClocks(): void {
    const awareness = this.#provider?.awareness;
    if (!awareness) return;
    const present = awareness.getStates();
    for (const clientId of [...awareness.meta.keys()]) if (clientId !== awareness.clientID && !present.has(clientId)) awareness.meta.delete(clientId);
  }

  /** The server cannot serve the room just now (its storage is away): offline, and trying again by itself. */
  #wait(reason: string): void {
    if (this.#stoppedForGood) return;
    this.#setState({ status: 'offline', reason });
  }

  get #stoppedForGood(): boolean {
    return this.#state.status === 'unauthorized' || this.#state.status === 'refused';
  }

  #refused(reason: string, final = false): void {
    if (this.#stoppedForGood) return;
    // A token that ran out mid-session: ask the host for a fresh one and go on; stop only if none comes.
    if (reason === 'token-expired' && !final && this.#renewals < 3) {
      if (this.#renewing) return;
      this.#renewals += 1;
      this.#renewing = true;
      void this.#renewOrStop();
      return;
    }
    const status: ConnectionStatus = UNAUTHORIZED.has(reason) ? 'unauthorized' : 'refused';
    // The provider would otherwise try again every 30 s, forever (Hocuspocus 3.4.4).
    const providers = [this.#provider, this.#sessionProvider];
    const sockets = [this.#socket, this.#leadSocket];
    this.#provider = undefined;
    this.#sessionProvider = undefined;
    this.#socket = undefined;
    this.#leadSocket = undefined;
    queueMicrotask(() => {
      for (const provider of providers) provider?.destroy();
      for (const socket of sockets) socket?.destroy();
    });
    this.#setState({ status, reason });
    this.#presence = this.#presence.filter((each) => each.self);
    for (const listener of [...this.#presenceListeners]) listener(this.#presence);
    if (reason === 'room-deleted') void this.#dropDeviceCopy();
  }

  async #renewOrStop(): Promise<void> {
    const expired = this.#latestToken;
    let fresh: string | undefined;
    try {
      const { token } = this.#options;
      fresh = typeof token === 'function' ? await token() : token;
    } catch {
      fresh = undefined;
    }
    this.#renewing = false;
    if (!fresh || fresh === expired) return this.#refused('token-expired', true);
    this.#latestToken = fresh;
    this.#setState({ status: 'offline' });
    // The provider reconnects by itself after a close; after a refused authentication it needs a new socket.
    this.#socket?.disconnect();
    void this.#socket?.connect();
  }

  async #dropDeviceCopy(): Promise<void> {
    const offline = this.#offline;
    this.#offline = undefined;
    try {
      if (offline) await offline.clearData();
    } finally {
      for (const listener of [...this.#deletedListeners]) listener();
    }
  }

  #setState(state: ConnectionState): void {
    if (state.status === this.#state.status && state.reason === this.#state.reason) return;
    this.#state = state;
    for (const listener of [...this.#stateListeners]) listener(state);
  }

  #publishPresence(): void {
    const awareness = this.#provider?.awareness;
    // Not before a host's token has arrived: the server checks presence against the token's name and `sub`.
    if (!awareness || (this.#latestToken === undefined && this.#options.token !== undefined)) return;
    const { step, hidden } = this.#local;
    awareness.setLocalStateField('user', {
      id: this.participantId,
      name: cleanName(this.#name),
      ...(step === undefined ? {} : { step }),
      ...(hidden ? { hidden } : {}),
      ...(this.leads ? { lead: true } : {}),
    });
    this.#readPresence();
  }

  /** Reads who is here from awareness, which any client in the room can write: every field is checked. */
  #readPresence(): void {
    const awareness = this.#provider?.awareness;
    if (!awareness) return;
    const selfId = this.participantId;
    const byId = new Map<string, PresenceEntry>();
    for (const [clientId, state] of awareness.getStates()) {
      const user = (state as { user?: unknown }).user;
      if (!user || typeof user !== 'object') continue;
      const { id, name, step, hidden, lead } = user as Record<string, unknown>;
      if (typeof id !== 'string' || id.length === 0 || id.length > 200) continue;
      const self = clientId === awareness.clientID || id === selfId;
      const entry: PresenceEntry = {
        id,
        name: cleanName(name),
        step: typeof step === 'number' && Number.isInteger(step) && step >= 0 && step <= 5 ? step : undefined,
        hidden: typeof hidden === 'number' && Number.isInteger(hidden) && hidden > 0 && hidden <= MAX_HIDDEN ? hidden : undefined,
        lead: lead === true || undefined,
        self,
      };
      // Several tabs of one person count once; this tab's own state wins for this person.
      if (!byId.has(id) || clientId === awareness.clientID) byId.set(id, entry);
    }
    if (!byId.has(selfId)) {
      byId.set(selfId, { id: selfId, name: cleanName(this.#name), step: this.#local.step, hidden: this.#local.hidden || undefined, lead: this.leads || undefined, self: true });
    }
    const presence = [...byId.values()].sort((a, b) => (a.self === b.self ? a.name.localeCompare(b.name, 'nb') || (a.id < b.id ? -1 : 1) : a.self ? -1 : 1));
    const key = JSON.stringify(presence);
    if (key === this.#presenceKey) return;
    this.#presenceKey = key;
    this.#presence = presence;
    for (const listener of [...this.#presenceListeners]) listener(presence);
  }
}

/** `{"serverTime": …}`, which the server sends on a session document; anything else is not a time. */
function readServerTime(payload: string): number | undefined {
  try {
    const { serverTime } = JSON.parse(payload) as { serverTime?: unknown };
    return typeof serverTime === 'number' && Number.isFinite(serverTime) && serverTime > 0 ? serverTime : undefined;
  } catch {
    return undefined;
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
