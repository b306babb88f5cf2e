// fast-check generators for the store's property-based tests, and an
// invariant checker written apart from src/store/validate.ts, so the two can
// be held against each other.
import fc from 'fast-check';
import { cardIdsOf, turguide } from '../../src/content/turguide.js';
import {
  DOCUMENT_FORMAT,
  LIMITS,
  NOTE_COLORS,
  type Action,
  type GuideDocument,
  type Note,
  type Participant,
  type Tombstone,
} from '../../src/store/types.js';

// ---------------------------------------------------------------------------
// Run settings

const fuzzGlobals = globalThis as { __FUZZ_RUNS__?: unknown; __FUZZ_SEED__?: unknown };
const requestedRuns = Number(fuzzGlobals.__FUZZ_RUNS__ ?? 1000);
const requestedSeed = fuzzGlobals.__FUZZ_SEED__ === undefined ? NaN : Number(fuzzGlobals.__FUZZ_SEED__);

/**
 * Runs per property: 1,000 unless the page sets `window.__FUZZ_RUNS__`
 * (the runner config fills it from the FUZZ_RUNS environment variable).
 */
export const RUNS = Number.isFinite(requestedRuns) && requestedRuns >= 1 ? Math.floor(requestedRuns) : 1000;

/** What every `fc.assert` gets; `window.__FUZZ_SEED__` replays a reported seed. */
export const FUZZ: { numRuns: number; includeErrorInReport: boolean; seed?: number } = {
  numRuns: RUNS,
  includeErrorInReport: true,
  ...(Number.isInteger(requestedSeed) && { seed: requestedSeed }),
};

/** A mocha timeout that grows with the number of runs. */
export const TIMEOUT = 10_000 + RUNS * 40;

// ---------------------------------------------------------------------------
// Valid documents

export const CARD_ID_SET = cardIdsOf(turguide);
export const CARD_IDS: readonly string[] = [...CARD_ID_SET];

const DATES = {
  min: new Date('2000-01-01T00:00:00.000Z'),
  max: new Date('2099-12-31T23:59:59.999Z'),
  noInvalidDate: true,
};

const two = (n: number) => String(n).padStart(2, '0');

/** `date` as an ISO timestamp at a UTC offset of `minutes`, such as `2024-05-01T12:00:00.000+02:00`. */
function atOffset(date: Date, minutes: number): string {
  const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, -1);
  const sign = minutes < 0 ? '-' : '+';
  const size = Math.abs(minutes);
  return `${local}${sign}${two(Math.trunc(size / 60))}:${two(size % 60)}`;
}

/** `date` in UTC with 0 to 6 digits of fractional seconds. */
function withFraction(date: Date, digits: number): string {
  const iso = date.toISOString();
  const fraction = `${iso.slice(20, 23)}000`.slice(0, digits);
  return `${iso.slice(0, 19)}${digits ? `.${fraction}` : ''}Z`;
}

/** ISO 8601 timestamps in every form the document format allows. */
export const timestampArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.date(DATES).map((date) => date.toISOString()) },
  { weight: 2, arbitrary: fc.tuple(fc.date(DATES), fc.integer({ min: 0, max: 6 })).map(([date, digits]) => withFraction(date, digits)) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.date(DATES), fc.integer({ min: -48, max: 56 })).map(([date, quarters]) => atOffset(date, quarters * 15)),
  },
);

export const dueArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.date(DATES).map((date) => date.toISOString().slice(0, 10)),
);

/**
 * Ids: mostly short ones from a tiny alphabet, so that two generated
 * documents share ids now and then; also long, Unicode and maximal ones.
 */
export const idArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '-', 'é', '<', '\u200b'), minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: LIMITS.id / 2 }) },
  { weight: 1, arbitrary: fc.string({ minLength: LIMITS.id, maxLength: LIMITS.id }) },
);

/** Any text up to `limit` UTF-16 units: short Unicode, and now and then exactly `limit` long. */
function textUpTo(limit: number, graphemes: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.string({ unit: 'grapheme', maxLength: graphemes }).map((text) => text.slice(0, limit)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: graphemes }).map((text) => text.slice(0, limit)) },
    { weight: 1, arbitrary: fc.constantFrom('x', 'ø', '😀', '\u202e').map((unit) => unit.repeat(limit / unit.length)) },
  );
}

export const noteTextArb = textUpTo(LIMITS.noteText, 30);
export const nameArb = textUpTo(LIMITS.name, 8);
export const actionTextArb = textUpTo(LIMITS.actionText, 20);
/** Any card of the Turguide, but mostly one of three, so that cards fill up and moves have notes to pass. */
export const cardIdArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CARD_IDS.slice(0, 3)) },
  { weight: 1, arbitrary: fc.constantFrom(...CARD_IDS) },
);
export const colorArb = fc.constantFrom(...NOTE_COLORS);

