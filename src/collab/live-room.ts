import { msg, str } from '@lit/localize';
import { announce } from '../internal/announcer.js';
import { EventBridge } from '../internal/event-bridge.js';
import { LocalStorageAdapter } from '../storage/local-storage-adapter.js';
import type { IdentityKeeper } from '../sources/document-source.js';
import { createDocument } from '../store/document.js';
import type { GuideStore } from '../store/guide-store.js';
import type { GuideDocument } from '../store/types.js';
import { bindRoom, type RoomBinding } from './room-binding.js';
import { hiddenNotesOf } from '../sources/hidden-notes.js';
import { PageSession, useSession } from '../sources/session-keeper.js';
import { RoomConnection, type ConnectionState, type PresenceEntry } from './room-connection.js';
import { RoomSession } from './room-session.js';

export interface RoomOptions {
  /** The server; the device copy and what was brought in are kept under this address. */
  url: string;
  /** Every address of the service, tried in turn when the one in use goes away (`RoomConnectionOptions.urls`). */
  urls?: readonly string[];
  room: string;
  store: GuideStore;
  /** The guide's storage key: where notes written before the room may wait. */
  storageKey: string;
  /** Who the person is, as the room's document source keeps it. */
  identity: IdentityKeeper;
  token: () => Promise<string>;
}

/** Notes kept on this device before the guide joined the room, offered once per room. */
export interface LocalOffer {
  readonly notes: number;
  readonly actions: number;
}

/** Joins and leaves are told at most this often, so a busy room does not talk over the person's work. */
const PRESENCE_ANNOUNCE_INTERVAL = 4000;

const broughtInKey = (storageKey: string, url: string, room: string) => `${storageKey}:brought-into:${url}#${room}`;

/**
 * A guide's live room on this page: the connection, the binding between the
 * room's document and the store, and what the guide shows about them
 * (connection status, who is here, notes from before the room). Shared by
 * every element that names the room; it speaks through the store's event
 * bridge, so each event is sent once on the page.
 */
export class LiveRoom {
  readonly connection: RoomConnection;
  /** The led session: phases set by the room's facilitator. */
  readonly session: RoomSession;
  readonly #options: RoomOptions;
  readonly #binding: RoomBinding;
  readonly #bridge: EventBridge;
  readonly #listeners = new Set<() => void>();
  readonly #stops: (() => void)[] = [];
  #offer?: LocalOffer;
  #localDocument?: GuideDocument;
  #removed = false;
  #lastPresence?: readonly PresenceEntry[];
  #pendingJoins = new Map<string, string>();
  #pendingLeaves = new Map<string, string>();
  #presenceTimer = 0;
  #lastPresenceAnnouncement = 0;

