// Pure functions on the saved document: each returns a new document and
// leaves its input untouched, so a change can be compared, undone or merged.
import { DocumentError } from './errors.js';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  type GuideDocument,
  type NewNote,
  type Note,
  type NoteChanges,
} from './types.js';
import { validateAuthor, validateCardId, validateColor, validateNoteText, type ValidateOptions } from './validate.js';

/** Documents and notes are frozen: snapshots handed to listeners and hosts cannot be changed under the store. */
export function createDocument(notes: readonly Note[] = []): GuideDocument {
  return Object.freeze({ format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, notes: Object.freeze([...notes]) });
}

/** A random id that works outside secure contexts too (plain-http intranets lack `randomUUID`). */
export function createId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function findNote(document: GuideDocument, id: string): Note | undefined {
  return document.notes.find((note) => note.id === id);
}

function requireNote(document: GuideDocument, id: string): Note {
  const note = findNote(document, id);
  if (!note) throw new RangeError(`No note with id ${JSON.stringify(id)}`);
  return note;
}

export interface AddNoteOptions extends ValidateOptions {
  id?: string;
  now?: string;
}

export function addNote(
  document: GuideDocument,
  input: NewNote,
  { id = createId(), now = new Date().toISOString(), ...validate }: AddNoteOptions = {},
): { document: GuideDocument; note: Note } {
  if (findNote(document, id)) throw new DocumentError(`repeats the id ${JSON.stringify(id)}`, 'id');
  const note: Note = Object.freeze({
    id,
    cardId: validateCardId(input.cardId, validate),
    text: validateNoteText(input.text),
    color: validateColor(input.color ?? 'yellow'),
    author: validateAuthor(input.author ?? ''),
    createdAt: now,
    updatedAt: now,
  });
  return { document: createDocument([...document.notes, note]), note };
}

export function updateNote(
  document: GuideDocument,
  id: string,
  changes: NoteChanges,
  { now = new Date().toISOString(), ...validate }: { now?: string } & ValidateOptions = {},
): { document: GuideDocument; note: Note; previous: Note } {
  const previous = requireNote(document, id);
  const next: Note = {
    ...previous,
    ...(changes.text !== undefined && { text: validateNoteText(changes.text) }),
    ...(changes.color !== undefined && { color: validateColor(changes.color) }),
    ...(changes.author !== undefined && { author: validateAuthor(changes.author) }),
    ...(changes.cardId !== undefined && { cardId: validateCardId(changes.cardId, validate) }),
  };
  if (sameNoteContent(previous, next)) return { document, note: previous, previous };
  const note = Object.freeze({ ...next, updatedAt: now });
  return {
    document: createDocument(document.notes.map((each) => (each.id === id ? note : each))),
    note,
    previous,
  };
}

export function removeNote(document: GuideDocument, id: string): { document: GuideDocument; note: Note } {
  const note = requireNote(document, id);
  return { document: createDocument(document.notes.filter((each) => each !== note)), note };
}

function sameNoteContent(a: Note, b: Note): boolean {
  return a.text === b.text && a.color === b.color && a.author === b.author && a.cardId === b.cardId;
}

export const sameNote = (a: Note, b: Note): boolean =>
  a === b || (a.id === b.id && sameNoteContent(a, b) && a.createdAt === b.createdAt && a.updatedAt === b.updatedAt);

export interface DocumentDiff {
  added: Note[];
  changed: { note: Note; previous: Note }[];
  removed: Note[];
}

/** What happened to each note between two versions of a document, matched by id. */
export function diffDocuments(previous: GuideDocument, next: GuideDocument): DocumentDiff {
  const before = new Map(previous.notes.map((note) => [note.id, note]));
  const diff: DocumentDiff = { added: [], changed: [], removed: [] };
  for (const note of next.notes) {
    const old = before.get(note.id);
    if (!old) diff.added.push(note);
    else if (!sameNote(old, note)) diff.changed.push({ note, previous: old });
    before.delete(note.id);
  }
  diff.removed.push(...before.values());
  return diff;
}

/**
 * Joins two copies of a document edited apart: every note of either, and
 * where both hold a note, the one updated last. Order follows `local`, with
 * notes only `incoming` has appended.
 */
export function mergeDocuments(local: GuideDocument, incoming: GuideDocument): GuideDocument {
  const theirs = new Map(incoming.notes.map((note) => [note.id, note]));
  const notes = local.notes.map((note) => {
    const other = theirs.get(note.id);
    theirs.delete(note.id);
    return other && Date.parse(other.updatedAt) > Date.parse(note.updatedAt) ? other : note;
  });
  return createDocument([...notes, ...theirs.values()]);
}