export const noteArb: fc.Arbitrary<Note> = fc.record({
  id: idArb,
  cardId: cardIdArb,
  text: noteTextArb,
  color: colorArb,
  author: nameArb,
  votes: fc.uniqueArray(idArb, { maxLength: 4 }),
  createdAt: timestampArb,
  updatedAt: timestampArb,
});

export const actionArb: fc.Arbitrary<Action> = fc.record({
  id: idArb,
  step: fc.integer({ min: 1, max: 4 }),
  what: actionTextArb,
  who: nameArb,
  due: dueArb,
  done: fc.boolean(),
  createdAt: timestampArb,
  updatedAt: timestampArb,
});

export const participantArb: fc.Arbitrary<Participant> = fc.record({ id: idArb, name: nameArb });
export const tombstoneArb: fc.Arbitrary<Tombstone> = fc.record({ id: idArb, deletedAt: timestampArb });

export interface DocumentSizes {
  notes?: number;
  actions?: number;
  participants?: number;
  deleted?: number;
}

/**
 * Valid version-2 documents on the cards of the Turguide: unique ids across
 * notes and actions, tombstones only for ids that are not live. Plain,
 * unfrozen objects with the fields in the order the library writes them.
 */
export function documentArb({ notes = 6, actions = 3, participants = 3, deleted = 4 }: DocumentSizes = {}): fc.Arbitrary<GuideDocument> {
  return fc
    .record({
      notes: fc.uniqueArray(noteArb, { selector: (note) => note.id, maxLength: notes }),
      actions: fc.uniqueArray(actionArb, { selector: (action) => action.id, maxLength: actions }),
      participants: fc.uniqueArray(participantArb, { selector: (participant) => participant.id, maxLength: participants }),
      deleted: fc.uniqueArray(tombstoneArb, { selector: (tombstone) => tombstone.id, maxLength: deleted }),
    })
    .map((parts) => {
      const noteIds = new Set(parts.notes.map((note) => note.id));
      const actions = parts.actions.filter((action) => !noteIds.has(action.id));
      const live = new Set([...noteIds, ...actions.map((action) => action.id)]);
      return {
        format: DOCUMENT_FORMAT,
        version: 2 as const,
        notes: parts.notes,
        actions,
        participants: parts.participants,
        deleted: parts.deleted.filter((tombstone) => !live.has(tombstone.id)),
      };
    });
}

/** A plain, mutable deep copy, as JSON would carry it. */
export const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A JSON copy where JSON can make one (no bigint, no bare undefined), else the value itself. */
function copyOf(value: unknown): unknown {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? value : JSON.parse(json);
  } catch {
    return value;
  }
}

// ---------------------------------------------------------------------------
// Junk and nearly valid values

/** Values validation is likely to trip over. */
export const specialArb: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  ' ',
  0,
  -0,
  -1,
  1,
  2,
  3,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  2n,
  true,
  false,
  [],
  {},
  [[]],
  'yellow',
  'purple',
  't1-mal',
  DOCUMENT_FORMAT,
  '2024-01-01',
  '2024-01-01T10:00:00.000Z',
  '2024-01-01T10:00:00',
  '2024-1-1T10:00:00Z',
  'x'.repeat(LIMITS.id + 1),
  '__proto__',
);

/** Anything a host might hand over, short of functions and getters. */
export const anythingArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    maxKeys: 6,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  }),
  fc.jsonValue({ maxDepth: 3 }),
);

export const junkArb: fc.Arbitrary<unknown> = fc.oneof({ weight: 2, arbitrary: specialArb }, { weight: 1, arbitrary: anythingArb });

/** A valid value most of the time, junk otherwise. */
const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 7, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junkArb });

const roughNoteArb = fc.record({
  id: mostly(idArb),
  cardId: mostly(cardIdArb),
  text: mostly(noteTextArb),
  color: mostly(colorArb),
  author: mostly(nameArb),
  votes: mostly(fc.array(mostly(idArb), { maxLength: 3 })),
  createdAt: mostly(timestampArb),
  updatedAt: mostly(timestampArb),
});

const roughActionArb = fc.record({
  id: mostly(idArb),
  step: mostly(fc.integer({ min: 1, max: 4 })),
  what: mostly(actionTextArb),
  who: mostly(nameArb),
  due: mostly(dueArb),
  done: mostly(fc.boolean()),
  createdAt: mostly(timestampArb),
  updatedAt: mostly(timestampArb),
});

