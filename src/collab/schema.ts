// The room document's shape (docs/collab-schema.md, version 1): root names,
// and small readers and writers between its Y.Maps and the store's plain items.
// Readers check only the shape Yjs gives (a Y.Map, a votes map); the store's
// validators check every field.
import * as Y from 'yjs';
import type { SessionState } from '../store/session.js';
import { readSession, sessionEntries } from '../store/session-read.js';
import { DOCUMENT_VERSION, LIMITS, type Action, type Note, type Participant } from '../store/types.js';
import { DocumentError } from '../store/errors.js';
import {
  NOTE_FIELD_NAMES,
  NOTE_FIELD_SPECS,
  validateActionText,
  validateDue,
  validateId,
  validateName,
  validateStep,
  validateTimestamp,
  type NoteFieldSpec,
} from '../store/validate.js';

export const SCHEMA_VERSION = 1;

/** The five root maps; any other root is not read. */
export const ROOTS = ['meta', 'notes', 'actions', 'participants', 'deleted'] as const;
export type RootName = (typeof ROOTS)[number];

/** The longest `order` key that sorts as valid; longer ones sort after all valid ones. */
export const MAX_ORDER_LENGTH = 200;

/**
 * A root map's entries as Yjs keeps them: each key's last item, deleted or not. Yjs's private `_map`,
 * read here only (the page's binding and the server's limits): there is no public way to ask.
 */
export const mapItems = (map: Y.Map<unknown>): ReadonlyMap<string, Y.Item> => (map as unknown as { _map: Map<string, Y.Item> })._map;

/** The longest name shown for a person in the room (presence, the server's check of a claimed name). */
export const MAX_NAME = 80;

/** A person's name as the room shows it: text only, no control characters, at most {@link MAX_NAME}; '' for anything else. */
export const cleanName = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_NAME) : '';

/** The note's fields the room keeps as plain values of its Y.Map, from the store's declaration (`votes` is a map apart). */
export const NOTE_FIELDS = NOTE_FIELD_NAMES.filter((name) => (NOTE_FIELD_SPECS[name] as NoteFieldSpec<unknown>).room !== false);
export const ACTION_FIELDS = ['id', 'step', 'what', 'who', 'due', 'done', 'createdAt', 'updatedAt'] as const;

/** Checks one field's value; throws the store's DocumentError when it is not what the page writes. */
export type FieldCheck = (value: unknown) => void;

const orderKey: FieldCheck = (value) => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4 * MAX_ORDER_LENGTH) throw new DocumentError('must be an order key', 'order');
};

/**
 * The fields of each root's items and the store's check for each (`votes` is a Y.Map of participant
 * id → true, checked apart): what the page writes, and all the server accepts (docs/collab-schema.md).
 */
export const ROOM_FIELDS = {
  // A note's checks are the store's own (card ids unchecked against any content), plus its order key.
  notes: {
    ...Object.fromEntries(
      NOTE_FIELDS.map((name): [string, FieldCheck] => [
        name,
        (value) => void (NOTE_FIELD_SPECS[name] as NoteFieldSpec<unknown>).check(value, name, {}, DOCUMENT_VERSION),
      ]),
    ),
    order: orderKey,
  },
  actions: {
    id: validateId,
    step: validateStep,
    what: validateActionText,
    who: validateName,
    due: validateDue,
    done: (value: unknown) => {
      if (typeof value !== 'boolean') throw new DocumentError('must be true or false', 'done');
    },
    createdAt: validateTimestamp,
    updatedAt: validateTimestamp,
  },
  participants: { id: validateId, name: validateName },
} as const satisfies Record<string, Record<string, FieldCheck>>;

/** The room's `meta` keys and their only accepted values. */
export const META_FIELDS: Record<string, FieldCheck> = {
  schema: (value) => {
    if (value !== SCHEMA_VERSION) throw new DocumentError(`must be ${SCHEMA_VERSION}`, 'schema');
  },
};

export type Read<T> = { readonly value: T; readonly problem?: undefined } | { readonly value?: undefined; readonly problem: string };

/** An `order` value that sorts among the valid keys, or `undefined` for one that sorts after them. */
export const validOrder = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ORDER_LENGTH ? value : undefined;

