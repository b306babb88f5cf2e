// Pure functions on the saved document: each returns a new, frozen document
// and leaves its input untouched, so a change can be compared, undone or merged.
import { DocumentError } from './errors.js';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  LIMITS,
  type Action,
  type ActionChanges,
  type GuideDocument,
  type NewAction,
  type NewNote,
  type Note,
  type NoteChanges,
  type Participant,
  type Tombstone,
} from './types.js';
import {
  NOTE_CONTENT_FIELDS,
  NOTE_FIELD_SPECS,
  validateActionText,
  validateCardId,
  validateDue,
  validateId,
  validateName,
  validateStep,
  type NoteFieldSpec,
  type ValidateOptions,
} from './validate.js';

type Parts = Partial<Pick<GuideDocument, 'notes' | 'actions' | 'participants' | 'deleted'>>;

/** Documents and everything in them are frozen: snapshots handed to listeners and hosts cannot change under the store. */
export function createDocument(parts: Parts = {}): GuideDocument {
  return Object.freeze({
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    notes: Object.freeze([...(parts.notes ?? [])]),
    actions: Object.freeze([...(parts.actions ?? [])]),
    participants: Object.freeze([...(parts.participants ?? [])]),
    deleted: Object.freeze([...(parts.deleted ?? [])].slice(-LIMITS.deleted)),
  });
}

const withParts = (document: GuideDocument, parts: Parts): GuideDocument => createDocument({ ...document, ...parts });

/** A random id that works outside secure contexts too (plain-http intranets lack `randomUUID`). */
export function createId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const findNote = (document: GuideDocument, id: string): Note | undefined =>
  document.notes.find((note) => note.id === id);

export const findAction = (document: GuideDocument, id: string): Action | undefined =>
  document.actions.find((action) => action.id === id);

function requireNote(document: GuideDocument, id: string): Note {
  const note = findNote(document, id);
  if (!note) throw new RangeError(`No note with id ${JSON.stringify(id)}`);
  return note;
}

function requireAction(document: GuideDocument, id: string): Action {
  const action = findAction(document, id);
  if (!action) throw new RangeError(`No action with id ${JSON.stringify(id)}`);
  return action;
}

function requireNewId(document: GuideDocument, id: string): string {
  validateId(id);
  const taken =
    findNote(document, id) || findAction(document, id) || document.deleted.some((tombstone) => tombstone.id === id);
  if (taken) throw new DocumentError(`repeats the id ${JSON.stringify(id)}`, 'id');
  return id;
}

function requireRoomOnCard(document: GuideDocument, cardId: string): void {
  if (document.notes.length >= LIMITS.notes) {
    throw new DocumentError(`the guide already holds the most notes it can (${LIMITS.notes})`, 'notes');
  }
  const onCard = document.notes.reduce((count, note) => count + (note.cardId === cardId ? 1 : 0), 0);
  if (onCard >= LIMITS.notesPerCard) {
    throw new DocumentError(`the card already holds the most notes it can (${LIMITS.notesPerCard})`, 'cardId');
  }
}

interface Stamp {
  id?: string;
  now?: string;
}

const tombstone = (id: string, now: string): Tombstone => Object.freeze({ id, deletedAt: now });
const nowIso = () => new Date().toISOString();

export function addNote(
  document: GuideDocument,
  input: NewNote,
  { id = createId(), now = nowIso(), ...validate }: Stamp & ValidateOptions = {},
): { document: GuideDocument; note: Note } {
  const written = checkWritten(input, validate, true);
  requireRoomOnCard(document, written.cardId);
  const note: Note = Object.freeze({
    id: requireNewId(document, id),
    ...written,
    votes: Object.freeze([]),
    createdAt: now,
    updatedAt: now,
  });
  return { document: withParts(document, { notes: [...document.notes, note] }), note };
}

function replaceNote(document: GuideDocument, note: Note): GuideDocument {
  return withParts(document, { notes: document.notes.map((each) => (each.id === note.id ? note : each)) });
}

export function updateNote(
  document: GuideDocument,
  id: string,
  changes: NoteChanges,
  { now = nowIso(), ...validate }: Stamp & ValidateOptions = {},
): { document: GuideDocument; note: Note; previous: Note } {
  const previous = requireNote(document, id);
  const next = { ...previous, ...checkWritten(changes, validate, false) };
  if (next.cardId !== previous.cardId) requireRoomOnCard(document, next.cardId);
  if (sameNoteContent(previous, next)) return { document, note: previous, previous };
  const note = Object.freeze({ ...next, updatedAt: now });
  return { document: replaceNote(document, note), note, previous };
}