/** Document-shaped values whose every field may be junk: reaches deep into validation. */
export const roughDocumentArb: fc.Arbitrary<unknown> = fc.record({
  format: mostly(fc.constant(DOCUMENT_FORMAT)),
  version: mostly(fc.constantFrom(1, 2)),
  notes: mostly(fc.array(mostly(roughNoteArb), { maxLength: 4 })),
  actions: mostly(fc.array(mostly(roughActionArb), { maxLength: 3 })),
  participants: mostly(fc.array(mostly(fc.record({ id: mostly(idArb), name: mostly(nameArb) })), { maxLength: 3 })),
  deleted: mostly(fc.array(mostly(fc.record({ id: mostly(idArb), deletedAt: mostly(timestampArb) })), { maxLength: 3 })),
});

// ---------------------------------------------------------------------------
// Mutations of valid documents

/** A place in a value: the container, the key in it, and a readable path. */
interface Slot {
  parent: Record<string | number, unknown>;
  key: string | number;
  path: string;
}

/** Every field and array item below `root`, depth first; stops at `foreign` values. */
function slotsOf(root: unknown, foreign: WeakSet<object>): Slot[] {
  const slots: Slot[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null || foreign.has(node)) return;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, index) => index) : Object.keys(node);
    for (const key of keys) {
      const child = (node as Record<string | number, unknown>)[key];
      const at = typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      slots.push({ parent: node as Record<string | number, unknown>, key, path: at });
      walk(child, at);
    }
  };
  walk(root, '');
  return slots;
}

const valueAt = (slot: Slot) => slot.parent[slot.key];
const nameOf = (slot: Slot) => (typeof slot.key === 'string' ? slot.key : slot.path.replace(/\[\d+\]$/, '').split('.').pop()!);

/** The most characters the field at `slot` may hold. */
function limitOf(slot: Slot): number {
  switch (nameOf(slot)) {
    case 'text':
      return LIMITS.noteText;
    case 'what':
      return LIMITS.actionText;
    case 'due':
      return 10;
    case 'createdAt':
    case 'updatedAt':
    case 'deletedAt':
      return 40;
    default:
      return LIMITS.id; // ids, card ids, votes and names share the limit of 100
  }
}

export type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'duplicate'; pick: number; at: number }
  | { kind: 'version'; value: unknown }
  | { kind: 'long'; pick: number; over: boolean; unit: string }
  | { kind: 'collide'; pick: number; from: number }
  | { kind: 'grow'; pick: number; over: boolean };

const pickArb = fc.nat();

export function mutationArb({ grow = true } = {}): fc.Arbitrary<Mutation> {
  const kinds: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: pickArb }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: pickArb, value: junkArb }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: pickArb, at: pickArb }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('version' as const),
        value: fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), specialArb),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('long' as const), pick: pickArb, over: fc.boolean(), unit: fc.constantFrom('x', 'ø', ' ') }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('collide' as const), pick: pickArb, from: pickArb }) },
  ];
  if (grow) kinds.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('grow' as const), pick: pickArb, over: fc.boolean() }) });
  return fc.oneof(...kinds);
}

const GROWABLE: Record<string, { limit: number; make: (index: number, like: unknown) => unknown }> = {
  notes: { limit: LIMITS.notesPerCard, make: (index, like) => ({ ...(like as object), id: `~grow~${index}` }) },
  actions: { limit: LIMITS.actions, make: (index, like) => ({ ...(like as object), id: `~grow~${index}` }) },
  participants: { limit: LIMITS.participants, make: (index) => ({ id: `~grow~${index}`, name: '' }) },
  deleted: { limit: LIMITS.deleted, make: (index) => ({ id: `~grow~${index}`, deletedAt: '2024-01-01T00:00:00.000Z' }) },
  votes: { limit: LIMITS.participants, make: (index) => `~grow~${index}` },
};

