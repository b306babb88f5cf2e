import { fieldsOf, requireArray, requireString, show } from './checks.js';
import { DocumentError } from './errors.js';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  LIMITS,
  NOTE_COLORS,
  type Action,
  type GuideDocument,
  type Note,
  type NoteColor,
  type Participant,
  type Tombstone,
} from './types.js';

export interface ValidateOptions {
  /** When given, every note must sit on one of these cards. */
  cardIds?: ReadonlySet<string>;
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-](\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day that exists (no 31 June, no 29 February 2001), the same in every browser. */
function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const isNoteColor = (value: unknown): value is NoteColor =>
  typeof value === 'string' && (NOTE_COLORS as readonly string[]).includes(value);

/** An ISO 8601 timestamp of a real moment (at most 40 characters). */
export function validateTimestamp(value: unknown, path = 'at'): string {
  const text = requireString(value, path, 40, false);
  const parts = ISO_TIMESTAMP.exec(text);
  const [hour, minute, second, offsetHour, offsetMinute] = parts ? [4, 5, 6, 9, 10].map((i) => Number(parts[i] ?? 0)) : [];
  const real =
    parts !== null &&
    isRealDay(Number(parts[1]), Number(parts[2]), Number(parts[3])) &&
    hour < 24 && minute < 60 && second < 60 && offsetHour < 24 && offsetMinute < 60;
  if (!real) throw new DocumentError(`must be an ISO 8601 timestamp of a real moment, got ${show(text)}`, path);
  return text;
}

export const validateId = (value: unknown, path = 'id'): string => requireString(value, path, LIMITS.id, false);
export const validateNoteText = (value: unknown, path = 'text'): string => requireString(value, path, LIMITS.noteText);
export const validateName = (value: unknown, path = 'author'): string => requireString(value, path, LIMITS.name);

export function validateColor(value: unknown, path = 'color'): NoteColor {
  if (!isNoteColor(value)) throw new DocumentError(`must be one of ${NOTE_COLORS.join(', ')}, got ${show(value)}`, path);
  return value;
}

export function validateCardId(value: unknown, options: ValidateOptions, path = 'cardId'): string {
  const cardId = validateId(value, path);
  if (options.cardIds && !options.cardIds.has(cardId)) {
    throw new DocumentError(`is not a card of this guide: ${show(cardId)}`, path);
  }
  return cardId;
}

export function validateStep(value: unknown, path = 'step'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 4) {
    throw new DocumentError(`must be a step from 1 to 4, got ${show(value)}`, path);
  }
  return value;
}

export function validateActionText(value: unknown, path = 'what'): string {
  return requireString(value, path, LIMITS.actionText);
}

export function validateDue(value: unknown, path = 'due'): string {
  const text = requireString(value, path, 10);
  const parts = ISO_DATE.exec(text);
  if (text && !(parts && isRealDay(Number(parts[1]), Number(parts[2]), Number(parts[3])))) {
    throw new DocumentError(`must be a real date as YYYY-MM-DD, or empty, got ${show(text)}`, path);
  }
  return text;
}

function validateVotes(value: unknown, path: string): readonly string[] {
  const ids = requireArray(value, path, LIMITS.participants).map((id, index) => validateId(id, `${path}[${index}]`));
  if (new Set(ids).size !== ids.length) throw new DocumentError('repeats a participant', path);
  return Object.freeze(ids);
}

/** How one field of a note is checked, written and kept: see {@link NOTE_FIELD_SPECS}. */
export interface NoteFieldSpec<T> {
  /** Checks a value from outside and returns it clean; `path` names it in the error, `version` is the document's. */
  check(value: unknown, path: string, options: ValidateOptions, version: number): T;
  /** A person writes it (adding, editing, restoring, publishing a hidden note): a change of it is a change of the note. */
  written?: true;
  /** What a new note gets when a written field is not given (none: it is required). */
  default?: T;
  /** `false`: the room does not keep it as a plain value of the note's Y.Map (`votes` is a Y.Map of its own, read apart). */
  room?: false;
}

/**
 * A note's fields, declared once. Validation, the store's defaults and equality, restore,
 * hidden-note publishing, the room's fields and the server's schema guard are all derived from
 * this table (docs/architecture.md, «Add a field to a note»); the `Note` type must match it key
 * for key, or this does not compile.
 */
export const NOTE_FIELD_SPECS = {
  id: { check: validateId },
  cardId: { check: (value, path, options) => validateCardId(value, options, path), written: true },
  text: { check: validateNoteText, written: true },
  color: { check: validateColor, written: true, default: 'yellow' },
  author: { check: validateName, written: true, default: '' },
  votes: { check: (value, path, _options, version) => (version < 2 ? Object.freeze([]) : validateVotes(value, path)), room: false },
  createdAt: { check: validateTimestamp },
  updatedAt: { check: validateTimestamp },
} as const satisfies { readonly [K in keyof Note]-?: NoteFieldSpec<Note[K]> };

export type NoteField = keyof typeof NOTE_FIELD_SPECS;
type WrittenField = { [K in NoteField]: (typeof NOTE_FIELD_SPECS)[K] extends { written: true } ? K : never }[NoteField];

/** Every field of a note, in the order the declaration gives them. */
export const NOTE_FIELD_NAMES = Object.keys(NOTE_FIELD_SPECS) as readonly NoteField[];

