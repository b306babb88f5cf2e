import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import * as Y from 'yjs';
import { bindRoom, type InvalidRoomItem, type RoomBinding, type RoomRefusal } from '../../src/collab/room-binding.js';
import { SCHEMA_VERSION } from '../../src/collab/schema.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import { guideContext, plainView } from '../../src/internal/guide-context.js';
import { identityKeeper } from '../../src/sources/document-source.js';
import { PageGuide } from '../../src/sources/page-guide.js';
import { createDocument } from '../../src/store/document.js';
import { GuideStore, type StoreChange } from '../../src/store/guide-store.js';
import { LIMITS, NOTE_COLORS, type GuideDocument, type Note } from '../../src/store/types.js';
import { validateDocument } from '../../src/store/validate.js';
import { makeNote, T0 } from '../fixtures/notes.js';
import { cardIn, composedElements, lappsIn, settled } from '../helpers.js';
import { harness } from '../refleksjon-lapp/harness.js';

/** A guide around `store`, as a guide element would provide it to the steps inside. */
const viewOf = (store: GuideStore) => plainView(new PageGuide({ store, identity: identityKeeper('room-binding-test', false), kind: 'room' }));

/** The origin of updates relayed between docs: a change that arrives from elsewhere. */
const RELAY = { relay: true };

interface Client {
  doc: Y.Doc;
  store: GuideStore;
  binding: RoomBinding;
  invalid: InvalidRoomItem[];
  refused: RoomRefusal[];
  writable: number[];
  changes: StoreChange[];
}

const clients: Client[] = [];

function client(doc = new Y.Doc()): Client {
  const store = new GuideStore();
  const changes: StoreChange[] = [];
  store.subscribe((change) => changes.push(change));
  const invalid: InvalidRoomItem[] = [];
  const refused: RoomRefusal[] = [];
  const writable: number[] = [];
  const binding = bindRoom(store, doc, {
    onInvalid: (item) => invalid.push(item),
    onRefused: (refusal) => refused.push(refusal),
    onWritable: () => writable.push(Date.now()),
  });
  const made = { doc, store, binding, invalid, refused, writable, changes };
  clients.push(made);
  return made;
}

/**
 * Links docs the way a server does: every update made on one reaches the
 * others. Buffered, updates wait in each receiver's inbox until delivered, in
 * any order, so changes made meanwhile on several docs are concurrent.
 */
function network(docs: Y.Doc[], { buffered = false } = {}) {
  const inboxes = new Map<Y.Doc, Uint8Array[]>(docs.map((doc) => [doc, []]));
  // First what each already holds, as a server's sync step does.
  for (const doc of docs) for (const other of docs) if (other !== doc) Y.applyUpdate(other, Y.encodeStateAsUpdate(doc), RELAY);
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === RELAY) return;
      for (const other of docs) {
        if (other === doc) continue;
        if (buffered) inboxes.get(other)!.push(update);
        else Y.applyUpdate(other, update, RELAY);
      }
    });
  }
  return {
    /** Delivers `count` waiting updates to `doc`, picked by `pick` (an index into its inbox). */
    deliver(doc: Y.Doc, count: number, pick: (length: number) => number = () => 0) {
      const inbox = inboxes.get(doc)!;
      for (let i = 0; i < count && inbox.length; i++) Y.applyUpdate(doc, inbox.splice(pick(inbox.length), 1)[0], RELAY);
    },
    flush() {
      while ([...inboxes.values()].some((inbox) => inbox.length)) {
        for (const doc of docs) this.deliver(doc, Infinity);
      }
    },
  };
}

/** Lets the bindings read back what they wrote (they do it a microtask after the store's listeners ran). */
const bindingsSettled = async () => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};

const notesOn = (document: GuideDocument, cardId: string) => document.notes.filter((note) => note.cardId === cardId).map((note) => note.id);