const TEMPLATE_NOTE = {
  id: '',
  cardId: CARD_IDS[0],
  text: '',
  color: 'yellow',
  author: '',
  votes: [],
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};
const TEMPLATE_ACTION = {
  id: '',
  step: 1,
  what: '',
  who: '',
  due: '',
  done: false,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

function applyMutation(root: Record<string, unknown>, mutation: Mutation, foreign: WeakSet<object>): void {
  const slots = slotsOf(root, foreign);
  const among = (candidates: Slot[], pick: number) => (candidates.length ? candidates[pick % candidates.length] : undefined);
  switch (mutation.kind) {
    case 'delete': {
      const slot = among(slots, mutation.pick);
      if (!slot) return;
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key];
      return;
    }
    case 'replace': {
      const slot = among(slots, mutation.pick);
      if (!slot) return;
      slot.parent[slot.key] = mutation.value;
      if (typeof mutation.value === 'object' && mutation.value !== null) foreign.add(mutation.value);
      return;
    }
    case 'duplicate': {
      const arrays = slots.filter((slot) => Array.isArray(valueAt(slot)) && (valueAt(slot) as unknown[]).length > 0);
      const slot = among(arrays, mutation.pick);
      if (!slot) return;
      const array = valueAt(slot) as unknown[];
      const copy = copyOf(array[mutation.at % array.length]);
      array.splice(mutation.at % (array.length + 1), 0, copy);
      return;
    }
    case 'version':
      root.version = mutation.value;
      // Like a replaced value: not walked into later (it may hold a cycle).
      if (typeof mutation.value === 'object' && mutation.value !== null) foreign.add(mutation.value);
      return;
    case 'long': {
      const slot = among(
        slots.filter((each) => typeof valueAt(each) === 'string'),
        mutation.pick,
      );
      if (!slot) return;
      slot.parent[slot.key] = mutation.unit.repeat(limitOf(slot) + (mutation.over ? 1 : 0));
      return;
    }
    case 'collide': {
      const ids = slots.filter((slot) => slot.key === 'id' || /\.votes\[\d+\]$/.test(slot.path));
      const target = among(ids, mutation.pick);
      const source = among(ids, mutation.from);
      if (target && source) target.parent[target.key] = valueAt(source);
      return;
    }
    case 'grow': {
      const arrays = slots.filter((slot) => Array.isArray(valueAt(slot)) && nameOf(slot) in GROWABLE);
      const slot = among(arrays, mutation.pick);
      if (!slot) return;
      const name = nameOf(slot);
      const array = valueAt(slot) as unknown[];
      const { limit, make } = GROWABLE[name];
      const like = array.find((item) => typeof item === 'object' && item !== null) ?? (name === 'notes' ? TEMPLATE_NOTE : TEMPLATE_ACTION);
      // Notes are limited per card: fill the card of the first one.
      const count =
        name === 'notes'
          ? array.filter((item) => (item as { cardId?: unknown })?.cardId === (like as { cardId?: unknown }).cardId).length
          : array.length;
      for (let index = count; index < limit + (mutation.over ? 1 : 0); index++) array.push(make(index, like));
      return;
    }
  }
}

/**
 * A deep copy of `document` with `mutations` applied in turn, except that
 * at most one `grow` is made, last (walking thousands of grown items for
 * each later mutation would only slow the runs down).
 */
export function mutate(document: GuideDocument, mutations: readonly Mutation[]): Record<string, unknown> {
  const root = jsonCopy(document) as unknown as Record<string, unknown>;
  const foreign = new WeakSet<object>();
  for (const mutation of mutations) if (mutation.kind !== 'grow') applyMutation(root, mutation, foreign);
  const grow = mutations.find((mutation) => mutation.kind === 'grow');
  if (grow) applyMutation(root, grow, foreign);
  return root;
}

/** A valid document and one to four mutations to make of it; {@link mutate} applies them. */
export function mutationsArb({ grow = true, sizes = {} as DocumentSizes } = {}): fc.Arbitrary<[GuideDocument, Mutation[]]> {
  return fc.tuple(documentArb(sizes), fc.array(mutationArb({ grow }), { minLength: 1, maxLength: 4 }));
}

/** A valid document with one to four mutations: mostly invalid, sometimes still valid. */
export function mutatedDocumentArb(options: { grow?: boolean; sizes?: DocumentSizes } = {}): fc.Arbitrary<Record<string, unknown>> {
  return mutationsArb(options).map(([document, mutations]) => mutate(document, mutations));
}

// ---------------------------------------------------------------------------
// Hostile objects: throwing getters, iterators and proxies

export type Thrown = 'error' | 'type-error' | 'string' | 'undefined' | 'null' | 'object';
const throwable = (thrown: Thrown): unknown =>
  ({
    error: new Error('hostile getter'),
    'type-error': new TypeError('hostile getter'),
    string: 'hostile getter',
    undefined,
    null: null,
    object: { hostile: true },
  })[thrown];
const thrownArb = fc.constantFrom<Thrown>('error', 'type-error', 'string', 'undefined', 'null', 'object');

/**
 * One hostile place in a document. `on` says where: a getter on an object
 * `field` or an array `item`; a proxy for an `object` or an `array` (the
 * root document counts as an object).
 */
export type Hostility =
  | { kind: 'getter'; on: 'field' | 'item'; pick: number; enumerable: boolean; thrown: Thrown }
  | { kind: 'proxy'; on: 'object' | 'array'; pick: number; thrown: Thrown }
  | { kind: 'iterator'; pick: number; thrown: Thrown }
  | { kind: 'revoked'; pick: number };