/**
 * Moves a note to `index` among the notes of `cardId` (its own card or
 * another); an index past the end puts it last.
 */
export function moveNote(
  document: GuideDocument,
  id: string,
  { cardId, index }: { cardId: string; index: number },
  { now = nowIso(), ...validate }: Stamp & ValidateOptions = {},
): { document: GuideDocument; note: Note; previous: Note } {
  const previous = requireNote(document, id);
  const target = validateCardId(cardId, validate);
  if (target !== previous.cardId) requireRoomOnCard(document, target);
  const others = document.notes.filter((note) => note !== previous);
  const onCard = others.filter((note) => note.cardId === target);
  const clamped = Math.max(0, Math.min(Math.trunc(index) || 0, onCard.length));
  const oldIndex = document.notes.filter((note) => note.cardId === target).indexOf(previous);
  if (target === previous.cardId && oldIndex === clamped) return { document, note: previous, previous };
  const note: Note = Object.freeze({ ...previous, cardId: target, updatedAt: now });
  let at: number;
  if (clamped < onCard.length) at = others.indexOf(onCard[clamped]);
  else if (onCard.length) at = others.indexOf(onCard[onCard.length - 1]) + 1;
  else at = others.length;
  others.splice(at, 0, note);
  return { document: withParts(document, { notes: others }), note, previous };
}

export function removeNote(
  document: GuideDocument,
  id: string,
  { now = nowIso() }: Stamp = {},
): { document: GuideDocument; note: Note } {
  const note = requireNote(document, id);
  return {
    document: withParts(document, {
      notes: document.notes.filter((each) => each !== note),
      deleted: [...document.deleted, tombstone(id, now)],
    }),
    note,
  };
}

/**
 * Brings a removed note back (undo), at `index` among its card's notes. Its
 * tombstone goes, and its `updatedAt` moves past the deletion, so a merge
 * with a copy that still holds the tombstone keeps it alive.
 */
export function restoreNote(
  document: GuideDocument,
  note: Note,
  index: number,
  { now = nowIso(), ...validate }: Stamp & ValidateOptions = {},
): { document: GuideDocument; note: Note } {
  if (findNote(document, note.id)) throw new DocumentError(`repeats the id ${JSON.stringify(note.id)}`, 'id');
  const tombstoneOf = document.deleted.find((each) => each.id === note.id);
  // The restore must come after the deletion, or a merge with a copy that still holds the tombstone drops it again.
  if (tombstoneOf && Date.parse(now) <= Date.parse(tombstoneOf.deletedAt)) {
    now = new Date(Date.parse(tombstoneOf.deletedAt) + 1).toISOString();
  }
  const deleted = document.deleted.filter((each) => each.id !== note.id);
  const { document: added, note: placed } = addNote(
    withParts(document, { deleted }),
    // addNote takes the written fields (NOTE_CONTENT_FIELDS) of the note, and only those.
    note,
    { id: note.id, now, ...validate },
  );
  const restored: Note = Object.freeze({ ...placed, votes: note.votes, createdAt: note.createdAt });
  const moved = moveNote(replaceNote(added, restored), note.id, { cardId: note.cardId, index }, { now, ...validate });
  return { document: moved.document, note: moved.note };
}

/** Gives or takes back one participant's vote on a note. */
export function setVote(
  document: GuideDocument,
  noteId: string,
  participantId: string,
  voted: boolean,
  { now = nowIso() }: Stamp = {},
): { document: GuideDocument; note: Note; previous: Note } {
  const previous = requireNote(document, noteId);
  validateId(participantId, 'participant');
  if (previous.votes.includes(participantId) === voted) return { document, note: previous, previous };
  // Kept in plain string order, as a room reads its votes map, so every copy holds the same array.
  const votes = voted ? [...previous.votes, participantId].sort() : previous.votes.filter((each) => each !== participantId);
  if (votes.length > LIMITS.participants) throw new DocumentError('has too many votes', 'votes');
  const note: Note = Object.freeze({ ...previous, votes: Object.freeze(votes), updatedAt: now });
  return { document: replaceNote(document, note), note, previous };
}

