import { expect } from '@open-wc/testing';
import { applyRemote } from '../../src/store/apply-remote.js';
import { createDocument } from '../../src/store/document.js';
import { GuideStore, type StoreChange } from '../../src/store/guide-store.js';
import { makeNote, T0 } from '../fixtures/notes.js';

const T1 = '2024-01-02T10:00:00.000Z';
const T2 = '2024-01-03T10:00:00.000Z';

function watched(store: GuideStore) {
  const changes: StoreChange[] = [];
  store.subscribe((change) => changes.push(change));
  return changes;
}

describe('applyRemote', () => {
  it('applies valid items, skips and returns invalid ones, and names only what changed', () => {
    const store = new GuideStore({ document: createDocument({ notes: [makeNote('a'), makeNote('b')] }) });
    const changes = watched(store);
    const { invalid } = applyRemote(store, {
      items: [
        { id: 'b', note: { ...makeNote('b'), text: 'endret', updatedAt: T1 } },
        { id: 'c', note: { ...makeNote('c'), color: 'ultraviolet' } },
        { id: 'd', note: { ...makeNote('d'), cardId: 'a-card-this-guide-lacks' } },
        { id: 'e', note: makeNote('not-e') },
      ],
    });
    expect(invalid.map(({ kind, id }) => `${kind}:${id}`)).to.deep.equal(['note:c', 'note:e']);
    expect(store.document.notes.map((note) => note.id)).to.deep.equal(['a', 'b', 'd']);
    expect(changes).to.have.length(1);
    expect(changes[0].origin).to.equal('remote');
    expect(changes[0].notes.changed.map(({ item }) => item.id)).to.deep.equal(['b']);
    expect(changes[0].notes.added.map((note) => note.id)).to.deep.equal(['d']);
    expect(changes[0].notes.removed).to.deep.equal([]);
  });

  it('removes an item that turned invalid or is gone, and stays silent when nothing changed', () => {
    const store = new GuideStore({ document: createDocument({ notes: [makeNote('a'), makeNote('b')] }) });
    const changes = watched(store);
    applyRemote(store, { items: [{ id: 'a', note: makeNote('a') }] });
    expect(changes).to.have.length(0);
    applyRemote(store, { items: [{ id: 'a', note: { ...makeNote('a'), text: 42 } }, { id: 'b' }] });
    expect(store.document.notes).to.deep.equal([]);
    expect(changes[0].notes.removed.map((note) => note.id)).to.deep.equal(['a', 'b']);
  });

  it('keeps a note and its deletion apart by the merge rule: live only when updated after the deletion', () => {
    const store = new GuideStore();
    applyRemote(store, {
      items: [
        { id: 'old', note: makeNote('old', { updatedAt: T0 }), deletedAt: T1 },
        { id: 'undone', note: makeNote('undone', { updatedAt: T2 }), deletedAt: T1 },
        { id: 'both', note: makeNote('both'), action: { id: 'both', step: 1, what: '', who: '', due: '', done: false, createdAt: T0, updatedAt: T0 } },
      ],
    });
    expect(store.document.notes.map((note) => note.id)).to.deep.equal(['undone', 'both']);
    expect(store.document.deleted).to.deep.equal([{ id: 'old', deletedAt: T1 }]);
    expect(store.document.actions).to.deep.equal([]);
  });

  it('sorts by the given order, and with replace drops everything not named', () => {
    const store = new GuideStore({ document: createDocument({ notes: [makeNote('z')] }) });
    const changes = watched(store);
    const byIdDescending = { notes: (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) };
    applyRemote(store, { items: [{ id: 'a', note: makeNote('a') }, { id: 'b', note: makeNote('b') }] }, { order: byIdDescending, origin: 'load', replace: true });
    expect(store.document.notes.map((note) => note.id)).to.deep.equal(['b', 'a']);
    expect(changes[0].origin).to.equal('load');
    expect(changes[0].notes.removed.map((note) => note.id)).to.deep.equal(['z']);
  });
});
