import { expect } from '@open-wc/testing';
import {
  addAction,
  addNote,
  createDocument,
  createId,
  diffDocuments,
  findNote,
  mergeDocuments,
  moveNote,
  removeAction,
  removeNote,
  restoreNote,
  sameNote,
  setVote,
  updateAction,
  updateNote,
} from '../../src/store/document.js';
import { DocumentError } from '../../src/store/errors.js';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, LIMITS, type Action, type GuideDocument, type Note, type NoteColor } from '../../src/store/types.js';
import { validateDocument } from '../../src/store/validate.js';
import { makeNote, T0 } from '../fixtures/notes.js';
import { thrownBy } from '../helpers.js';

const T1 = '2024-01-01T11:00:00.000Z';
const T2 = '2024-01-01T12:00:00.000Z';
const T3 = '2024-01-01T13:00:00.000Z';

const makeAction = (id: string, overrides: Partial<Action> = {}): Action =>
  Object.freeze({ id, step: 1, what: `do ${id}`, who: '', due: '', done: false, createdAt: T0, updatedAt: T0, ...overrides });

const withNotes = (...notes: Note[]) => createDocument({ notes });
const ids = (value: GuideDocument) => value.notes.map((note) => note.id);
const texts = (value: GuideDocument) => value.notes.map((note) => note.text);

/** A deep copy to compare a document against after an operation. */
const snapshot = (value: GuideDocument) => JSON.parse(JSON.stringify(value)) as unknown;

/** The document as it would come back from storage: must pass validation unchanged. */
const roundTrip = (value: GuideDocument) => validateDocument(JSON.parse(JSON.stringify(value)));

function expectDocumentError(operation: () => unknown, path: string): DocumentError {
  const error = thrownBy(operation);
  expect(error, String(error)).to.be.instanceOf(DocumentError);
  expect((error as DocumentError).path).to.equal(path);
  return error as DocumentError;
}

function expectFrozenDocument(value: GuideDocument) {
  for (const part of [value, value.notes, value.actions, value.participants, value.deleted]) expect(Object.isFrozen(part)).to.be.true;
  for (const item of [...value.notes, ...value.actions, ...value.participants, ...value.deleted]) expect(Object.isFrozen(item)).to.be.true;
}