export const getterArb = (on: 'field' | 'item'): fc.Arbitrary<Hostility> =>
  fc.record({ kind: fc.constant('getter' as const), on: fc.constant(on), pick: pickArb, enumerable: fc.boolean(), thrown: thrownArb });

export const proxyArb = (on: 'object' | 'array'): fc.Arbitrary<Hostility> =>
  fc.record({ kind: fc.constant('proxy' as const), on: fc.constant(on), pick: pickArb, thrown: thrownArb });

export const iteratorArb: fc.Arbitrary<Hostility> = fc.record({ kind: fc.constant('iterator' as const), pick: pickArb, thrown: thrownArb });

export const revokedArb: fc.Arbitrary<Hostility> = fc.record({ kind: fc.constant('revoked' as const), pick: pickArb });

function throwingHandler(thrown: Thrown): ProxyHandler<object> {
  const trap = () => {
    throw throwable(thrown);
  };
  return { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, defineProperty: trap };
}

/**
 * A copy of `document` with one hostile place. Built inside a property, so
 * that fast-check reports the plain document and the {@link Hostility}.
 */
export function makeHostile(document: GuideDocument, hostility: Hostility): unknown {
  const holder: Record<string | number, unknown> = { root: jsonCopy(document) };
  const slots = [{ parent: holder, key: 'root', path: '' } as Slot, ...slotsOf(holder.root, new WeakSet())];
  const among = (candidates: Slot[], pick: number) => (candidates.length ? candidates[pick % candidates.length] : undefined);
  const isObject = (slot: Slot) => typeof valueAt(slot) === 'object' && valueAt(slot) !== null;
  const arrays = slots.filter((slot) => Array.isArray(valueAt(slot)));
  switch (hostility.kind) {
    case 'getter': {
      // Never the root itself: the holder must hand it back.
      const places = slots.slice(1).filter((slot) => Array.isArray(slot.parent) === (hostility.on === 'item'));
      const slot = among(places, hostility.pick);
      if (!slot) break;
      const error = throwable(hostility.thrown);
      Object.defineProperty(slot.parent, slot.key, {
        enumerable: hostility.enumerable,
        configurable: true,
        get() {
          throw error;
        },
      });
      break;
    }
    case 'proxy': {
      const places = hostility.on === 'array' ? arrays : slots.filter((slot) => isObject(slot) && !Array.isArray(valueAt(slot)));
      const slot = among(places, hostility.pick);
      if (slot) slot.parent[slot.key] = new Proxy(valueAt(slot) as object, throwingHandler(hostility.thrown));
      break;
    }
    case 'iterator': {
      const slot = among(arrays, hostility.pick);
      if (!slot) break;
      const error = throwable(hostility.thrown);
      Object.defineProperty(valueAt(slot), Symbol.iterator, {
        value() {
          throw error;
        },
      });
      break;
    }
    case 'revoked': {
      const slot = among(slots.filter(isObject), hostility.pick);
      if (!slot) break;
      const { proxy, revoke } = Proxy.revocable(valueAt(slot) as object, {});
      revoke();
      slot.parent[slot.key] = proxy;
      break;
    }
  }
  return holder.root;
}

// ---------------------------------------------------------------------------
// Date-like strings that may name no real day or time

const digits = (count: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: count, maxLength: count });
/** Two digits: in or just past the range up to `max`, the `edges` that catch calendars out, or any. */
const field = (max: number, ...edges: [number, ...number[]]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: max + 1 }).map(two) },
    { weight: 3, arbitrary: fc.constantFrom(...edges).map(two) },
    { weight: 1, arbitrary: digits(2) },
  );

/** `YYYY-MM-DD` strings, often a day that does not exist (month 0, day 0, the 30th of February). */
export const dateLikeArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1999, max: 2101 }).map(String), fc.constantFrom('1900', '2000', '2023', '2024'), digits(4)),
    field(12, 0, 2, 4, 6, 9, 11, 13),
    field(31, 0, 28, 29, 30, 31, 32),
  )
  .map(([year, month, day]) => `${year}-${month}-${day}`);

/** Timestamps shaped like ISO 8601, often naming no real day or time. */
export const timestampLikeArb: fc.Arbitrary<string> = fc
  .tuple(
    dateLikeArb,
    field(23, 24, 25),
    field(59, 60),
    field(59, 60),
    fc.option(fc.integer({ min: 1, max: 6 }).chain(digits), { nil: undefined }),
    fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), field(23, 24), field(59, 60)).map(([sign, h, m]) => `${sign}${h}:${m}`),
    ),
  )
  .map(([date, hour, minute, second, fraction, zone]) => `${date}T${hour}:${minute}:${second}${fraction ? `.${fraction}` : ''}${zone}`);