  constructor(options: RoomOptions) {
    this.#options = options;
    const { store, identity: keeper, url, urls, room, token } = options;
    this.#bridge = EventBridge.for(store);
    const identity = keeper.get();
    this.connection = new RoomConnection({ url, urls, room, token, participant: { id: identity.id, name: identity.name } });
    // Notes the person wrote before this chunk arrived go into the room, not away.
    const early = store.document;
    this.#binding = bindRoom(store, this.connection.doc, {
      catchingUp: () => !this.connection.everSynced,
      onInvalid: ({ root, id, reason }) =>
        this.#bridge.emitFromLead('innovasjon-error', { code: 'collab-invalid', message: `Skipped an invalid item from the room: ${root} ${id} (${reason}).` }),
      onRefused: ({ reason }) =>
        this.#bridge.emitFromLead('innovasjon-error', { code: 'collab-refused', message: `The room is newer than this library (${reason}): it is shown, not changed. Update the guide.` }),
    });
    if (early.notes.length || early.actions.length) this.#binding.bringIn(early);
    this.session = new RoomSession(this.connection);
    useSession(store, this.session);
    this.#stops.push(
      this.connection.onState((state) => this.#onState(state)),
      this.connection.onPresence((presence) => this.#onPresence(presence)),
      this.connection.onDeleted(() => this.#onDeleted()),
      keeper.subscribe(({ name }) => this.connection.setPresence({ name })),
      // The others see how many notes this person holds hidden, never what they say.
      hiddenNotesOf(store).subscribe(() => this.connection.setPresence({ hidden: hiddenNotesOf(store).notes.length })),
    );
    this.connection.setPresence({ hidden: hiddenNotesOf(store).notes.length });
    this.#readLocalOffer();
    queueMicrotask(() => this.#bridge.emitFromLead('innovasjon-connection', { status: this.state.status }));
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  get presence(): readonly PresenceEntry[] {
    return this.connection.presence;
  }

  get room(): string {
    return this.#options.room;
  }

  /** Notes on this device from before the room, waiting for the person's answer; undefined when there are none. */
  get localOffer(): LocalOffer | undefined {
    return this.#offer;
  }

  /** Whether the person removed this room's copy from the device on this page. */
  get removedFromDevice(): boolean {
    return this.#removed;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells the room which step this person looks at. */
  setStep(step: number): void {
    this.connection.setPresence({ step });
  }

  /** Brings this device's earlier notes into the room (merged; the local copy stays where it was). */
  bringInLocal(): void {
    const local = this.#localDocument;
    if (!local) return;
    this.#binding.bringIn(local);
    this.#remember('yes');
    this.#offer = undefined;
    announce(msg('Lappene fra denne enheten er tatt med inn i rommet.', { id: 'collab.brought-in' }));
    this.#changed();
  }

  /** Leaves this device's earlier notes where they are, and does not ask again for this room. */
  keepLocalApart(): void {
    this.#remember('no');
    this.#offer = undefined;
    this.#changed();
  }

  /** "Fjern fra denne enheten": the room's copy on this device is deleted and the page leaves the room. */
  async removeFromDevice(): Promise<void> {
    this.#binding.stop();
    this.#removed = true;
    await this.connection.clearDevice();
    this.#options.store.setDocument(createDocument(), { origin: 'load' });
    announce(msg('Rommet er fjernet fra denne enheten. Det som er lagret på serveren, er ikke rørt.', { id: 'collab.removed-announcement' }));
    this.#changed();
  }

  destroy(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.session.destroy();
    useSession(this.#options.store, new PageSession(false, false));
    clearTimeout(this.#presenceTimer);
    this.#binding.stop();
    this.connection.destroy();
    this.#listeners.clear();
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  #remember(answer: 'yes' | 'no'): void {
    const { storageKey, url, room } = this.#options;
    try {
      localStorage.setItem(broughtInKey(storageKey, url, room), answer);
    } catch {
      // Asked again on the next visit; nothing is lost.
    }
  }

  #readLocalOffer(): void {
    const { storageKey, url, room } = this.#options;
    try {
      if (localStorage.getItem(broughtInKey(storageKey, url, room))) return;
    } catch {
      return;
    }
    void Promise.resolve(new LocalStorageAdapter(storageKey).load()).then(
      (document) => {
        if (!document || (document.notes.length === 0 && document.actions.length === 0)) return;
        this.#localDocument = document;
        this.#offer = { notes: document.notes.length, actions: document.actions.length };
        this.#changed();
      },
      () => undefined, // unreadable local storage: nothing to offer
    );
  }

  #onState(state: ConnectionState): void {
    const { status, reason } = state;
    this.#bridge.emitFromLead('innovasjon-connection', reason ? { status, reason } : { status });
    if (status === 'unauthorized') {
      this.#bridge.emitFromLead('innovasjon-error', { code: 'collab-unauthorized', message: `The room refused the token (${reason}).` });
    } else if (status === 'refused') {
      this.#bridge.emitFromLead('innovasjon-error', { code: 'collab-refused', message: `The room refused this page (${reason}).` });
    }
    announce(connectionMessage(state));
    this.#changed();
  }

  #onDeleted(): void {
    this.#binding.stop();
    this.#options.store.setDocument(createDocument(), { origin: 'remote' });
    this.#changed();
  }

  #onPresence(presence: readonly PresenceEntry[]): void {
    const previous = this.#lastPresence;
    this.#lastPresence = presence;
    this.#bridge.emitFromLead('innovasjon-presence', {
      participants: presence.map(({ id, name, step }) => (step === undefined ? { id, name } : { id, name, step })),
    });
    this.#changed();
    if (!previous) return;
    // Others only: this person's own entry changes id when the token arrives, and nobody is told they joined themselves.
    const others = (list: readonly PresenceEntry[]) => new Map(list.filter((each) => !each.self).map((each) => [each.id, each.name]));
    const before = others(previous);
    const now = others(presence);
    for (const [id, name] of now) if (!before.has(id)) this.#pendingLeaves.delete(id) || this.#pendingJoins.set(id, name);
    for (const [id, name] of before) if (!now.has(id)) this.#pendingJoins.delete(id) || this.#pendingLeaves.set(id, name);
    this.#schedulePresenceAnnouncement();
  }

  #schedulePresenceAnnouncement(): void {
    if (this.#presenceTimer || (this.#pendingJoins.size === 0 && this.#pendingLeaves.size === 0)) return;
    const wait = Math.max(0, this.#lastPresenceAnnouncement + PRESENCE_ANNOUNCE_INTERVAL - Date.now());
    this.#presenceTimer = window.setTimeout(() => {
      this.#presenceTimer = 0;
      this.#lastPresenceAnnouncement = Date.now();
      const joined = [...this.#pendingJoins.values()].map(displayName);
      const left = [...this.#pendingLeaves.values()].map(displayName);
      this.#pendingJoins.clear();
      this.#pendingLeaves.clear();
      const parts: string[] = [];
      if (joined.length) parts.push(msg(str`Kom inn: ${joined.join(', ')}.`, { id: 'collab.joined' }));
      if (left.length) parts.push(msg(str`Gikk ut: ${left.join(', ')}.`, { id: 'collab.left' }));
      announce(parts.join(' '));
    }, wait);
  }
}

const displayName = (name: string) => name || msg('en uten navn', { id: 'collab.someone-unnamed' });

/** What the person hears, and reads in the guide, about the connection. */
export function connectionMessage({ status, reason }: ConnectionState): string {
  switch (status) {
    case 'connecting':
      return msg('Kobler til rommet …', { id: 'collab.status.connecting' });
    case 'connected':
      return msg('Tilkoblet. Endringene deles med de andre i rommet.', { id: 'collab.status.connected' });
    case 'offline':
      return reason
        ? msg('Frakoblet: serveren kan ikke ta imot endringer akkurat nå. Endringene dine lagres på denne enheten, og siden prøver igjen av seg selv.', { id: 'collab.status.waiting' })
        : msg('Frakoblet. Endringene dine lagres på denne enheten og sendes når forbindelsen er tilbake.', { id: 'collab.status.offline' });
    case 'unauthorized':
      return msg('Ikke tilgang til rommet. Lenken kan være utløpt: last inn siden på nytt eller be om en ny lenke. Lappene dine er her fortsatt.', { id: 'collab.status.unauthorized' });
    case 'refused':
      return reason === 'room-deleted'
        ? msg('Rommet er slettet, og kopien på denne enheten er fjernet.', { id: 'collab.status.deleted' })
        : msg(str`Serveren tok ikke imot endringene (${reason ?? ''}). Lappene er her fortsatt; eksporter dem for å ta vare på dem.`, { id: 'collab.status.refused' });
  }
}