/** A note's Y.Map as a rogue client could write it, every field overridable. */
function rawNote(id: string, fields: Record<string, unknown> = {}): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  const values: Record<string, unknown> = {
    id,
    cardId: 't1-mal',
    text: `text ${id}`,
    color: 'yellow',
    author: '',
    order: 'a0',
    votes: new Y.Map(),
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
  for (const [name, value] of Object.entries(values)) if (value !== undefined) map.set(name, value);
  return map;
}

function expectSameEverywhere(all: Client[]) {
  const [first, ...rest] = all;
  for (const other of rest) expect(other.store.document).to.deep.equal(first.store.document);
}

describe('room binding', function () {
  this.timeout(10_000);

  afterEach(() => {
    for (const each of clients.splice(0)) each.binding.stop();
  });

  it('reads the room into the store on start, and writes the schema version with its first write', () => {
    const room = new Y.Doc();
    room.getMap('notes').set('n1', rawNote('n1', { text: 'Hei' }));
    const before = Y.encodeStateVector(room);
    const { store, changes, doc } = client(room);
    expect(store.document.notes.map((note) => note.text)).to.deep.equal(['Hei']);
    expect(changes.map((change) => change.origin)).to.deep.equal(['load']);
    expect(Y.encodeStateVector(doc), 'reading writes nothing').to.deep.equal(before);
    store.addNote({ cardId: 't1-mal', text: 'Min' });
    expect(doc.getMap('meta').get('schema')).to.equal(SCHEMA_VERSION);
  });

  it('carries add, edit, colour, move, vote, delete, undo, actions and participants to the other copy', async () => {
    const [a, b] = [client(), client()];
    network([a.doc, b.doc]);
    const check = async () => {
      await bindingsSettled();
      expect(b.store.document).to.deep.equal(a.store.document);
    };

    const first = a.store.addNote({ cardId: 't1-mal', text: 'Første' });
    const second = a.store.addNote({ cardId: 't1-mal', text: 'Andre', color: 'pink', author: 'Kari' });
    await check();
    expect(b.store.document.notes.map((note) => note.text)).to.deep.equal(['Første', 'Andre']);

    a.store.updateNote(first.id, { text: 'Endret' });
    a.store.updateNote(second.id, { color: 'green' });
    await check();
    expect(b.store.document.notes.map((note) => [note.text, note.color])).to.deep.equal([['Endret', 'yellow'], ['Andre', 'green']]);

    a.store.moveNote(second.id, { cardId: 't1-mal', index: 0 });
    await check();
    expect(notesOn(b.store.document, 't1-mal')).to.deep.equal([second.id, first.id]);
    a.store.moveNote(first.id, { cardId: 't1-team', index: 0 });
    await check();
    expect(notesOn(b.store.document, 't1-team')).to.deep.equal([first.id]);

    b.store.setVote(second.id, 'p-ola', true);
    a.store.setVote(second.id, 'p-kari', true);
    await check();
    expect(a.store.document.notes.find((note) => note.id === second.id)!.votes).to.deep.equal(['p-kari', 'p-ola']);

    const removed = a.store.removeNote(second.id);
    await check();
    expect(b.store.document.notes.map((note) => note.id)).to.deep.equal([first.id]);
    expect(b.store.document.deleted.map((tombstone) => tombstone.id)).to.deep.equal([second.id]);

    a.store.restoreNote(removed, 0);
    await check();
    expect(b.store.document.notes.find((note) => note.id === second.id)?.votes).to.deep.equal(['p-kari', 'p-ola']);
    expect(b.store.document.deleted).to.deep.equal([]);

    const action = b.store.addAction({ step: 2, what: 'Ring rådmannen', who: 'Kari', due: '2026-05-01' });
    await check();
    a.store.updateAction(action.id, { done: true });
    await check();
    expect(b.store.document.actions[0].done).to.equal(true);
    a.store.removeAction(action.id);
    await check();
    expect(b.store.document.actions).to.deep.equal([]);

    a.store.upsertParticipant({ id: 'p-kari', name: 'Kari' });
    b.store.upsertParticipant({ id: 'p-ola', name: 'Ola' });
    a.store.upsertParticipant({ id: 'p-kari', name: 'Kari N.' });
    await check();
    expect(b.store.document.participants).to.deep.equal([
      { id: 'p-kari', name: 'Kari N.' },
      { id: 'p-ola', name: 'Ola' },
    ]);
    expect([...a.invalid, ...b.invalid]).to.deep.equal([]);
  });

  it('writes a new note without an author from a client id of its own, so it cannot be tied to the writer’s presence', () => {
    const writer = client();
    const reader = client();
    network([writer.doc, reader.doc]);
    const anonymous = writer.store.addNote({ cardId: 't1-mal', text: 'Uten navn' });
    const signed = writer.store.addNote({ cardId: 't1-mal', text: 'Med navn', author: 'Kari' });
    const clientsOf = (id: string) => {
      const map = reader.doc.getMap('notes').get(id) as Y.Map<unknown> & { _item: Y.Item; _map: Map<string, Y.Item> };
      return new Set([map._item.id.client, ...[...map._map.values()].map((item) => item.id.client)]);
    };
    expect(reader.store.document.notes.map((note) => [note.text, note.author])).to.deep.equal([
      ['Uten navn', ''],
      ['Med navn', 'Kari'],
    ]);
    expect(clientsOf(anonymous.id).has(writer.doc.clientID), 'none of the anonymous note’s items carry the writer’s id').to.be.false;
    expect(clientsOf(anonymous.id).size).to.equal(1);
    expect([...clientsOf(signed.id)]).to.deep.equal([writer.doc.clientID]);
  });

  it('applies a remote change to one note as one store change naming only that note', async () => {
    const [a, b] = [client(), client()];
    network([a.doc, b.doc]);
    const notes = ['en', 'to', 'tre'].map((text) => a.store.addNote({ cardId: 't1-mal', text }));
    await bindingsSettled();
    const before = b.store.document;
    b.changes.length = 0;

    a.store.updateNote(notes[1].id, { text: 'TO' });
    await bindingsSettled();
    expect(b.changes).to.have.length(1);
    const [change] = b.changes;
    expect(change.origin).to.equal('remote');
    expect(change.notes.changed.map(({ item }) => item.id)).to.deep.equal([notes[1].id]);
    expect([change.notes.added, change.notes.removed, change.actions.added, change.actions.changed]).to.deep.equal([[], [], [], []]);
    // The notes that did not change are the very same objects: nothing else was read or rebuilt.
    expect(change.document.notes[0] === before.notes[0] && change.document.notes[2] === before.notes[2]).to.be.true;
  });

  it('counts two votes given on one note at the same moment', async () => {
    const [a, b] = [client(), client()];
    const net = network([a.doc, b.doc], { buffered: true });
    const note = a.store.addNote({ cardId: 't1-mal', text: 'Stem på meg' });
    net.flush();
    a.store.setVote(note.id, 'p-a', true);
    b.store.setVote(note.id, 'p-b', true);
    net.flush();
    await bindingsSettled();
    expectSameEverywhere([a, b]);
    expect(a.store.document.notes[0].votes).to.deep.equal(['p-a', 'p-b']);
  });

  it('lands two notes moved into the same gap at the same moment, side by side', async () => {
    const [a, b] = [client(), client()];
    const net = network([a.doc, b.doc], { buffered: true });
    const [p, q, x, y] = ['p', 'q', 'x', 'y'].map((text) => a.store.addNote({ cardId: 't1-mal', text }));
    net.flush();
    await bindingsSettled();
    a.store.moveNote(x.id, { cardId: 't1-mal', index: 1 });
    b.store.moveNote(y.id, { cardId: 't1-mal', index: 1 });
    net.flush();
    await bindingsSettled();
    expectSameEverywhere([a, b]);
    const order = notesOn(a.store.document, 't1-mal');
    expect(order[0]).to.equal(p.id);
    expect(order.slice(1, 3)).to.deep.equal([x.id, y.id].sort());
    expect(order[3]).to.equal(q.id);

    // A later move into the gap before them still finds room.
    a.store.moveNote(q.id, { cardId: 't1-mal', index: 1 });
    net.flush();
    await bindingsSettled();
    expectSameEverywhere([a, b]);
    expect(notesOn(b.store.document, 't1-mal')).to.deep.equal([p.id, q.id, ...[x.id, y.id].sort()]);
  });

  it('ends a note edited on both copies at once with one of the two texts, within the limit', async () => {
    const [a, b] = [client(), client()];
    const net = network([a.doc, b.doc], { buffered: true });
    const note = a.store.addNote({ cardId: 't1-mal', text: 'start' });
    net.flush();
    const texts = ['a'.repeat(LIMITS.noteText), 'b'.repeat(LIMITS.noteText)];
    a.store.updateNote(note.id, { text: texts[0], color: 'blue' });
    b.store.updateNote(note.id, { text: texts[1] });
    net.flush();
    await bindingsSettled();
    expectSameEverywhere([a, b]);
    const [merged] = a.store.document.notes;
    expect(texts).to.include(merged.text);
    expect(merged.text.length).to.be.at.most(LIMITS.noteText);
    expect([...a.invalid, ...b.invalid]).to.deep.equal([]);
  });

  it('converges three copies after 200 random operations delivered in random batches and orders', async function () {
    this.timeout(40_000); // about 8 s on a quiet 2-core machine
    const CARDS = ['t1-mal', 't1-team', 't2-forsta'];
    const kinds = ['add', 'add', 'edit', 'move', 'move', 'delete', 'vote', 'restore', 'action', 'action-edit', 'action-remove', 'participant'] as const;
    const operation = fc.record({
      client: fc.nat(2),
      kind: fc.constantFrom(...kinds),
      pick: fc.nat(),
      other: fc.nat(),
      text: fc.string({ maxLength: 12 }),
      deliver: fc.nat(15),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 200, maxLength: 200 }), fc.integer(), async (operations, seed) => {
        let state = seed >>> 0;
        const random = (length: number) => {
          state = (Math.imul(state ^ (state >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
          return state % length;
        };
        const all = [client(), client(), client()];
        const net = network(all.map((each) => each.doc), { buffered: true });
        const removed: Note[][] = [[], [], []];
        try {
          for (const op of operations) {
            const { store } = all[op.client];
            const { notes, actions } = store.document;
            const note = notes.length ? notes[op.pick % notes.length] : undefined;
            const action = actions.length ? actions[op.pick % actions.length] : undefined;
            const participant = `p${op.client}`;
            try {
              if (op.kind === 'add') store.addNote({ cardId: CARDS[op.pick % 3], text: op.text, color: NOTE_COLORS[op.other % 5] });
              else if (op.kind === 'edit' && note) store.updateNote(note.id, op.other % 2 ? { text: op.text } : { color: NOTE_COLORS[op.other % 5] });
              else if (op.kind === 'move' && note) store.moveNote(note.id, { cardId: CARDS[op.other % 3], index: op.other % 5 });
              else if (op.kind === 'delete' && note) removed[op.client].push(store.removeNote(note.id));
              else if (op.kind === 'vote' && note) store.setVote(note.id, participant, !note.votes.includes(participant));
              else if (op.kind === 'restore' && removed[op.client].length) {
                const [again] = removed[op.client].splice(op.pick % removed[op.client].length, 1);
                store.restoreNote(again, op.other % 4);
              } else if (op.kind === 'action') store.addAction({ step: 1 + (op.pick % 4), what: op.text });
              else if (op.kind === 'action-edit' && action) store.updateAction(action.id, { done: !action.done, what: op.text });
              else if (op.kind === 'action-remove' && action) store.removeAction(action.id);
              else if (op.kind === 'participant') store.upsertParticipant({ id: participant, name: op.text });
            } catch (error) {
              // A note already restored elsewhere, and the like: the store refused, nothing changed.
              if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
            }
            await bindingsSettled();
            if (op.deliver < 6) net.deliver(all[op.deliver % 3].doc, op.deliver, random);
          }
          net.flush();
          await bindingsSettled();
          const late = client(new Y.Doc());
          Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(all[0].doc), RELAY);
          await bindingsSettled();
          expectSameEverywhere([...all, late]);
          for (const each of all) expect(validateDocument(each.store.document)).to.deep.equal(each.store.document);
          expect(all.flatMap((each) => each.invalid)).to.deep.equal([]);
        } finally {
          for (const each of clients.splice(0)) each.binding.stop();
        }
      }),
      { numRuns: 10 },
    );
  });

  it('puts every move, add and undo where the person put it, on both copies', async function () {
    this.timeout(30_000);
    const CARDS = ['t1-mal', 't1-team', 't2-forsta'];
    const operation = fc.record({
      client: fc.nat(1),
      kind: fc.constantFrom('add', 'add', 'move', 'move', 'move', 'delete', 'restore'),
      pick: fc.nat(),
      other: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 60 }), async (operations) => {
        const pair = [client(), client()];
        network(pair.map((each) => each.doc));
        const removed: Note[] = [];
        try {
          for (const op of operations) {
            const { store } = pair[op.client];
            const { notes } = store.document;
            const note = notes.length ? notes[op.pick % notes.length] : undefined;
            try {
              if (op.kind === 'add') store.addNote({ cardId: CARDS[op.pick % 3], text: '' });
              else if (op.kind === 'move' && note) store.moveNote(note.id, { cardId: CARDS[op.other % 3], index: op.other % 6 });
              else if (op.kind === 'delete' && note) removed.push(store.removeNote(note.id));
              else if (op.kind === 'restore' && removed.length) store.restoreNote(removed.splice(op.pick % removed.length, 1)[0], op.other % 6);
            } catch (error) {
              if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
            }
            const intended = store.document.notes.map((each) => each.id);
            await bindingsSettled();
            // The room's keys sort the notes exactly as the store placed them: nothing jumps back.
            expect(store.document.notes.map((each) => each.id)).to.deep.equal(intended);
            expect(pair[1 - op.client].store.document.notes.map((each) => each.id)).to.deep.equal(intended);
          }
        } finally {
          for (const each of clients.splice(0)) each.binding.stop();
        }
      }),
      { numRuns: 25 },
    );
  });

  describe('untrusted items', () => {
    const markup = '<img src=x onerror=alert(1)>';

    /** A rogue client writing straight to the room, next to an honest copy bound to a store. */
    function rogueRoom() {
      const rogue = new Y.Doc();
      const honest = client();
      network([rogue, honest.doc]);
      const written: Uint8Array[] = [];
      honest.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== RELAY && written.push(update));
      rogue.transact(() => {
        const notes = rogue.getMap('notes');
        notes.set('good', rawNote('good', { text: 'Helt vanlig' }));
        notes.set('markup', rawNote('markup', { text: markup, author: '<b>Kari</b>', order: 'a1' }));
        notes.set('long', rawNote('long', { text: 'x'.repeat(LIMITS.noteText + 1) }));
        notes.set('colour', rawNote('colour', { color: 'purple' }));
        notes.set('types', rawNote('types', { text: 42, updatedAt: new Y.Map() }));
        notes.set('mismatch', rawNote('mismatch', { id: 'someone-else' }));
        notes.set('votes-array', rawNote('votes-array', { votes: Y.Array.from(['p1']) }));
        notes.set('plain', { id: 'plain', cardId: 't1-mal', text: 'plain', color: 'yellow', author: '', votes: {}, createdAt: T0, updatedAt: T0 });
        const actions = rogue.getMap('actions');
        const action = new Y.Map<unknown>();
        for (const [name, value] of Object.entries({ id: 'bad-action', step: 9, what: 'x', who: '', due: '', done: false, createdAt: T0, updatedAt: T0 })) {
          action.set(name, value);
        }
        actions.set('bad-action', action);
        rogue.getMap('participants').set('p-bad', 'just a string');
        rogue.getMap('deleted').set('gone', 'not a time');
        rogue.getMap('evil').set('root', 'not part of the schema');
      });
      return { rogue, honest, written };
    }

    it('skips malformed and hostile items, reports each once, never writes them back, and keeps the good ones', async () => {
      const { rogue, honest, written } = rogueRoom();
      await bindingsSettled();
      expect(honest.store.document.notes.map((note) => [note.id, note.text, note.author])).to.deep.equal([
        ['good', 'Helt vanlig', ''],
        ['markup', markup, '<b>Kari</b>'],
      ]);
      expect(honest.invalid.length).to.be.greaterThan(0);
      const reported = () => honest.invalid.map(({ root, id }) => `${root}:${id}`).sort();
      const expected = [
        'actions:bad-action',
        'deleted:gone',
        'notes:colour',
        'notes:long',
        'notes:mismatch',
        'notes:plain',
        'notes:types',
        'notes:votes-array',
        'participants:p-bad',
      ];
      expect(reported()).to.deep.equal(expected);
      expect(honest.invalid.every((item) => item.code === 'collab-invalid' && item.reason.length > 0)).to.be.true;

      // Touched again while still invalid: not reported again; a repaired item arrives.
      rogue.getMap('notes').get('long');
      (rogue.getMap('notes').get('long') as Y.Map<unknown>).set('color', 'pink');
      (rogue.getMap('notes').get('colour') as Y.Map<unknown>).set('color', 'blue');
      await bindingsSettled();
      expect(reported()).to.deep.equal(expected);
        // Sorted by (order, id): 'colour' shares the key 'a0' with 'good'.
      expect(honest.store.document.notes.map((note) => note.id)).to.deep.equal(['colour', 'good', 'markup']);

      // A valid note turning invalid disappears instead of staying in an old version.
      (rogue.getMap('notes').get('good') as Y.Map<unknown>).set('color', 'ultraviolet');
      await bindingsSettled();
      expect(honest.store.document.notes.map((note) => note.id)).to.deep.equal(['colour', 'markup']);
      expect(reported()).to.include('notes:good');

      expect(written, 'the honest copy wrote nothing back').to.have.length(0);
      expect((rogue.getMap('notes').get('long') as Y.Map<unknown>).get('text')).to.have.length(LIMITS.noteText + 1);
    });

    it('shows hostile markup from the room as text in a step, never as elements', async () => {
      const { honest } = rogueRoom();
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      new ContextProvider(host, { context: guideContext, initialValue: viewOf(honest.store) });
      const trinn = document.createElement('innovasjon-trinn');
      trinn.setAttribute('no-storage', '');
      trinn.setAttribute('number', '1');
      host.append(trinn);
      await settled(trinn);
      const lapps = lappsIn(cardIn(trinn, 't1-mal'));
      expect(lapps.map((lapp) => harness(lapp).textElement.textContent)).to.deep.equal(['Helt vanlig', markup]);
      const elements = composedElements(trinn).map((element) => element.localName);
      expect(elements.filter((name) => name === 'img' || name === 'b')).to.deep.equal([]);
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    });
  });

  it('re-renders only the note a remote change touched', async () => {
    const [a, b] = [client(), client()];
    network([a.doc, b.doc]);
    const notes = Array.from({ length: 5 }, (_, index) => a.store.addNote({ cardId: 't1-mal', text: `Lapp ${index}` }));
    await bindingsSettled();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: guideContext, initialValue: viewOf(b.store) });
    const trinn = document.createElement('innovasjon-trinn');
    trinn.setAttribute('number', '1');
    host.append(trinn);
    await settled(trinn);
    const lapps = lappsIn(cardIn(trinn, 't1-mal'));
    expect(lapps).to.have.length(5);
    const updated: string[] = [];
    for (const lapp of lapps) {
      const original = (lapp as unknown as { update: (changed: unknown) => void }).update.bind(lapp);
      (lapp as unknown as { update: (changed: unknown) => void }).update = (changed) => {
        updated.push(lapp.dataset.id ?? '');
        original(changed);
      };
    }
    a.store.updateNote(notes[2].id, { text: 'Endret der borte' });
    await bindingsSettled();
    await settled(trinn);
    expect(b.store.document.notes[2].text).to.equal('Endret der borte');
    expect(updated).to.deep.equal([notes[2].id]);
    expect(harness(lappsIn(cardIn(trinn, 't1-mal'))[2]).textElement.textContent).to.equal('Endret der borte');
  });

  it('reads a room with a newer schema but never writes to it, and says so', async () => {
    const room = new Y.Doc();
    room.getMap('meta').set('schema', SCHEMA_VERSION + 1);
    room.getMap('notes').set('n1', rawNote('n1', { text: 'Fra framtiden' }));
    const before = Y.encodeStateVector(room);
    const reader = client(room);
    expect(reader.binding.readOnly).to.be.true;
    expect(reader.refused).to.deep.equal([{ code: 'collab-refused', reason: 'schema-newer' }]);
    expect(reader.store.document.notes.map((note) => note.text)).to.deep.equal(['Fra framtiden']);

    reader.store.addNote({ cardId: 't1-mal', text: 'Lokal' });
    reader.binding.bringIn(createDocument({ notes: [makeNote('local')] }));
    await bindingsSettled();
    expect(Y.encodeStateVector(room)).to.deep.equal(before);
    expect([...room.getMap('notes').keys()]).to.deep.equal(['n1']);
  });

  it('turns read-only when another client raises the schema later', async () => {
    const [a, b] = [client(), client()];
    network([a.doc, b.doc]);
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(a.doc));
    rogue.getMap('meta').set('schema', 2);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(rogue), RELAY);
    expect(b.binding.readOnly).to.be.true;
    expect(b.refused).to.have.length(1);
    b.store.addNote({ cardId: 't1-mal', text: 'bare lokalt' });
    await bindingsSettled();
    expect(a.store.document.notes).to.deep.equal([]);
  });

  it('becomes writable again, and says so once, when the schema is put back', async () => {
    const [a, b] = [client(), client()];
    network([a.doc, b.doc]);
    a.doc.getMap('meta').set('schema', SCHEMA_VERSION + 98);
    expect(b.binding.readOnly).to.be.true;
    expect(b.writable).to.have.length(0);
    a.doc.getMap('meta').set('schema', SCHEMA_VERSION);
    expect(b.binding.readOnly).to.be.false;
    expect(b.writable).to.have.length(1);
    b.store.addNote({ cardId: 't1-mal', text: 'Skrevet igjen' });
    await bindingsSettled();
    expect(a.store.document.notes.map((note) => note.text)).to.deep.equal(['Skrevet igjen']);
    a.doc.getMap('meta').set('schema', SCHEMA_VERSION);
    expect(b.writable, 'told once').to.have.length(1);
  });

  it('brings a local document into the room by the merge rule', async () => {
    const [a, b] = [client(), client()];
    network([a.doc, b.doc]);
    const kept = a.store.addNote({ cardId: 't1-mal', text: 'Rommets nyere' });
    const old = a.store.addNote({ cardId: 't1-mal', text: 'Rommets eldre' });
    const gone = a.store.addNote({ cardId: 't1-mal', text: 'Slettet i rommet' });
    a.store.removeNote(gone.id);
    await bindingsSettled();
    const past = '2000-01-01T00:00:00.000Z';
    const future = '2099-01-01T00:00:00.000Z';
    const local = createDocument({
      notes: [
        { ...kept, text: 'Lokal, eldre', updatedAt: past },
        { ...old, text: 'Lokal, nyere', votes: ['p-lokal'], updatedAt: future },
        { ...gone, text: 'Lokal, før slettingen', updatedAt: past },
        makeNote('bare-lokal', { text: 'Bare lokalt' }),
      ],
      deleted: [],
    });
    b.changes.length = 0;
    a.binding.bringIn(local);
    await bindingsSettled();
    expectSameEverywhere([a, b]);
    expect(b.store.document.notes.map((note) => note.text)).to.deep.equal(['Rommets nyere', 'Lokal, nyere', 'Bare lokalt']);
    expect(b.store.document.notes[1].votes).to.deep.equal(['p-lokal']);
    expect(b.changes).to.have.length(1);
    expect(a.changes.at(-1)?.origin).to.equal('remote');
  });
});