/** A valid document with one timestamp or due date replaced by a date-like string of its kind. */
export const dateSwappedDocumentArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(documentArb({ notes: 2, actions: 3, participants: 0, deleted: 2 }), fc.nat(), timestampLikeArb, dateLikeArb)
  .map(([document, pick, timestamp, date]) => {
    const root = jsonCopy(document) as unknown as Record<string, unknown>;
    const dated = slotsOf(root, new WeakSet()).filter((slot) => /^(createdAt|updatedAt|deletedAt|due)$/.test(String(slot.key)));
    if (dated.length) {
      const slot = dated[pick % dated.length];
      slot.parent[slot.key] = slot.key === 'due' ? date : timestamp;
    }
    return root;
  });

// ---------------------------------------------------------------------------
// The invariants, checked independently of validate.ts

const DOCUMENT_KEYS = ['format', 'version', 'notes', 'actions', 'participants', 'deleted'];
const NOTE_KEYS = ['id', 'cardId', 'text', 'color', 'author', 'votes', 'createdAt', 'updatedAt'];
const ACTION_KEYS = ['id', 'step', 'what', 'who', 'due', 'done', 'createdAt', 'updatedAt'];
const PARTICIPANT_KEYS = ['id', 'name'];
const TOMBSTONE_KEYS = ['id', 'deletedAt'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Any value, shown briefly and without calling into it. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** A real calendar day: month 1 to 12, day within the month. */
function isRealDay(year: string, month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(Number(year), m);
}

/** An ISO 8601 timestamp naming a real instant: real day, hours 0–23, minutes and seconds 0–59, offset below a day. */
export function isRealTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, zoneHour = '00', zoneMinute = '00'] = match;
  return (
    isRealDay(year, month, day) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(zoneHour) <= 23 &&
    Number(zoneMinute) <= 59
  );
}

/** Empty, or `YYYY-MM-DD` naming a real day. */
export function isDueDate(value: unknown): boolean {
  if (value === '') return true;
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  return match !== null && isRealDay(match[1], match[2], match[3]);
}

export interface InvariantOptions {
  /** When given, every note must sit on one of these cards. */
  cardIds?: ReadonlySet<string>;
  /** Also require the document and everything in it to be frozen (as the library hands them out). */
  frozen?: boolean;
}

