import { hasDeviceValue, readDeviceValue, writeDeviceValue } from '../storage/device-value.js';
import { LocalStorageAdapter } from '../storage/local-storage-adapter.js';
import { forgetRoomOnDevice } from '../storage/forget-room.js';
import { roomDeviceKey } from '../storage/room-device.js';
import { createDocument, mergeDocuments } from '../store/document.js';
import type { StoreChange } from '../store/guide-store.js';
import type { GuideDocument } from '../store/types.js';
import type { SessionKeeper } from '../store/session.js';
import { validateDocument } from '../store/validate.js';
import { bindRoom, changedIds, type RoomBinding } from './room-binding.js';
import type { IdentityKeeper } from '../storage/participant.js';
import type { GuideStore } from '../store/guide-store.js';
import { RoomConnection, type ConnectionState, type PresenceEntry } from './room-connection.js';
import { RoomSession } from './room-session.js';

export interface RoomOptions {
  /** The server; the device copy and what was brought in are kept under this address. */
  url: string;
  /** Every address of the service, tried in turn when the one in use goes away (`RoomConnectionOptions.urls`). */
  urls?: readonly string[];
  room: string;
  /** The guide on this page the room is for (src/sources/page-guide.ts is one). */
  guide: RoomGuide;
  /** The guide's storage key: where notes written before the room may wait. */
  storageKey: string;
  token: () => Promise<string>;
}

/** Notes kept on this device before the guide joined the room, offered once per room. */
export interface LocalOffer {
  readonly notes: number;
  readonly actions: number;
}

/** What the room needs of the guide it is for: its store, who is writing, the notes kept on the device, its session. */
export interface RoomGuide {
  readonly store: GuideStore;
  readonly identity: IdentityKeeper;
  /** This person's hidden notes: the others see how many, never what they say. */
  readonly hiddenNotes: { readonly notes: readonly unknown[]; subscribe(listener: () => void): () => void; forget(): void };
  readonly ownNotes: { forget(): void };
  /** Puts a session in charge of the guide: the room's; `undefined` once the room is gone (nobody on the page leads). */
  useSession(keeper: SessionKeeper | undefined): void;
}

/** A problem the page reports as `innovasjon-error`. */
export type RoomProblemCode = 'collab-invalid' | 'collab-refused' | 'collab-unauthorized';

/**
 * What the room tells the page it happened, for the element layer to say
 * (src/features/live.ts speaks it in the person's language): this layer
 * knows what happened, not how it is said.
 */
export type RoomNews =
  /** `quiet`: the state when the room starts, sent as an event and not said. */
  | { readonly kind: 'connection'; readonly state: ConnectionState; readonly quiet?: boolean }
  /** Sent as `innovasjon-error`, never said. */
  | { readonly kind: 'problem'; readonly code: RoomProblemCode; readonly message: string }
  /** Everyone in the room now, this person included: sent as `innovasjon-presence`. */
  | { readonly kind: 'participants'; readonly participants: readonly { id: string; name: string; step?: number }[] }
  | { readonly kind: 'read-only' }
  | { readonly kind: 'writable-again' }
  | { readonly kind: 'brought-in' }
  | { readonly kind: 'removed' }
  /** Others who came and went since the last news of it (names, empty for someone without one). */
  | { readonly kind: 'presence'; readonly joined: readonly string[]; readonly left: readonly string[] };

/** Joins and leaves are told at most this often, so a busy room does not talk over the person's work. */
const PRESENCE_ANNOUNCE_INTERVAL = 4000;

const isEmpty = (document: GuideDocument) =>
  !document.notes.length && !document.actions.length && !document.deleted.length && !document.participants.length;

/** The held edits kept on the device, or an empty document when there are none or they do not read. */
function readHeld(key: string): GuideDocument {
  const raw = readDeviceValue(key);
  if (raw === undefined) return createDocument();
  try {
    return validateDocument(raw);
  } catch {
    return createDocument(); // unreadable: nothing to bring in, and the room is not touched
  }
}

