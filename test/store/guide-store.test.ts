import { expect } from '@open-wc/testing';
import { createDocument } from '../../src/store/document.js';
import { DocumentError } from '../../src/store/errors.js';
import { GuideStore, type StoreChange } from '../../src/store/guide-store.js';
import { DOCUMENT_VERSION, type Note, type NoteColor } from '../../src/store/types.js';
import { makeNote } from '../fixtures/notes.js';
import { thrownBy } from '../helpers.js';

const rawDocument = (notes: unknown[]) => ({ format: 'innovasjon-guide', version: DOCUMENT_VERSION, notes, actions: [], participants: [], deleted: [] });
const storeWith = (...notes: Note[]) => new GuideStore({ document: createDocument({ notes }) });

/** What a change did to notes, as counts: [added, changed, removed]. */
const noteCounts = (change: StoreChange) => [change.notes.added.length, change.notes.changed.length, change.notes.removed.length];

/** A store and the changes its listener heard. */
function watched(store = new GuideStore()) {
  const changes: StoreChange[] = [];
  const unsubscribe = store.subscribe((change) => changes.push(change));
  return { store, changes, unsubscribe };
}

describe('GuideStore', () => {
  it('starts with an empty frozen document, or the one it is given', () => {
    const empty = new GuideStore();
    expect(empty.document.notes).to.deep.equal([]);
    expect(Object.isFrozen(empty.document)).to.be.true;
    const given = createDocument({ notes: [makeNote('a')] });
    expect(new GuideStore({ document: given }).document).to.deep.equal(given);
  });

  it('tells listeners about an added note, with origin and source', () => {
    const { store, changes } = watched();
    const before = store.document;
    // Any object may be the source (elements are, for events); a plain one keeps failure output small.
    const source = { name: 'the element that asked' };
    const note = store.addNote({ cardId: 't1-mal', text: 'Hei', color: 'pink' }, { source });

    expect(note.text).to.equal('Hei');
    expect(note.color).to.equal('pink');
    expect(store.document.notes).to.deep.equal([note]);
    expect(changes).to.have.length(1);
    const [change] = changes;
    expect(change.notes.added).to.deep.equal([note]);
    expect(change.notes.changed).to.deep.equal([]);
    expect(change.notes.removed).to.deep.equal([]);
    expect(change.actions).to.deep.equal({ added: [], changed: [], removed: [] });
    expect(change.origin).to.equal('local');
    expect(change.source).to.equal(source);
    expect(change.document).to.equal(store.document);
    expect(change.previous).to.equal(before);
    expect(before.notes).to.deep.equal([]);
  });

  it('tells listeners about a changed note, and leaves source undefined when none is given', () => {
    const { store, changes } = watched(storeWith(makeNote('a')));
    const previous = store.document.notes[0];
    const note = store.updateNote('a', { text: 'endret' });
    expect(changes).to.have.length(1);
    expect(changes[0].notes.changed).to.deep.equal([{ item: note, previous }]);
    expect(noteCounts(changes[0])).to.deep.equal([0, 1, 0]);
    expect(changes[0].source).to.equal(undefined);
    expect(store.document.notes[0].text).to.equal('endret');
    expect(Date.parse(note.updatedAt)).to.be.greaterThan(Date.parse(previous.updatedAt));
  });

  it('stays silent when an update, move or vote changes nothing', () => {
    const { store, changes } = watched(storeWith(makeNote('a', { text: 'samme' })));
    const before = store.document;
    expect(store.updateNote('a', { text: 'samme' })).to.equal(before.notes[0]);
    store.moveNote('a', { cardId: 't1-mal', index: 0 });
    store.setVote('a', 'p1', false);
    expect(store.document).to.equal(before);
    expect(changes).to.have.length(0);
  });

  it('tells listeners about a removed note', () => {
    const { store, changes } = watched(storeWith(makeNote('a'), makeNote('b')));
    const removed = store.removeNote('a');
    expect(removed.id).to.equal('a');
    expect(store.document.notes.map((note) => note.id)).to.deep.equal(['b']);
    expect(store.document.deleted.map((tombstone) => tombstone.id)).to.deep.equal(['a']);
    expect(changes).to.have.length(1);
    expect(changes[0].notes.removed).to.deep.equal([removed]);
    expect(noteCounts(changes[0])).to.deep.equal([0, 0, 1]);
  });

  it('tells listeners about actions, separately from notes', () => {
    const { store, changes } = watched();
    const action = store.addAction({ step: 1, what: 'Ring Ola' });
    store.updateAction(action.id, { done: true });
    store.removeAction(action.id);
    expect(changes.map((change) => [change.actions.added.length, change.actions.changed.length, change.actions.removed.length])).to.deep.equal([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    for (const change of changes) expect(noteCounts(change)).to.deep.equal([0, 0, 0]);
  });

  it('throws a RangeError for unknown ids and tells no one', () => {
    const { store, changes } = watched(storeWith(makeNote('a')));
    const before = store.document;
    expect(thrownBy(() => store.updateNote('x', { text: 'y' }))).to.be.instanceOf(RangeError);
    expect(thrownBy(() => store.removeNote('x'))).to.be.instanceOf(RangeError);
    expect(thrownBy(() => store.moveNote('x', { cardId: 't1-mal', index: 0 }))).to.be.instanceOf(RangeError);
    expect(thrownBy(() => store.setVote('x', 'p1', true))).to.be.instanceOf(RangeError);
    expect(thrownBy(() => store.removeAction('x'))).to.be.instanceOf(RangeError);
    expect(store.document).to.equal(before);
    expect(changes).to.have.length(0);
  });

  it('hears every change in order, with every listener, until unsubscribed', () => {
    const store = new GuideStore();
    const first = watched(store);
    const second = watched(store);
    const a = store.addNote({ cardId: 't1-mal', text: 'a' });
    first.unsubscribe();
    store.updateNote(a.id, { text: 'a2' });
    store.removeNote(a.id);
    expect(first.changes.map(noteCounts)).to.deep.equal([[1, 0, 0]]);
    expect(second.changes.map(noteCounts)).to.deep.equal([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    // Each change follows on from the one before.
    expect(second.changes[1].previous).to.equal(second.changes[0].document);
    expect(second.changes[2].previous).to.equal(second.changes[1].document);
    second.unsubscribe();
    store.addNote({ cardId: 't1-mal', text: 'b' });
    expect(second.changes).to.have.length(3);
  });

  it('lets a listener unsubscribe itself while being called', () => {
    const store = new GuideStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
      unsubscribe();
    });
    const other = watched(store);
    store.addNote({ cardId: 't1-mal', text: 'a' });
    store.addNote({ cardId: 't1-mal', text: 'b' });
    expect(calls).to.equal(1);
    expect(other.changes).to.have.length(2);
  });

  it('tells a listener added during a change only about later changes', () => {
    const store = new GuideStore();
    const late: StoreChange[] = [];
    const unsubscribe = store.subscribe(() => {
      unsubscribe();
      store.subscribe((change) => late.push(change));
    });
    store.addNote({ cardId: 't1-mal', text: 'a' });
    expect(late).to.have.length(0);
    store.addNote({ cardId: 't1-mal', text: 'b' });
    expect(late.map((change) => change.notes.added[0].text)).to.deep.equal(['b']);
  });

  describe('constructor', () => {
    it('validates a document it is given as setDocument does, and keeps a frozen clean copy', () => {
      const value = rawDocument([{ ...makeNote('a'), extra: 1 }]);
      const store = new GuideStore({ document: value as never });
      expect(store.document).to.not.equal(value);
      expect(Object.isFrozen(store.document)).to.be.true;
      expect(Object.isFrozen(store.document.notes)).to.be.true;
      expect(Object.isFrozen(store.document.notes[0])).to.be.true;
      expect(store.document.notes[0]).to.not.have.property('extra');
      expect(store.document.notes.map((note) => note.text)).to.deep.equal(['text a']);
    });

    it('throws a DocumentError for a note coloured purple, a string or a note on a card it does not know', () => {
      const purple = rawDocument([{ ...makeNote('a'), color: 'purple' }]);
      expect(() => new GuideStore({ document: purple as never })).to.throw(DocumentError, /notes\[0\]\.color/);
      expect(() => new GuideStore({ document: 'innovasjon-guide' as never })).to.throw(DocumentError);
      expect(() => new GuideStore({ document: null as never })).to.throw(DocumentError);
      const elsewhere = rawDocument([makeNote('a', { cardId: 'x-annet' })]);
      expect(() => new GuideStore({ document: elsewhere as never, cardIds: new Set(['t1-mal']) })).to.throw(DocumentError, /cardId/);
      expect(new GuideStore({ document: elsewhere as never }).document.notes).to.have.length(1);
    });
  });

  describe('setDocument', () => {
    it('replaces the document with a clean validated copy and reports the note-by-note difference', () => {
      const { store, changes } = watched(storeWith(makeNote('a'), makeNote('b')));
      const value = rawDocument([{ ...makeNote('b', { text: 'ny b', updatedAt: '2024-01-02T10:00:00.000Z' }), extra: 1 }, makeNote('c')]);
      const source = {};
      store.setDocument(value, { origin: 'remote', source });

      expect(store.document).to.not.equal(value);
      expect(Object.isFrozen(store.document)).to.be.true;
      expect(store.document.notes.map((note) => note.text)).to.deep.equal(['ny b', 'text c']);
      expect(store.document.notes[0]).to.not.have.property('extra');
      expect(changes).to.have.length(1);
      const [change] = changes;
      expect(change.origin).to.equal('remote');
      expect(change.source).to.equal(source);
      expect(change.notes.added.map((note) => note.id)).to.deep.equal(['c']);
      expect(change.notes.changed.map(({ item, previous }) => [item.text, previous.text])).to.deep.equal([['ny b', 'text b']]);
      expect(change.notes.removed.map((note) => note.id)).to.deep.equal(['a']);
    });

    it('defaults to origin "local" and accepts an older version, upgraded', () => {
      const { store, changes } = watched();
      const { votes: _votes, ...v1Note } = makeNote('a');
      store.setDocument({ format: 'innovasjon-guide', version: 1, notes: [v1Note] });
      expect(changes[0].origin).to.equal('local');
      expect(store.document.version).to.equal(DOCUMENT_VERSION);
      expect(store.document.notes[0].votes).to.deep.equal([]);
    });

    it('throws a DocumentError for a bad value, changes nothing and tells no one', () => {
      const { store, changes } = watched(storeWith(makeNote('a')));
      const before = store.document;
      const bad: unknown[] = [
        null,
        'innovasjon-guide',
        rawDocument([makeNote('b', { color: 'purple' as NoteColor })]),
        rawDocument([makeNote('b'), makeNote('b')]),
        { ...rawDocument([]), version: DOCUMENT_VERSION + 1 },
        // eslint-disable-next-line no-sparse-arrays
        rawDocument([makeNote('b'), , makeNote('c')]),
      ];
      for (const value of bad) {
        expect(thrownBy(() => store.setDocument(value))).to.be.instanceOf(DocumentError);
        expect(thrownBy(() => store.setDocument(value, { origin: 'remote' }))).to.be.instanceOf(DocumentError);
      }
      expect(store.document).to.equal(before);
      expect(changes).to.have.length(0);
    });
  });

  describe('with cardIds', () => {
    const cardIds = new Set(['t1-mal', 't2-behov']);

    it('refuses local notes on unknown cards and tells no one', () => {
      const { store, changes } = watched(new GuideStore({ cardIds, document: createDocument({ notes: [makeNote('a')] }) }));
      const before = store.document;
      const added = thrownBy(() => store.addNote({ cardId: 't9-ukjent', text: 'x' }));
      expect(added).to.be.instanceOf(DocumentError);
      expect((added as DocumentError).path).to.equal('cardId');
      expect((thrownBy(() => store.updateNote('a', { cardId: 't9-ukjent' })) as DocumentError).path).to.equal('cardId');
      expect((thrownBy(() => store.moveNote('a', { cardId: 't9-ukjent', index: 0 })) as DocumentError).path).to.equal('cardId');
      const set = thrownBy(() => store.setDocument(rawDocument([makeNote('b', { cardId: 't9-ukjent' })])));
      expect((set as DocumentError).path).to.equal('notes[0].cardId');
      expect(store.document).to.equal(before);
      expect(changes).to.have.length(0);
    });

    it('accepts notes on its cards', () => {
      const store = new GuideStore({ cardIds });
      const note = store.addNote({ cardId: 't2-behov', text: 'x' });
      expect(store.updateNote(note.id, { cardId: 't1-mal' }).cardId).to.equal('t1-mal');
    });

    it('lets stored and remote documents keep notes on cards this guide does not show', () => {
      const store = new GuideStore({ cardIds });
      store.setDocument(rawDocument([makeNote('a', { cardId: 't9-ukjent' })]), { origin: 'load' });
      expect(store.document.notes[0].cardId).to.equal('t9-ukjent');
      store.setDocument(rawDocument([makeNote('b', { cardId: 't8-annen' })]), { origin: 'remote' });
      expect(store.document.notes[0].cardId).to.equal('t8-annen');
    });
  });
});