/** Everything wrong with `value` as a current-version document; empty when it is sound. */
export function invariantProblems(value: unknown, { cardIds, frozen = false }: InvariantOptions = {}): string[] {
  const problems: string[] = [];
  const fail = (path: string, problem: string) => problems.push(`${path || 'document'}: ${problem}`);
  const record = (item: unknown, keys: readonly string[], path: string): Record<string, unknown> | undefined => {
    if (!isRecord(item)) return void fail(path, 'is not an object');
    const own = Object.keys(item).sort().join();
    if (own !== [...keys].sort().join()) fail(path, `has the fields ${own}, not ${keys.join()}`);
    if (frozen && !Object.isFrozen(item)) fail(path, 'is not frozen');
    return item;
  };
  const list = (item: unknown, max: number, path: string): unknown[] => {
    if (!Array.isArray(item)) {
      fail(path, 'is not an array');
      return [];
    }
    if (item.length > max) fail(path, `holds ${item.length} items, over ${max}`);
    if (frozen && !Object.isFrozen(item)) fail(path, 'is not frozen');
    return Array.from(item);
  };
  const text = (item: unknown, max: number, path: string, nonEmpty = false) => {
    if (typeof item !== 'string') fail(path, `is a ${typeof item}, not a string`);
    else if (item.length > max) fail(path, `is ${item.length} characters, over ${max}`);
    else if (nonEmpty && item === '') fail(path, 'is empty');
  };
  const id = (item: unknown, path: string) => text(item, LIMITS.id, path, true);
  const timestamp = (item: unknown, path: string) => {
    if (!isRealTimestamp(item)) fail(path, `is not a real ISO 8601 timestamp: ${show(item)}`);
  };
  /** Fails on a repeated id; returns the ids. */
  const unique = (items: unknown[], path: string, seen = new Set<unknown>()) => {
    items.forEach((item, index) => {
      const each = isRecord(item) ? item.id : undefined;
      if (seen.has(each)) fail(`${path}[${index}].id`, `repeats ${show(each)}`);
      seen.add(each);
    });
    return seen;
  };

  const document = record(value, DOCUMENT_KEYS, '');
  if (!document) return problems;
  if (document.format !== DOCUMENT_FORMAT) fail('format', `is ${show(document.format)}`);
  if (document.version !== 2) fail('version', `is ${show(document.version)}`);

  const notes = list(document.notes, LIMITS.notes, 'notes');
  const perCard = new Map<unknown, number>();
  notes.forEach((item, index) => {
    const path = `notes[${index}]`;
    const note = record(item, NOTE_KEYS, path);
    if (!note) return;
    id(note.id, `${path}.id`);
    id(note.cardId, `${path}.cardId`);
    if (cardIds && !cardIds.has(note.cardId as string)) fail(`${path}.cardId`, `is not a card: ${show(note.cardId)}`);
    perCard.set(note.cardId, (perCard.get(note.cardId) ?? 0) + 1);
    text(note.text, LIMITS.noteText, `${path}.text`);
    if (!(NOTE_COLORS as readonly unknown[]).includes(note.color)) fail(`${path}.color`, `is ${show(note.color)}`);
    text(note.author, LIMITS.name, `${path}.author`);
    const votes = list(note.votes, LIMITS.participants, `${path}.votes`);
    votes.forEach((vote, at) => id(vote, `${path}.votes[${at}]`));
    if (new Set(votes).size !== votes.length) fail(`${path}.votes`, 'repeats a participant');
    timestamp(note.createdAt, `${path}.createdAt`);
    timestamp(note.updatedAt, `${path}.updatedAt`);
  });
  for (const [card, count] of perCard) if (count > LIMITS.notesPerCard) fail('notes', `card ${show(card)} holds ${count} notes`);

  const actions = list(document.actions, LIMITS.actions, 'actions');
  actions.forEach((item, index) => {
    const path = `actions[${index}]`;
    const action = record(item, ACTION_KEYS, path);
    if (!action) return;
    id(action.id, `${path}.id`);
    if (!(typeof action.step === 'number' && [1, 2, 3, 4].includes(action.step))) fail(`${path}.step`, `is ${show(action.step)}`);
    text(action.what, LIMITS.actionText, `${path}.what`);
    text(action.who, LIMITS.name, `${path}.who`);
    if (!isDueDate(action.due)) fail(`${path}.due`, `is not empty or a real YYYY-MM-DD: ${show(action.due)}`);
    if (typeof action.done !== 'boolean') fail(`${path}.done`, `is ${show(action.done)}`);
    timestamp(action.createdAt, `${path}.createdAt`);
    timestamp(action.updatedAt, `${path}.updatedAt`);
  });

  const participants = list(document.participants, LIMITS.participants, 'participants');
  participants.forEach((item, index) => {
    const participant = record(item, PARTICIPANT_KEYS, `participants[${index}]`);
    if (!participant) return;
    id(participant.id, `participants[${index}].id`);
    text(participant.name, LIMITS.name, `participants[${index}].name`);
  });

  const deleted = list(document.deleted, LIMITS.deleted, 'deleted');
  deleted.forEach((item, index) => {
    const tombstone = record(item, TOMBSTONE_KEYS, `deleted[${index}]`);
    if (!tombstone) return;
    id(tombstone.id, `deleted[${index}].id`);
    timestamp(tombstone.deletedAt, `deleted[${index}].deletedAt`);
  });

  const live = unique(actions, 'actions', unique(notes, 'notes'));
  unique(participants, 'participants');
  unique(deleted, 'deleted');
  deleted.forEach((item, index) => {
    if (isRecord(item) && live.has(item.id)) fail(`deleted[${index}].id`, `names the live id ${show(item.id)}`);
  });
  if (frozen) for (const note of notes) if (isRecord(note) && !Object.isFrozen(note.votes)) fail('notes', 'votes not frozen');
  return problems;
}

/** Throws an Error listing every broken invariant of `value`. */
export function checkInvariants(value: unknown, options: InvariantOptions = {}): void {
  const problems = invariantProblems(value, options);
  if (problems.length) throw new Error(`Broken invariants:\n  ${problems.slice(0, 10).join('\n  ')}`);
}

/**
 * What validation should make of a plain `input`: only the known fields,
 * version 1 upgraded (no votes, actions, participants or deletions). A
 * missing field comes out as `undefined`; anything not shaped like a
 * document is returned as it is.
 */
export function knownFields(input: unknown): unknown {
  if (!isRecord(input)) return input;
  const v1 = input.version === 1;
  const pick = (item: unknown, keys: readonly string[]) =>
    isRecord(item) ? Object.fromEntries(keys.map((key) => [key, item[key]])) : item;
  const each = (items: unknown, keys: readonly string[], extra: object = {}) =>
    Array.isArray(items) ? Array.from(items, (item) => (isRecord(item) ? { ...(pick(item, keys) as object), ...extra } : item)) : items;
  return {
    format: input.format,
    version: v1 ? 2 : input.version,
    notes: each(input.notes, NOTE_KEYS, v1 ? { votes: [] } : {}),
    actions: v1 ? [] : each(input.actions, ACTION_KEYS),
    participants: v1 ? [] : each(input.participants, PARTICIPANT_KEYS),
    deleted: v1 ? [] : each(input.deleted, TOMBSTONE_KEYS),
  };
}

