import { DocumentError } from './errors.js';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  LIMITS,
  NOTE_COLORS,
  type GuideDocument,
  type Note,
  type NoteColor,
} from './types.js';

export interface ValidateOptions {
  /** When given, every note must sit on one of these cards. */
  cardIds?: ReadonlySet<string>;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isNoteColor = (value: unknown): value is NoteColor =>
  typeof value === 'string' && (NOTE_COLORS as readonly string[]).includes(value);

function requireString(value: unknown, path: string, max: number, allowEmpty = true): string {
  if (typeof value !== 'string') throw new DocumentError(`must be a string, got ${describe(value)}`, path);
  if (!allowEmpty && value.length === 0) throw new DocumentError('must not be empty', path);
  if (value.length > max) throw new DocumentError(`must be at most ${max} characters, got ${value.length}`, path);
  return value;
}

function requireTimestamp(value: unknown, path: string): string {
  const text = requireString(value, path, 40, false);
  if (!ISO_TIMESTAMP.test(text) || Number.isNaN(Date.parse(text))) {
    throw new DocumentError(`must be an ISO 8601 timestamp, got ${JSON.stringify(text)}`, path);
  }
  return text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

export function validateNoteText(value: unknown, path = 'text'): string {
  return requireString(value, path, LIMITS.noteText);
}

export function validateAuthor(value: unknown, path = 'author'): string {
  return requireString(value, path, LIMITS.author);
}

export function validateColor(value: unknown, path = 'color'): NoteColor {
  if (!isNoteColor(value)) {
    throw new DocumentError(`must be one of ${NOTE_COLORS.join(', ')}, got ${JSON.stringify(value)}`, path);
  }
  return value;
}

export function validateCardId(value: unknown, options: ValidateOptions, path = 'cardId'): string {
  const cardId = requireString(value, path, LIMITS.id, false);
  if (options.cardIds && !options.cardIds.has(cardId)) {
    throw new DocumentError(`is not a card of this guide: ${JSON.stringify(cardId)}`, path);
  }
  return cardId;
}

/** Checks one note and returns a clean copy with only the known fields. */
export function validateNote(value: unknown, options: ValidateOptions = {}, path = 'note'): Note {
  if (!isRecord(value)) throw new DocumentError(`must be an object, got ${describe(value)}`, path);
  return Object.freeze({
    id: requireString(value.id, `${path}.id`, LIMITS.id, false),
    cardId: validateCardId(value.cardId, options, `${path}.cardId`),
    text: validateNoteText(value.text, `${path}.text`),
    color: validateColor(value.color, `${path}.color`),
    author: validateAuthor(value.author, `${path}.author`),
    createdAt: requireTimestamp(value.createdAt, `${path}.createdAt`),
    updatedAt: requireTimestamp(value.updatedAt, `${path}.updatedAt`),
  });
}

/**
 * Checks that `value` is a saved document this library can read and returns
 * a clean copy (unknown fields dropped). Throws a {@link DocumentError} that
 * names the first problem; never anything else.
 */
export function validateDocument(value: unknown, options: ValidateOptions = {}): GuideDocument {
  if (!isRecord(value)) throw new DocumentError(`a document must be an object, got ${describe(value)}`);
  if (value.format !== DOCUMENT_FORMAT) {
    throw new DocumentError(`must be ${JSON.stringify(DOCUMENT_FORMAT)}, got ${JSON.stringify(value.format) ?? 'nothing'}`, 'format');
  }
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    throw new DocumentError(`must be a whole number from 1, got ${JSON.stringify(value.version) ?? 'nothing'}`, 'version');
  }
  if (value.version > DOCUMENT_VERSION) {
    throw new DocumentError(
      `is ${value.version}, newer than this library reads (${DOCUMENT_VERSION}); update the library`,
      'version',
    );
  }
  if (!Array.isArray(value.notes)) throw new DocumentError(`must be an array, got ${describe(value.notes)}`, 'notes');
  if (value.notes.length > LIMITS.notes) {
    throw new DocumentError(`holds ${value.notes.length} notes, more than the limit of ${LIMITS.notes}`, 'notes');
  }
  const seen = new Set<string>();
  const notes = value.notes.map((raw, index) => {
    const note = validateNote(raw, options, `notes[${index}]`);
    if (seen.has(note.id)) throw new DocumentError(`repeats the id ${JSON.stringify(note.id)}`, `notes[${index}].id`);
    seen.add(note.id);
    return note;
  });
  return Object.freeze({ format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, notes: Object.freeze(notes) });
}
