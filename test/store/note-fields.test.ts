// The note's fields are declared once (NOTE_FIELD_SPECS in src/store/validate.ts); every list of
// them elsewhere is derived. These tests hold the derived lists to the declaration, so a new field
// added there reaches validation, equality, restore, publishing and the room without more edits.
import { expect } from '@open-wc/testing';
import { NOTE_FIELDS, ROOM_FIELDS } from '../../src/collab/schema.js';
import { addNote, createDocument, removeNote, restoreNote, sameNoteContent, updateNote } from '../../src/store/document.js';
import { HiddenNotes } from '../../src/sources/hidden-notes.js';
import { OwnNotes } from '../../src/sources/own-notes.js';
import { DocumentError } from '../../src/store/errors.js';
import { GuideStore } from '../../src/store/guide-store.js';
import type { Note } from '../../src/store/types.js';
import { NOTE_CONTENT_FIELDS, NOTE_FIELD_NAMES, NOTE_FIELD_SPECS, validateNote } from '../../src/store/validate.js';

const T0 = '2024-01-01T10:00:00.000Z';
const note: Note = validateNote({
  id: 'n1',
  cardId: 't1-mal',
  text: 'Hei',
  color: 'pink',
  author: 'Kari',
  votes: ['p1'],
  createdAt: T0,
  updatedAt: T0,
});
/** A second valid value for each field a person writes. */
const other: Record<string, unknown> = { cardId: 't2-mal', text: 'Hallo', color: 'blue', author: 'Ola' };
/** The written fields of a note, as the declaration names them. */
const writtenPart = (each: Note) => Object.fromEntries(NOTE_CONTENT_FIELDS.map((field) => [field, each[field]]));

describe('the note fields, declared once', () => {
  it('validation keeps exactly the declared fields, in order', () => {
    expect(Object.keys(note)).to.deep.equal([...NOTE_FIELD_NAMES]);
    expect(NOTE_FIELD_NAMES).to.deep.equal(Object.keys(NOTE_FIELD_SPECS));
  });

  it('the written fields are those declared written', () => {
    const declared = NOTE_FIELD_NAMES.filter((field) => 'written' in NOTE_FIELD_SPECS[field]);
    expect([...NOTE_CONTENT_FIELDS]).to.deep.equal(declared);
    expect(declared).to.have.members(['cardId', 'text', 'color', 'author']);
  });

  it('equality follows the written fields, and only those', () => {
    for (const field of NOTE_FIELD_NAMES) {
      const changed = { ...note, [field]: field in other ? other[field] : field === 'votes' ? [] : '2024-01-02T10:00:00.000Z' } as Note;
      expect(sameNoteContent(note, changed), field).to.equal(!(NOTE_CONTENT_FIELDS as readonly string[]).includes(field));
    }
  });

  it('a new note takes each written field, or its declared default', () => {
    const bare = addNote(createDocument(), { cardId: 't1-mal', text: 'x' }, { now: T0 }).note;
    for (const field of NOTE_CONTENT_FIELDS) {
      const spec = NOTE_FIELD_SPECS[field] as { default?: unknown };
      if ('default' in spec) expect(bare[field], field).to.equal(spec.default);
    }
    const full = addNote(createDocument(), note, { now: T0 }).note;
    expect(writtenPart(full)).to.deep.equal(writtenPart(note));
  });

  it('an update changes each written field and refuses a bad value for it', () => {
    const { document } = addNote(createDocument(), note, { id: 'n1', now: T0 });
    for (const field of NOTE_CONTENT_FIELDS) {
      expect(updateNote(document, 'n1', { [field]: other[field] }).note[field], field).to.equal(other[field]);
      expect(() => updateNote(document, 'n1', { [field]: 42 as never }), field).to.throw(DocumentError);
    }
  });

  it('a restore brings back every written field', () => {
    const { document, note: added } = addNote(createDocument(), note, { id: 'n1', now: T0 });
    const removed = removeNote(document, 'n1', { now: '2024-01-01T11:00:00.000Z' }).document;
    const back = restoreNote(removed, added, 0, { now: '2024-01-01T12:00:00.000Z' }).note;
    expect(writtenPart(back)).to.deep.equal(writtenPart(note));
  });

  it('the room keeps every field declared as a room value, and checks each with the store', () => {
    expect([...NOTE_FIELDS]).to.deep.equal(NOTE_FIELD_NAMES.filter((field) => !('room' in NOTE_FIELD_SPECS[field])));
    expect(NOTE_FIELDS).not.to.include('votes');
    expect(Object.keys(ROOM_FIELDS.notes)).to.have.members([...NOTE_FIELDS, 'order']);
    const checks = ROOM_FIELDS.notes as Record<string, (value: unknown) => void>;
    for (const field of NOTE_FIELDS) {
      expect(() => checks[field](note[field]), field).not.to.throw();
      expect(() => checks[field](42), field).to.throw(DocumentError);
    }
  });

  it('a new note given a whole note takes its written fields and nothing else', () => {
    const copy = addNote(createDocument(), note, { id: 'n2', now: '2024-01-03T10:00:00.000Z' }).note;
    expect(writtenPart(copy)).to.deep.equal(writtenPart(note));
    expect([copy.id, copy.votes, copy.createdAt]).to.deep.equal(['n2', [], '2024-01-03T10:00:00.000Z']);
  });

  it('publishing a hidden note carries every written field into the shared store', () => {
    const hidden = new HiddenNotes();
    hidden.add(writtenPart(note) as never);
    const store = new GuideStore();
    expect(hidden.publish(store, new OwnNotes())).to.equal(1);
    expect(writtenPart(store.document.notes[0])).to.deep.equal(writtenPart(note));
  });
});