/** The fields a person writes on a note: a change of one of them is a change of the note (events, updateNote). */
export const NOTE_CONTENT_FIELDS = NOTE_FIELD_NAMES.filter(
  (field): field is WrittenField => 'written' in NOTE_FIELD_SPECS[field],
) as readonly WrittenField[];

/** Checks one note and returns a clean, frozen copy with only the known fields. */
export function validateNote(value: unknown, options: ValidateOptions = {}, path = 'note', version = DOCUMENT_VERSION): Note {
  const fields = fieldsOf(value, path);
  const note: Record<string, unknown> = {};
  for (const field of NOTE_FIELD_NAMES) {
    note[field] = (NOTE_FIELD_SPECS[field] as NoteFieldSpec<unknown>).check(fields[field], `${path}.${field}`, options, version);
  }
  return Object.freeze(note) as unknown as Note;
}

export function validateAction(value: unknown, path = 'action'): Action {
  const fields = fieldsOf(value, path);
  if (typeof fields.done !== 'boolean') throw new DocumentError(`must be true or false, got ${show(fields.done)}`, `${path}.done`);
  return Object.freeze({
    id: validateId(fields.id, `${path}.id`),
    step: validateStep(fields.step, `${path}.step`),
    what: validateActionText(fields.what, `${path}.what`),
    who: validateName(fields.who, `${path}.who`),
    due: validateDue(fields.due, `${path}.due`),
    done: fields.done,
    createdAt: validateTimestamp(fields.createdAt, `${path}.createdAt`),
    updatedAt: validateTimestamp(fields.updatedAt, `${path}.updatedAt`),
  });
}

export function validateParticipant(value: unknown, path = 'participant'): Participant {
  const fields = fieldsOf(value, path);
  return Object.freeze({ id: validateId(fields.id, `${path}.id`), name: validateName(fields.name, `${path}.name`) });
}

export function validateTombstone(value: unknown, path = 'deleted'): Tombstone {
  const fields = fieldsOf(value, path);
  return Object.freeze({ id: validateId(fields.id, `${path}.id`), deletedAt: validateTimestamp(fields.deletedAt, `${path}.deletedAt`) });
}

function uniqueIds<T extends { id: string }>(items: T[], path: string, taken = new Set<string>()): Set<string> {
  items.forEach((item, index) => {
    if (taken.has(item.id)) throw new DocumentError(`repeats the id ${show(item.id)}`, `${path}[${index}].id`);
    taken.add(item.id);
  });
  return taken;
}

/**
 * Checks that `value` is a saved document this library can read and returns
 * a clean, frozen copy in the current version: unknown fields are dropped and
 * older versions upgraded. Throws a {@link DocumentError} naming the first
 * problem, and never anything else.
 */
export function validateDocument(value: unknown, options: ValidateOptions = {}): GuideDocument {
  try {
    return readDocument(value, options);
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    // A proxy, getter or iterator that throws, or anything else odd: still only our own error.
    throw new DocumentError(`could not be read (${error instanceof Error ? error.name : typeof error})`);
  }
}

function readDocument(value: unknown, options: ValidateOptions): GuideDocument {
  const fields = fieldsOf(value, '', 'a document object');
  if (fields.format !== DOCUMENT_FORMAT) {
    throw new DocumentError(`must be ${show(DOCUMENT_FORMAT)}, got ${show(fields.format)}`, 'format');
  }
  const version = fields.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new DocumentError(`must be a whole number from 1, got ${show(version)}`, 'version');
  }
  if (version > DOCUMENT_VERSION) {
    throw new DocumentError(
      `is ${version}, newer than this library reads (${DOCUMENT_VERSION}); update the library`,
      'version',
    );
  }
  const notes = requireArray(fields.notes, 'notes', LIMITS.notes).map((note, index) =>
    validateNote(note, options, `notes[${index}]`, version),
  );
  const perCard = new Map<string, number>();
  for (const note of notes) {
    const count = (perCard.get(note.cardId) ?? 0) + 1;
    if (count > LIMITS.notesPerCard) {
      throw new DocumentError(`card ${show(note.cardId)} holds more than ${LIMITS.notesPerCard} notes`, 'notes');
    }
    perCard.set(note.cardId, count);
  }
  const v2 = version >= 2;
  const actions = v2
    ? requireArray(fields.actions, 'actions', LIMITS.actions).map((action, index) => validateAction(action, `actions[${index}]`))
    : [];
  const participants = v2
    ? requireArray(fields.participants, 'participants', LIMITS.participants).map((p, index) =>
        validateParticipant(p, `participants[${index}]`),
      )
    : [];
  const deleted = v2
    ? requireArray(fields.deleted, 'deleted', LIMITS.deleted).map((t, index) => validateTombstone(t, `deleted[${index}]`))
    : [];
  const live = uniqueIds(actions, 'actions', uniqueIds(notes, 'notes'));
  uniqueIds(participants, 'participants');
  deleted.forEach((tombstone, index) => {
    if (live.has(tombstone.id)) throw new DocumentError(`names ${show(tombstone.id)}, which is not deleted`, `deleted[${index}].id`);
  });
  uniqueIds(deleted, 'deleted');
  return Object.freeze({
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    notes: Object.freeze(notes),
    actions: Object.freeze(actions),
    participants: Object.freeze(participants),
    deleted: Object.freeze(deleted),
  });
}