const fieldsOf = (map: Y.Map<unknown>, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, map.get(name)]));

/**
 * A note's Y.Map as the store's plain fields (votes as the sorted array of
 * participant ids that voted `true`, at most `LIMITS.participants`), and its
 * `order` key aside, for sorting.
 */
export function readNote(value: unknown): Read<{ fields: Record<string, unknown>; order: string | undefined }> {
  if (!(value instanceof Y.Map)) return { problem: 'is not a Y.Map' };
  const votes = value.get('votes');
  if (!(votes instanceof Y.Map)) return { problem: 'votes: is not a Y.Map' };
  const voters: string[] = [];
  votes.forEach((voted, id) => {
    if (voted === true) voters.push(id);
  });
  const fields = { ...fieldsOf(value, NOTE_FIELDS), votes: voters.sort().slice(0, LIMITS.participants) };
  return { value: { fields, order: validOrder(value.get('order')) } };
}

export function readAction(value: unknown): Read<Record<string, unknown>> {
  return value instanceof Y.Map ? { value: fieldsOf(value, ACTION_FIELDS) } : { problem: 'is not a Y.Map' };
}

export function readParticipant(value: unknown): Read<Record<string, unknown>> {
  return value instanceof Y.Map ? { value: fieldsOf(value, ['id', 'name']) } : { problem: 'is not a Y.Map' };
}

/** A note as a new Y.Map with every field and an empty or copied `votes` map. */
export function noteMap(note: Note, order: string): Y.Map<unknown> {
  const votes = new Y.Map<boolean>();
  for (const id of note.votes) votes.set(id, true);
  const map = new Y.Map<unknown>();
  for (const name of NOTE_FIELDS) map.set(name, note[name]);
  map.set('order', order);
  map.set('votes', votes);
  return map;
}

export function actionMap(action: Action): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const name of ACTION_FIELDS) map.set(name, action[name]);
  return map;
}

export function participantMap(participant: Participant): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('id', participant.id);
  map.set('name', participant.name);
  return map;
}

/** Sorts notes as the room does: valid `order` keys first by plain string order, then by `createdAt`; ties by id. */
export function compareNotes(orderOf: (id: string) => string | undefined) {
  return (a: Note, b: Note): number => {
    const [x, y] = [orderOf(a.id), orderOf(b.id)];
    if (x !== undefined && y !== undefined && x !== y) return x < y ? -1 : 1;
    if (x !== undefined && y === undefined) return -1;
    if (x === undefined && y !== undefined) return 1;
    if (x === undefined) {
      const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
      if (byTime) return byTime;
    }
    return compareIds(a.id, b.id);
  };
}

export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Actions in `createdAt` order, then by id. */
export const compareActions = (a: Action, b: Action): number =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareIds(a.id, b.id);

/** Deletions oldest first, then by id: the order in which the room forgets them. */
export const compareTombstones = (a: { id: string; deletedAt: string }, b: { id: string; deletedAt: string }): number =>
  Date.parse(a.deletedAt) - Date.parse(b.deletedAt) || compareIds(a.id, b.id);

/** Each room's session document is the room's name plus this (the server's as well as the pages'). */
export const SESSION_SUFFIX = '/session';
/** The token by which a page takes the lead while the server runs in open development mode («Jeg leder økten»). */
export const OPEN_MODE_LEAD_TOKEN = 'lead';

/** The led session a session document holds, read as untrusted (anything else is no session). */
export const readRoomSession = (doc: Y.Doc): SessionState => readSession(doc.getMap('session').toJSON());

/** Writes the whole session into a session document, in one transaction. */
export function writeRoomSession(doc: Y.Doc, session: SessionState, origin?: unknown): void {
  const map = doc.getMap('session');
  doc.transact(() => {
    for (const [key, value] of sessionEntries(session)) map.set(key, value);
  }, origin);
}

/** Why the server refuses a workshop credential or its proof of possession (docs/workshop-api.md): the page and the server both name them. */
export type CredentialRefusal =
  | 'credential-invalid'
  | 'credential-expired'
  | 'credential-revoked'
  | 'credential-wrong-room'
  | 'proof-missing'
  | 'proof-invalid'
  | 'proof-stale'
  | 'proof-replayed';