/** Adds a participant or renames one with the same id. */
export function upsertParticipant(document: GuideDocument, participant: Participant): GuideDocument {
  const clean: Participant = Object.freeze({
    id: validateId(participant.id),
    name: validateName(participant.name, 'name'),
  });
  const existing = document.participants.find((each) => each.id === clean.id);
  if (existing?.name === clean.name) return document;
  if (!existing && document.participants.length >= LIMITS.participants) {
    throw new DocumentError(`the guide already has the most participants it can (${LIMITS.participants})`, 'participants');
  }
  const participants = existing
    ? document.participants.map((each) => (each.id === clean.id ? clean : each))
    : [...document.participants, clean];
  return withParts(document, { participants });
}

export function addAction(
  document: GuideDocument,
  input: NewAction,
  { id = createId(), now = nowIso() }: Stamp = {},
): { document: GuideDocument; action: Action } {
  if (document.actions.length >= LIMITS.actions) {
    throw new DocumentError(`the guide already holds the most actions it can (${LIMITS.actions})`, 'actions');
  }
  const action: Action = Object.freeze({
    id: requireNewId(document, id),
    step: validateStep(input.step),
    what: validateActionText(input.what),
    who: validateName(input.who ?? '', 'who'),
    due: validateDue(input.due ?? ''),
    done: Boolean(input.done),
    createdAt: now,
    updatedAt: now,
  });
  return { document: withParts(document, { actions: [...document.actions, action] }), action };
}

export function updateAction(
  document: GuideDocument,
  id: string,
  changes: ActionChanges,
  { now = nowIso() }: Stamp = {},
): { document: GuideDocument; action: Action; previous: Action } {
  const previous = requireAction(document, id);
  const next = {
    ...previous,
    ...(changes.what !== undefined && { what: validateActionText(changes.what) }),
    ...(changes.who !== undefined && { who: validateName(changes.who, 'who') }),
    ...(changes.due !== undefined && { due: validateDue(changes.due) }),
    ...(changes.done !== undefined && { done: Boolean(changes.done) }),
    ...(changes.step !== undefined && { step: validateStep(changes.step) }),
  };
  const same = (['what', 'who', 'due', 'done', 'step'] as const).every((key) => next[key] === previous[key]);
  if (same) return { document, action: previous, previous };
  const action = Object.freeze({ ...next, updatedAt: now });
  return {
    document: withParts(document, { actions: document.actions.map((each) => (each.id === id ? action : each)) }),
    action,
    previous,
  };
}

export function removeAction(
  document: GuideDocument,
  id: string,
  { now = nowIso() }: Stamp = {},
): { document: GuideDocument; action: Action } {
  const action = requireAction(document, id);
  return {
    document: withParts(document, {
      actions: document.actions.filter((each) => each !== action),
      deleted: [...document.deleted, tombstone(id, now)],
    }),
    action,
  };
}

/**
 * Checks the written fields `input` gives ({@link NOTE_CONTENT_FIELDS}) and nothing else, so a whole
 * note may be given to copy what a person wrote on it (a restore, a published hidden note); for a new note (`fill`)
 * the missing ones take their declared default, or fail when they have none.
 */
function checkWritten(input: NoteChanges, options: ValidateOptions, fill: true): Required<NewNote>;
function checkWritten(input: NoteChanges, options: ValidateOptions, fill: false): NoteChanges;
function checkWritten(input: NoteChanges, options: ValidateOptions, fill: boolean): NoteChanges {
  const out: Record<string, unknown> = {};
  for (const field of NOTE_CONTENT_FIELDS) {
    const spec = NOTE_FIELD_SPECS[field] as NoteFieldSpec<unknown>;
    // A new note takes the default for a missing (or null) value; a change leaves out only what is undefined.
    const value = fill ? (input[field] ?? spec.default) : input[field];
    if (fill || value !== undefined) out[field] = spec.check(value, field, options, DOCUMENT_VERSION);
  }
  return out;
}

/** Whether two versions of a note say the same (text, colour, author, card); votes and times aside. */
export const sameNoteContent = (a: Note, b: Note): boolean => NOTE_CONTENT_FIELDS.every((field) => a[field] === b[field]);