describe('document operations', () => {
  describe('createDocument', () => {
    it('makes a frozen, empty document of the current format', () => {
      const created = createDocument();
      expect(created).to.deep.equal({ format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, notes: [], actions: [], participants: [], deleted: [] });
      expectFrozenDocument(created);
    });

    it('copies the parts it is given', () => {
      const notes = [makeNote('a')];
      const created = createDocument({ notes });
      notes.push(makeNote('b'));
      expect(ids(created)).to.deep.equal(['a']);
    });
  });

  describe('createId', () => {
    it('gives distinct 24-character hex ids', () => {
      const made = Array.from({ length: 500 }, () => createId());
      expect(new Set(made).size).to.equal(made.length);
      for (const id of made) expect(id).to.match(/^[0-9a-f]{24}$/);
    });
  });

  describe('addNote', () => {
    it('returns a new document with the note appended and leaves the input as it was', () => {
      const before = withNotes(makeNote('a'));
      const copy = snapshot(before);
      const { document: after, note } = addNote(before, { cardId: 't2-behov', text: 'Ny lapp', color: 'green', author: 'Ola' }, { id: 'b', now: T1 });

      expect(note).to.deep.equal({ id: 'b', cardId: 't2-behov', text: 'Ny lapp', color: 'green', author: 'Ola', votes: [], createdAt: T1, updatedAt: T1 });
      expect(after).to.not.equal(before);
      expect(ids(after)).to.deep.equal(['a', 'b']);
      expect(after.notes[0]).to.equal(before.notes[0]);
      expect(after.notes[1]).to.equal(note);
      expect(snapshot(before)).to.deep.equal(copy);
      expectFrozenDocument(before);
      expectFrozenDocument(after);
      expect(roundTrip(after)).to.deep.equal(after);
    });

    it('defaults to a yellow, anonymous note with a fresh id and the current time', () => {
      const start = Date.now();
      const first = addNote(createDocument(), { cardId: 't1-mal', text: 'a' });
      const second = addNote(first.document, { cardId: 't1-mal', text: 'b' });
      expect(first.note.color).to.equal('yellow');
      expect(first.note.author).to.equal('');
      expect(first.note.id).to.not.equal(second.note.id);
      expect(first.note.createdAt).to.equal(first.note.updatedAt);
      expect(Date.parse(first.note.createdAt)).to.be.within(start, Date.now());
    });

    it('validates the input and throws a DocumentError naming the field', () => {
      const before = createDocument({ notes: [makeNote('a')], deleted: [{ id: 'gone', deletedAt: T0 }] });
      expectDocumentError(() => addNote(before, { cardId: 't1-mal', text: 'x'.repeat(LIMITS.noteText + 1) }), 'text');
      expectDocumentError(() => addNote(before, { cardId: 't1-mal', text: 'ok', color: 'purple' as NoteColor }), 'color');
      expectDocumentError(() => addNote(before, { cardId: 't1-mal', text: 'ok', author: 'a'.repeat(LIMITS.name + 1) }), 'author');
      expectDocumentError(() => addNote(before, { cardId: '', text: 'ok' }), 'cardId');
      expectDocumentError(() => addNote(before, { cardId: 't9', text: 'ok' }, { cardIds: new Set(['t1-mal']) }), 'cardId');
      expectDocumentError(() => addNote(before, { cardId: 't1-mal', text: 'ok' }, { id: 'a' }), 'id');
      expectDocumentError(() => addNote(before, { cardId: 't1-mal', text: 'ok' }, { id: '' }), 'id');
      // A deleted note's id stays taken, so an old copy's tombstone cannot hit a new note.
      expectDocumentError(() => addNote(before, { cardId: 't1-mal', text: 'ok' }, { id: 'gone' }), 'id');
      expect(ids(before)).to.deep.equal(['a']);
    });

    it('refuses a note beyond LIMITS.notes or LIMITS.notesPerCard, so it never makes a document validation rejects', () => {
      const full = createDocument({ notes: Array.from({ length: LIMITS.notes }, (_, index) => makeNote(`n${index}`, { cardId: `c${index % 10}` })) });
      expectDocumentError(() => addNote(full, { cardId: 'c-new', text: 'one too many' }), 'notes');
      const fullCard = createDocument({ notes: Array.from({ length: LIMITS.notesPerCard }, (_, index) => makeNote(`n${index}`)) });
      expectDocumentError(() => addNote(fullCard, { cardId: 't1-mal', text: 'one too many' }), 'cardId');
      expect(addNote(fullCard, { cardId: 't2-behov', text: 'other card' }).document.notes).to.have.length(LIMITS.notesPerCard + 1);
    });
  });

  describe('updateNote', () => {
    it('returns a new document with the changed note, bumping updatedAt, and leaves the input as it was', () => {
      const before = withNotes(makeNote('a'), makeNote('b'), makeNote('c'));
      const copy = snapshot(before);
      const { document: after, note, previous } = updateNote(before, 'b', { text: 'endret', color: 'blue' }, { now: T2 });

      expect(previous).to.equal(before.notes[1]);
      expect(note).to.deep.equal({ ...before.notes[1], text: 'endret', color: 'blue', updatedAt: T2 });
      expect(note.createdAt).to.equal(T0);
      expect(ids(after)).to.deep.equal(['a', 'b', 'c']);
      expect(after.notes[0]).to.equal(before.notes[0]);
      expect(after.notes[2]).to.equal(before.notes[2]);
      expect(after.notes[1]).to.equal(note);
      expect(snapshot(before)).to.deep.equal(copy);
      expectFrozenDocument(before);
      expectFrozenDocument(after);
    });

    it('changes each field on its own: text, colour, author and card', () => {
      const before = withNotes(makeNote('a'));
      expect(updateNote(before, 'a', { text: 'ny' }, { now: T1 }).note.text).to.equal('ny');
      expect(updateNote(before, 'a', { color: 'orange' }, { now: T1 }).note.color).to.equal('orange');
      expect(updateNote(before, 'a', { author: 'Per' }, { now: T1 }).note.author).to.equal('Per');
      expect(updateNote(before, 'a', { cardId: 't2-behov' }, { now: T1 }).note.cardId).to.equal('t2-behov');
      expect(updateNote(before, 'a', { text: '' }, { now: T1 }).note.text).to.equal('');
    });

    it('changes nothing, not even updatedAt, when the values are the same', () => {
      const before = withNotes(makeNote('a', { text: 'samme', color: 'pink', author: 'Kari' }));
      for (const changes of [{}, { text: 'samme' }, { color: 'pink' as const, author: 'Kari' }, { text: undefined }]) {
        const result = updateNote(before, 'a', changes, { now: T2 });
        expect(result.document, JSON.stringify(changes)).to.equal(before);
        expect(result.note).to.equal(result.previous);
        expect(result.note.updatedAt).to.equal(T0);
      }
    });

    it('throws a RangeError for an unknown id', () => {
      const error = thrownBy(() => updateNote(withNotes(makeNote('a')), 'nope', { text: 'x' }));
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.contain('nope');
    });

    it('validates the changes, and refuses a move onto a full card', () => {
      const before = withNotes(makeNote('a'));
      expectDocumentError(() => updateNote(before, 'a', { color: 'grey' as NoteColor }), 'color');
      expectDocumentError(() => updateNote(before, 'a', { cardId: 't9' }, { cardIds: new Set(['t1-mal']) }), 'cardId');
      expectDocumentError(() => updateNote(before, 'a', { text: 'x'.repeat(LIMITS.noteText + 1) }), 'text');
      expect(before.notes[0].text).to.equal('text a');

      const fullCard = Array.from({ length: LIMITS.notesPerCard }, (_, index) => makeNote(`f${index}`, { cardId: 'full' }));
      const crowded = withNotes(makeNote('a'), ...fullCard);
      expectDocumentError(() => updateNote(crowded, 'a', { cardId: 'full' }), 'cardId');
    });
  });

  describe('removeNote', () => {
    it('returns a new document without the note and remembers the deletion; the input stays as it was', () => {
      const before = withNotes(makeNote('a'), makeNote('b'), makeNote('c'));
      const { document: after, note } = removeNote(before, 'b', { now: T2 });
      expect(note).to.equal(before.notes[1]);
      expect(ids(after)).to.deep.equal(['a', 'c']);
      expect(after.deleted).to.deep.equal([{ id: 'b', deletedAt: T2 }]);
      expect(ids(before)).to.deep.equal(['a', 'b', 'c']);
      expect(before.deleted).to.deep.equal([]);
      expectFrozenDocument(after);
      expectFrozenDocument(before);
      expect(findNote(after, 'b')).to.equal(undefined);
      expect(findNote(before, 'b')).to.equal(note);
      expect(roundTrip(after)).to.deep.equal(after);
    });

    it('throws a RangeError for an unknown id', () => {
      expect(thrownBy(() => removeNote(withNotes(makeNote('a')), 'b'))).to.be.instanceOf(RangeError);
    });
  });

  describe('moveNote', () => {
    const board = () =>
      withNotes(
        makeNote('a1', { cardId: 'A' }),
        makeNote('b1', { cardId: 'B' }),
        makeNote('a2', { cardId: 'A' }),
        makeNote('a3', { cardId: 'A' }),
      );
    const onCard = (value: GuideDocument, cardId: string) => value.notes.filter((note) => note.cardId === cardId).map((note) => note.id);

    it('moves a note to a position on its own card', () => {
      const { document: moved, note } = moveNote(board(), 'a3', { cardId: 'A', index: 0 }, { now: T1 });
      expect(onCard(moved, 'A')).to.deep.equal(['a3', 'a1', 'a2']);
      expect(note.updatedAt).to.equal(T1);
      expect(onCard(moveNote(board(), 'a1', { cardId: 'A', index: 2 }).document, 'A')).to.deep.equal(['a2', 'a3', 'a1']);
      expect(onCard(moveNote(board(), 'a1', { cardId: 'A', index: 1 }).document, 'A')).to.deep.equal(['a2', 'a1', 'a3']);
    });

    it('moves a note to another card, clamping the index', () => {
      const start = board();
      const { document: moved, note, previous } = moveNote(start, 'a2', { cardId: 'B', index: 99 }, { now: T1 });
      expect(note.cardId).to.equal('B');
      expect(previous).to.equal(start.notes[2]);
      expect(onCard(moved, 'B')).to.deep.equal(['b1', 'a2']);
      expect(onCard(moved, 'A')).to.deep.equal(['a1', 'a3']);
      expect(onCard(moveNote(start, 'a2', { cardId: 'B', index: -5 }).document, 'B')).to.deep.equal(['a2', 'b1']);
      expect(onCard(moveNote(start, 'a2', { cardId: 'C', index: 0 }).document, 'C')).to.deep.equal(['a2']);
      expect(ids(start)).to.deep.equal(['a1', 'b1', 'a2', 'a3']);
    });

    it('returns the same document when the note is already there', () => {
      const start = board();
      const result = moveNote(start, 'a2', { cardId: 'A', index: 1 }, { now: T1 });
      expect(result.document).to.equal(start);
      expect(result.note).to.equal(result.previous);
    });
  });

  describe('restoreNote', () => {
    it('brings a removed note back where it was, with its votes and createdAt, and forgets the deletion', () => {
      const start = withNotes(makeNote('a'), makeNote('b', { votes: Object.freeze(['p1']) }), makeNote('c'));
      const removed = removeNote(start, 'b', { now: T1 });
      const { document: restored, note } = restoreNote(removed.document, removed.note, 1, { now: T2 });
      expect(ids(restored)).to.deep.equal(['a', 'b', 'c']);
      expect(note.votes).to.deep.equal(['p1']);
      expect(note.createdAt).to.equal(T0);
      expect(note.updatedAt).to.equal(T2);
      expect(restored.deleted).to.deep.equal([]);
      expect(roundTrip(restored)).to.deep.equal(restored);
      // A copy that still remembers the deletion does not undo the undo.
      expect(ids(mergeDocuments(removed.document, restored))).to.deep.equal(['a', 'c', 'b']);
      expect(ids(mergeDocuments(restored, removed.document))).to.deep.equal(['a', 'b', 'c']);
    });

    it('refuses a note that is still there', () => {
      const start = withNotes(makeNote('a'));
      expectDocumentError(() => restoreNote(start, start.notes[0], 0), 'id');
    });
  });

  describe('setVote', () => {
    it('gives and takes back a vote, and does nothing when the vote is already so', () => {
      const start = withNotes(makeNote('a'));
      const voted = setVote(start, 'a', 'p1', true, { now: T1 });
      expect(voted.note.votes).to.deep.equal(['p1']);
      expect(voted.note.updatedAt).to.equal(T1);
      expect(start.notes[0].votes).to.deep.equal([]);
      expect(setVote(voted.document, 'a', 'p1', true).document).to.equal(voted.document);
      const unvoted = setVote(voted.document, 'a', 'p1', false, { now: T2 });
      expect(unvoted.note.votes).to.deep.equal([]);
      expect(setVote(start, 'a', 'p1', false).document).to.equal(start);
      expectDocumentError(() => setVote(start, 'a', '', true), 'participant');
    });
  });

  describe('actions', () => {
    it('adds, updates and removes actions purely, remembering the deletion', () => {
      const start = createDocument();
      const { document: added, action } = addAction(start, { step: 2, what: 'Ring Ola' }, { id: 'x', now: T1 });
      expect(action).to.deep.equal({ id: 'x', step: 2, what: 'Ring Ola', who: '', due: '', done: false, createdAt: T1, updatedAt: T1 });
      expect(start.actions).to.deep.equal([]);
      const updated = updateAction(added, 'x', { done: true }, { now: T2 });
      expect(updated.action.done).to.be.true;
      expect(updated.action.updatedAt).to.equal(T2);
      expect(updateAction(updated.document, 'x', { done: true }).document).to.equal(updated.document);
      const removed = removeAction(updated.document, 'x', { now: T3 });
      expect(removed.document.actions).to.deep.equal([]);
      expect(removed.document.deleted).to.deep.equal([{ id: 'x', deletedAt: T3 }]);
      expectDocumentError(() => addAction(start, { step: 5, what: 'x' }), 'step');
      expectDocumentError(() => addAction(start, { step: 1, what: 'x', due: 'snart' }), 'due');
      expect(thrownBy(() => updateAction(start, 'nope', { done: true }))).to.be.instanceOf(RangeError);
    });
  });

  describe('diffDocuments', () => {
    it('lists added, changed and removed notes and actions by id', () => {
      const a = makeNote('a');
      const b = makeNote('b');
      const c = makeNote('c');
      const b2 = makeNote('b', { text: 'endret', updatedAt: T1 });
      const d = makeNote('d');
      const x = makeAction('x');
      const y = makeAction('y');
      const diff = diffDocuments(createDocument({ notes: [a, b, c], actions: [x] }), createDocument({ notes: [d, b2, a], actions: [y] }));
      expect(diff.notes.added).to.deep.equal([d]);
      expect(diff.notes.changed).to.deep.equal([{ item: b2, previous: b }]);
      expect(diff.notes.removed).to.deep.equal([c]);
      expect(diff.actions).to.deep.equal({ added: [y], changed: [], removed: [x] });
    });

    it('is empty for equal documents, even when they are distinct objects', () => {
      const first = createDocument({ notes: [makeNote('a'), makeNote('b', { votes: ['p1'] })], actions: [makeAction('x')] });
      const second = roundTrip(first);
      expect(second).to.not.equal(first);
      const empty = { added: [], changed: [], removed: [] };
      expect(diffDocuments(first, second)).to.deep.equal({ notes: empty, actions: empty });
    });

    it('counts a note whose only difference is updatedAt or its votes as changed', () => {
      expect(diffDocuments(withNotes(makeNote('a')), withNotes(makeNote('a', { updatedAt: T1 }))).notes.changed).to.have.length(1);
      expect(diffDocuments(withNotes(makeNote('a')), withNotes(makeNote('a', { votes: ['p'] }))).notes.changed).to.have.length(1);
      expect(sameNote(makeNote('a'), makeNote('a', { updatedAt: T1 }))).to.be.false;
      expect(sameNote(makeNote('a'), makeNote('a'))).to.be.true;
    });
  });

  describe('mergeDocuments', () => {
    it('keeps every note of either, the later edit of each, in local order then incoming-only notes', () => {
      const local = withNotes(
        makeNote('a', { text: 'local a (newer)', updatedAt: T2 }),
        makeNote('b', { text: 'local b (older)', updatedAt: T0 }),
        makeNote('l', { text: 'only local' }),
      );
      const incoming = withNotes(
        makeNote('x', { text: 'only incoming 1' }),
        makeNote('b', { text: 'incoming b (newer)', updatedAt: T1 }),
        makeNote('a', { text: 'incoming a (older)', updatedAt: T1 }),
        makeNote('y', { text: 'only incoming 2' }),
      );
      const localCopy = snapshot(local);
      const incomingCopy = snapshot(incoming);
      const merged = mergeDocuments(local, incoming);

      expect(ids(merged)).to.deep.equal(['a', 'b', 'l', 'x', 'y']);
      expect(texts(merged)).to.deep.equal(['local a (newer)', 'incoming b (newer)', 'only local', 'only incoming 1', 'only incoming 2']);
      expectFrozenDocument(merged);
      expect(snapshot(local)).to.deep.equal(localCopy);
      expect(snapshot(incoming)).to.deep.equal(incomingCopy);
      expect(roundTrip(merged)).to.deep.equal(merged);
    });

    it('keeps the local note on a tie', () => {
      const merged = mergeDocuments(withNotes(makeNote('a', { text: 'local', updatedAt: T1 })), withNotes(makeNote('a', { text: 'incoming', updatedAt: T1 })));
      expect(texts(merged)).to.deep.equal(['local']);
    });

    it('compares timestamps as instants, not as text, across time-zone offsets', () => {
      // 12:00+02:00 is 10:00Z: earlier than 11:00Z, though it sorts later as text.
      const merged = mergeDocuments(
        withNotes(makeNote('a', { text: 'local', updatedAt: '2024-01-01T12:00:00+02:00' })),
        withNotes(makeNote('a', { text: 'incoming', updatedAt: '2024-01-01T11:00:00Z' })),
      );
      expect(texts(merged)).to.deep.equal(['incoming']);
      const reverse = mergeDocuments(
        withNotes(makeNote('a', { text: 'local', updatedAt: '2024-01-01T11:00:00Z' })),
        withNotes(makeNote('a', { text: 'incoming', updatedAt: '2024-01-01T12:00:00+02:00' })),
      );
      expect(texts(reverse)).to.deep.equal(['local']);
    });

    it('with an empty side gives the other side', () => {
      const notes = [makeNote('a'), makeNote('b')];
      expect(mergeDocuments(createDocument(), createDocument({ notes })).notes).to.deep.equal(notes);
      expect(mergeDocuments(createDocument({ notes }), createDocument()).notes).to.deep.equal(notes);
    });

    it('does not bring back a note either copy deleted after its last edit, and keeps the tombstone', () => {
      const shared = withNotes(makeNote('a'), makeNote('b'));
      const here = removeNote(shared, 'a', { now: T1 }).document;
      for (const merged of [mergeDocuments(here, shared), mergeDocuments(shared, here)]) {
        expect(ids(merged)).to.deep.equal(['b']);
        expect(merged.deleted).to.deep.equal([{ id: 'a', deletedAt: T1 }]);
        expect(roundTrip(merged)).to.deep.equal(merged);
      }
      const action = createDocument({ actions: [makeAction('x')] });
      const actionGone = removeAction(action, 'x', { now: T1 }).document;
      expect(mergeDocuments(action, actionGone).actions).to.deep.equal([]);
    });

    it('keeps a note edited after another copy deleted it, and drops that tombstone', () => {
      const deletedThere = createDocument({ deleted: [{ id: 'a', deletedAt: T1 }] });
      const editedHere = withNotes(makeNote('a', { text: 'edited later', updatedAt: T2 }));
      for (const merged of [mergeDocuments(editedHere, deletedThere), mergeDocuments(deletedThere, editedHere)]) {
        expect(texts(merged)).to.deep.equal(['edited later']);
        expect(merged.deleted).to.deep.equal([]);
        expect(roundTrip(merged)).to.deep.equal(merged);
      }
    });

    it('joins participants of both copies', () => {
      const merged = mergeDocuments(
        createDocument({ participants: [{ id: 'p1', name: 'Kari' }] }),
        createDocument({ participants: [{ id: 'p2', name: 'Ola' }, { id: 'p1', name: 'Kari (gammel)' }] }),
      );
      expect(merged.participants.map((p) => p.id)).to.have.members(['p1', 'p2']);
      expect(merged.participants.find((p) => p.id === 'p1')!.name).to.equal('Kari');
    });

    // Two copies each within the limits can join into one over them: mergeDocuments says so
    // honestly (validation refuses the result), and the session keeps its own copy instead
    // of saving it (see guide-session.test.ts).
    it('can join two copies into one over the limits, which validation then refuses', () => {
      const half = LIMITS.notesPerCard / 2 + 1;
      const local = createDocument({
        notes: Array.from({ length: half }, (_, index) => makeNote(`l${index}`, { cardId: 'busy' })),
        actions: Array.from({ length: LIMITS.actions / 2 + 1 }, (_, index) => makeAction(`la${index}`)),
      });
      const incoming = createDocument({
        notes: Array.from({ length: half }, (_, index) => makeNote(`r${index}`, { cardId: 'busy' })),
        actions: Array.from({ length: LIMITS.actions / 2 + 1 }, (_, index) => makeAction(`ra${index}`)),
      });
      expect(roundTrip(local)).to.deep.equal(local);
      expect(roundTrip(incoming)).to.deep.equal(incoming);
      const merged = mergeDocuments(local, incoming);
      expect(merged.notes).to.have.length(half * 2);
      expect(() => roundTrip(merged)).to.throw(DocumentError, /more than/);
    });
  });
});