/** Note and action ids that are live in `document`. */
export const liveIds = (document: GuideDocument): Set<string> =>
  new Set([...document.notes.map((note) => note.id), ...document.actions.map((action) => action.id)]);

export const deletedIds = (document: GuideDocument): Set<string> => new Set(document.deleted.map((tombstone) => tombstone.id));

// ---------------------------------------------------------------------------
// Store operations

/** Names an existing note or action by its index (modulo the count), or an id that may not exist. */
export type Target = { index: number } | { id: string };

export type Operation =
  | { op: 'addNote'; cardId: unknown; text: unknown; color?: unknown; author?: unknown }
  | { op: 'updateNote'; target: Target; changes: Record<string, unknown> }
  | { op: 'moveNote'; target: Target; cardId: unknown; index: number }
  | { op: 'removeNote'; target: Target }
  | { op: 'restoreNote'; removed: number; index: number }
  | { op: 'setVote'; target: Target; participant: Target; voted: boolean }
  | { op: 'upsertParticipant'; participant: Target; name: unknown }
  | { op: 'addAction'; step: unknown; what: unknown; who?: unknown; due?: unknown; done?: unknown }
  | { op: 'updateAction'; target: Target; changes: Record<string, unknown> }
  | { op: 'removeAction'; target: Target }
  | { op: 'setDocument'; document: unknown; origin: 'local' | 'remote' };

/** A valid value most of the time, a value the operation must refuse otherwise. */
const usually = <T>(valid: fc.Arbitrary<T>, ...invalid: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });

const targetArb: fc.Arbitrary<Target> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ index: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ id: idArb }) },
);

const opCardId = usually(cardIdArb, 'no-such-card', '', 42, undefined);
const opText = usually(fc.string({ maxLength: 20 }), 'x'.repeat(LIMITS.noteText + 1), null);
const opColor = usually(fc.option(colorArb, { nil: undefined }), 'purple', 7);
const opName = usually(fc.option(fc.string({ maxLength: 10 }), { nil: undefined }), 'x'.repeat(LIMITS.name + 1), 5);
const opStep = usually(fc.integer({ min: 1, max: 4 }), 0, 5, 2.5, NaN, '2');
const opDue = usually(fc.option(dueArb, { nil: undefined }), 'tomorrow', '2024-13-01', '2024-1-1', 'x'.repeat(11));
const opIndex = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -2, max: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 2.7, -0, 1e9) },
);

export function operationArb({ setDocument = true } = {}): fc.Arbitrary<Operation> {
  const ops: fc.WeightedArbitrary<Operation>[] = [
    {
      weight: 6,
      arbitrary: fc.record({ op: fc.constant('addNote' as const), cardId: opCardId, text: opText, color: opColor, author: opName }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('updateNote' as const),
        target: targetArb,
        changes: fc.record({ text: opText, color: opColor, author: opName, cardId: opCardId }, { requiredKeys: [] }),
      }),
    },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('moveNote' as const), target: targetArb, cardId: opCardId, index: opIndex }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('removeNote' as const), target: targetArb }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('restoreNote' as const), removed: fc.nat(20), index: opIndex }) },
    {
      weight: 3,
      arbitrary: fc.record({ op: fc.constant('setVote' as const), target: targetArb, participant: targetArb, voted: fc.boolean() }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('upsertParticipant' as const), participant: targetArb, name: opName }) },
    {
      weight: 3,
      arbitrary: fc.record(
        { op: fc.constant('addAction' as const), step: opStep, what: opText, who: opName, due: opDue, done: fc.boolean() },
        { requiredKeys: ['op', 'step', 'what'] },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('updateAction' as const),
        target: targetArb,
        changes: fc.record({ what: opText, who: opName, due: opDue, done: fc.boolean(), step: opStep }, { requiredKeys: [] }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('removeAction' as const), target: targetArb }) },
  ];
  if (setDocument) {
    ops.push({
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('setDocument' as const),
        document: fc.oneof(documentArb(), mutatedDocumentArb({ grow: false })),
        origin: fc.constant('local' as const),
      }),
    });
    ops.push({
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('setDocument' as const), document: documentArb(), origin: fc.constant('remote' as const) }),
    });
  }
  return fc.oneof(...ops);
}