const sameVotes = (a: Note, b: Note) => a.votes.length === b.votes.length && a.votes.every((v, i) => v === b.votes[i]);

export const sameNote = (a: Note, b: Note): boolean =>
  a === b ||
  (a.id === b.id && sameNoteContent(a, b) && sameVotes(a, b) && a.createdAt === b.createdAt && a.updatedAt === b.updatedAt);

export const sameAction = (a: Action, b: Action): boolean =>
  a === b || (Object.keys(a) as (keyof Action)[]).every((key) => a[key] === b[key]);

export interface Diff<T> {
  added: T[];
  changed: { item: T; previous: T }[];
  removed: T[];
}

function diffById<T extends { id: string }>(previous: readonly T[], next: readonly T[], same: (a: T, b: T) => boolean): Diff<T> {
  const before = new Map(previous.map((item) => [item.id, item]));
  const diff: Diff<T> = { added: [], changed: [], removed: [] };
  for (const item of next) {
    const old = before.get(item.id);
    if (!old) diff.added.push(item);
    else if (!same(old, item)) diff.changed.push({ item, previous: old });
    before.delete(item.id);
  }
  diff.removed.push(...before.values());
  return diff;
}

export interface DocumentDiff {
  notes: Diff<Note>;
  actions: Diff<Action>;
}

/** What happened to each note and action between two versions of a document, matched by id. */
export function diffDocuments(previous: GuideDocument, next: GuideDocument): DocumentDiff {
  return {
    notes: diffById(previous.notes, next.notes, sameNote),
    actions: diffById(previous.actions, next.actions, sameAction),
  };
}

export const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

function mergeItems<T extends { id: string; updatedAt: string }>(
  first: readonly T[],
  second: readonly T[],
  deletedAt: ReadonlyMap<string, string>,
): T[] {
  const others = new Map(second.map((item) => [item.id, item]));
  const merged = first.map((item) => {
    const other = others.get(item.id);
    others.delete(item.id);
    return other && later(other.updatedAt, item.updatedAt) ? other : item;
  });
  // A deletion wins over every version written before it; a later edit or an undo outlives it.
  return [...merged, ...others.values()].filter((item) => {
    const at = deletedAt.get(item.id);
    return at === undefined || later(item.updatedAt, at);
  });
}

/**
 * Joins two copies of a document edited apart: every note and action of
 * either, the later-updated one where both hold it, and none that either
 * copy deleted after its last update. Order follows `local` with what only
 * `incoming` has appended, or, with `order: 'incoming'`, the other way round:
 * tabs syncing through storage take the stored order, so they converge.
 */
export function mergeDocuments(
  local: GuideDocument,
  incoming: GuideDocument,
  { order = 'local' }: { order?: 'local' | 'incoming' } = {},
): GuideDocument {
  const [first, second] = order === 'local' ? [local, incoming] : [incoming, local];
  const deletedAt = new Map<string, string>();
  for (const { id, deletedAt: at } of [...local.deleted, ...incoming.deleted]) {
    const known = deletedAt.get(id);
    if (!known || later(at, known)) deletedAt.set(id, at);
  }
  const notes = mergeItems(first.notes, second.notes, deletedAt);
  const noteIds = new Set(notes.map((note) => note.id));
  // Ids are unique across notes and actions; an action that collides (only a hand-made
  // document can do that) gets a derived id, the same in every copy, so nothing is dropped.
  const actions = mergeItems(first.actions, second.actions, deletedAt).map((action) =>
    noteIds.has(action.id) ? Object.freeze({ ...action, id: `${action.id}~action` }) : action,
  );
  const live = new Set([...notes, ...actions].map((item) => item.id));
  // Participants have no timestamps: the copy whose order is kept wins, so syncing tabs agree.
  const participants = new Map(first.participants.map((p) => [p.id, p]));
  for (const participant of second.participants) if (!participants.has(participant.id)) participants.set(participant.id, participant);
  return createDocument({
    notes,
    actions,
    participants: [...participants.values()].slice(0, LIMITS.participants),
    deleted: [...deletedAt]
      .filter(([id]) => !live.has(id))
      .map(([id, at]) => tombstone(id, at))
      .sort((a, b) => Date.parse(a.deletedAt) - Date.parse(b.deletedAt)),
  });
}

// ---------------------------------------------------------------------------
// Items that arrive one by one from outside (a live room)