/** The items a local change touched, as they are after it: what a page that cannot write keeps back. */
function touched(change: StoreChange): GuideDocument {
  const { document } = change;
  const { ids, participantIds } = changedIds(change);
  return createDocument({
    notes: document.notes.filter((note) => ids.has(note.id)),
    actions: document.actions.filter((action) => ids.has(action.id)),
    deleted: document.deleted.filter((tombstone) => ids.has(tombstone.id)),
    participants: document.participants.filter((participant) => participantIds.has(participant.id)),
  });
}

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
  /**
   * Resolves when the room has synced with the server for the first time on this page: the room's
   * notes are in the store (read as a load, not as changes), and changes from now on are changes.
   */
  readonly loaded: Promise<void>;
  #resolveLoaded!: () => void;
  readonly #options: RoomOptions;
  readonly #binding: RoomBinding;
  readonly #listeners = new Set<() => void>();
  readonly #newsListeners = new Set<(news: RoomNews) => void>();
  readonly #stops: (() => void)[] = [];
  #offer?: LocalOffer;
  #localDocument?: GuideDocument;
  #removed = false;
  /** The room's `meta.schema` is newer than this library's: the page reads the room and cannot write it. */
  #readOnly = false;
  /** Edits made while the page could not write to the room, kept on the device until it can. */
  #held: GuideDocument;
  #showHeldQueued = false;
  #lastPresence?: readonly PresenceEntry[];
  #pendingJoins = new Map<string, string>();
  #pendingLeaves = new Map<string, string>();
  #presenceTimer = 0;
  #lastPresenceAnnouncement = 0;

  constructor(options: RoomOptions) {
    this.#options = options;
    this.loaded = new Promise((resolve) => (this.#resolveLoaded = resolve));
    const { guide, url, urls, room, token } = options;
    const { store, identity: keeper } = guide;
    this.#held = readHeld(this.#key('held'));
    const identity = keeper.get();
    this.connection = new RoomConnection({ url, urls, room, token, participant: { id: identity.id, name: identity.name } });
    // Notes the person wrote before this chunk arrived go into the room, not away.
    const early = store.document;
    this.#binding = bindRoom(store, this.connection.doc, {
      catchingUp: () => !this.connection.everSynced,
      onInvalid: ({ root, id, reason }) =>
        this.#tell({ kind: 'problem', code: 'collab-invalid', message: `Skipped an invalid item from the room: ${root} ${id} (${reason}).` }),
      onRefused: ({ reason }) => {
        this.#readOnly = true;
        this.#tell({
          kind: 'problem',
          code: 'collab-refused',
          message: `The room is newer than this library (${reason}): it is shown, not changed; this page's edits are kept on this device until the room can be written. Update the guide.`,
        });
        this.#tell({ kind: 'read-only' });
        this.#changed();
      },
      onWritable: () => {
        this.#readOnly = false;
        this.#tell({ kind: 'writable-again' });
        // After the transaction that put the schema back: bringing in is a transaction of its own.
        queueMicrotask(() => this.#bringInHeld());
        this.#changed();
      },
    });
    if (early.notes.length || early.actions.length) this.#binding.bringIn(early);
    this.session = new RoomSession(this.connection);
    guide.useSession(this.session);
    this.#stops.push(
      store.subscribe((change) => this.#onStoreChange(change)),
      this.connection.onState((state) => this.#onState(state)),
      this.connection.onPresence((presence) => this.#onPresence(presence)),
      this.connection.onDeleted(() => this.#onDeleted()),
      keeper.subscribe(({ name }) => this.connection.setPresence({ name })),
      // The others see how many notes this person holds hidden, never what they say.
      guide.hiddenNotes.subscribe(() => this.connection.setPresence({ hidden: guide.hiddenNotes.notes.length })),
    );
    this.connection.setPresence({ hidden: guide.hiddenNotes.notes.length });
    this.#readLocalOffer();
    // Edits held back on an earlier visit, while the room could not be written: shown until they go in.
    if (!isEmpty(this.#held)) this.#showHeld();
    queueMicrotask(() => this.#tell({ kind: 'connection', state: { status: this.state.status }, quiet: true }));
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

  /**
   * The room names a newer schema than this library's: it is shown, never written, and what the person
   * changes is kept on this device and brought into the room once it can be written again.
   */
  get readOnly(): boolean {
    return this.#readOnly;
  }

  /** Whether the person removed this room's copy from the device on this page. */
  get removedFromDevice(): boolean {
    return this.#removed;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls `listener` with what happened that the person should be told (the element layer says it). */
  onNews(listener: (news: RoomNews) => void): () => void {
    this.#newsListeners.add(listener);
    return () => this.#newsListeners.delete(listener);
  }

  /** Tells the room which step this person looks at. */
  setStep(step: number): void {
    this.connection.setPresence({ step });
  }

  /** Brings this device's earlier notes into the room (merged; the local copy stays where it was). */
  bringInLocal(): void {
    const local = this.#localDocument;
    if (!local) return;
    if (this.#readOnly) this.#hold(local);
    else this.#binding.bringIn(local);
    this.#remember('yes');
    this.#offer = undefined;
    this.#tell({ kind: 'brought-in' });
    this.#changed();
  }

  /** Leaves this device's earlier notes where they are, and does not ask again for this room. */
  keepLocalApart(): void {
    this.#remember('no');
    this.#offer = undefined;
    this.#changed();
  }

  /**
   * "Fjern fra denne enheten": the room's copy on this device is deleted, with everything else the guide
   * kept for the room here (hidden notes, one's own note ids, held edits, the remembered name), and the
   * page leaves the room.
   */
  async removeFromDevice(): Promise<void> {
    this.#binding.stop();
    this.#removed = true;
    this.#forgetDevice();
    await this.connection.clearDevice();
    this.#options.guide.store.setDocument(createDocument(), { origin: 'load' });
    this.#tell({ kind: 'removed' });
    this.#changed();
  }

  destroy(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.session.destroy();
    this.#options.guide.useSession(undefined);
    clearTimeout(this.#presenceTimer);
    this.#binding.stop();
    this.connection.destroy();
    this.#listeners.clear();
    this.#newsListeners.clear();
  }

  #tell(news: RoomNews): void {
    for (const listener of [...this.#newsListeners]) listener(news);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  #key(what: 'held' | 'brought-into'): string {
    const { storageKey, url, room } = this.#options;
    return roomDeviceKey(storageKey, what, url, room);
  }

  /** Forgets on this page, then on the device, everything kept for this room beside its IndexedDB copy. */
  #forgetDevice(): void {
    const { guide, storageKey, url, room } = this.#options;
    const { identity } = guide;
    this.#held = createDocument();
    guide.hiddenNotes.forget();
    guide.ownNotes.forget();
    // The page stops showing the name (the next person at a shared PC starts without it); removed from storage below.
    identity.set({ name: '', anonymous: false });
    forgetRoomOnDevice(storageKey, url, room);
  }

  #onStoreChange(change: StoreChange): void {
    if (this.#removed) return;
    if (change.origin === 'local') {
      if (this.#readOnly) this.#hold(touched(change));
    } else if (!isEmpty(this.#held) && !this.#showHeldQueued) {
      // After the store's other listeners have heard this change: a change made inside one would reach them first.
      this.#showHeldQueued = true;
      queueMicrotask(() => {
        this.#showHeldQueued = false;
        if (!this.#removed && !isEmpty(this.#held)) this.#showHeld();
      });
    }
  }

  /** Keeps `edits` on the device, with those held before, and shows them on the page. */
  #hold(edits: GuideDocument): void {
    if (isEmpty(edits)) return;
    this.#held = mergeDocuments(this.#held, edits);
    // Storage full or forbidden: they are kept on this page until it closes.
    writeDeviceValue(this.#key('held'), this.#held);
    this.#showHeld();
  }

  /** What arrives from the room is shown with the held edits on top (later versions win, as in any merge). */
  #showHeld(): void {
    const store = this.#options.guide.store;
    const shown = mergeDocuments(store.document, this.#held);
    if (JSON.stringify(shown) !== JSON.stringify(store.document)) store.setDocument(shown, { origin: 'load' });
  }

  /** Brings the held edits into the room once it can be written and this page has the room's own state. */
  #bringInHeld(): void {
    if (isEmpty(this.#held) || this.#readOnly || this.#removed || !this.connection.everSynced) return;
    const held = this.#held;
    this.#held = createDocument();
    writeDeviceValue(this.#key('held'), undefined);
    this.#binding.bringIn(held);
  }

  #remember(answer: 'yes' | 'no'): void {
    // Not kept: asked again on the next visit; nothing is lost.
    writeDeviceValue(this.#key('brought-into'), answer);
  }

  #readLocalOffer(): void {
    const { storageKey } = this.#options;
    if (hasDeviceValue(this.#key('brought-into'))) return;
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
    if (this.connection.everSynced) this.#resolveLoaded();
    this.#tell({ kind: 'connection', state });
    // With a token (a sign-on's, or a workshop credential), its name signs new notes unless the person gave one.
    const signed = this.connection.tokenName;
    const keeper = this.#options.guide.identity;
    const person = keeper.get();
    if (status === 'connected' && signed && !person.name && !person.anonymous) keeper.set({ name: signed });
    if (status === 'unauthorized') {
      this.#tell({ kind: 'problem', code: 'collab-unauthorized', message: `The room refused the token (${reason}).` });
    } else if (status === 'refused') {
      this.#tell({ kind: 'problem', code: 'collab-refused', message: `The room refused this page (${reason}).` });
    }
    if (status === 'connected') this.#bringInHeld();
    this.#changed();
  }

  #onDeleted(): void {
    this.#binding.stop();
    this.#forgetDevice();
    this.#options.guide.store.setDocument(createDocument(), { origin: 'remote' });
    this.#changed();
  }

  #onPresence(presence: readonly PresenceEntry[]): void {
    const previous = this.#lastPresence;
    this.#lastPresence = presence;
    this.#tell({
      kind: 'participants',
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
      const joined = [...this.#pendingJoins.values()];
      const left = [...this.#pendingLeaves.values()];
      this.#pendingJoins.clear();
      this.#pendingLeaves.clear();
      this.#tell({ kind: 'presence', joined, left });
    }, wait);
  }
}
