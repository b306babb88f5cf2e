import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { mergeDocuments } from '../../src/store/document.js';
import { DocumentError } from '../../src/store/errors.js';
import { GuideStore, type StoreChange } from '../../src/store/guide-store.js';
import { LIMITS, NOTE_COLORS, type Action, type GuideDocument, type Note } from '../../src/store/types.js';
import { validateDocument, type ValidateOptions } from '../../src/store/validate.js';
import {
  CARD_ID_SET,
  FUZZ,
  RUNS,
  TIMEOUT,
  checkInvariants,
  deletedIds,
  documentArb,
  invariantProblems,
  isDueDate,
  knownFields,
  liveIds,
  operationArb,
  type Operation,
  type Target,
} from './arbitraries.js';

const WITH_CARDS: ValidateOptions = { cardIds: CARD_ID_SET };

/** The id a target names in `items`: an existing one by index, or the given id (which may or may not exist). */
function resolve(items: readonly { id: string }[], target: Target, fallback = '~missing~'): string {
  if ('id' in target) return target.id;
  return items.length ? items[target.index % items.length].id : fallback;
}

// Independent checks of what each operation must accept.
const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isCard = (value: unknown) => typeof value === 'string' && CARD_ID_SET.has(value);
const isColor = (value: unknown) => (NOTE_COLORS as readonly unknown[]).includes(value);
const isName = (value: unknown) => isString(value, LIMITS.name);
const isNoteText = (value: unknown) => isString(value, LIMITS.noteText);
const isActionText = (value: unknown) => isString(value, LIMITS.actionText);
const isStep = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4;

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

/** Where `index` puts a note among `count` others on a card: clamped, NaN first, past the end last. */
const landing = (index: number, count: number) => Math.max(0, Math.min(Number.isNaN(index) ? 0 : Math.trunc(index), count));

/** The notes each store has removed, for undo. */
const removedNotes = new WeakMap<GuideStore, Note[]>();
const removedFrom = (store: GuideStore) => removedNotes.get(store) ?? removedNotes.set(store, []).get(store)!;

interface Planned {
  /** Calls the store. */
  run: () => unknown;
  /** Whether the operation must succeed (true), must fail (false). */
  valid: boolean;
  /** Checks the new document after a successful run. */
  after: (document: GuideDocument, result: unknown) => void;
  /** The note or action the operation removes, if any. */
  removes?: string;
  /** The note the operation brings back (its tombstone goes), if any. */
  restores?: string;
  /** Whether it may drop notes, actions and tombstones (setDocument). */
  replaces?: boolean;
}

/** What `op` does to `store`, and what must hold afterwards. */
function plan(store: GuideStore, op: Operation): Planned {
  const before = store.document;
  const noteId = 'target' in op ? resolve(before.notes, op.target) : '';
  const actionId = 'target' in op ? resolve(before.actions, op.target) : '';
  const knownNote = before.notes.some((note) => note.id === noteId);
  const knownAction = before.actions.some((action) => action.id === actionId);
  const noteOf = (document: GuideDocument, id: string) => document.notes.find((note) => note.id === id)!;
  const actionOf = (document: GuideDocument, id: string) => document.actions.find((action) => action.id === id)!;
  switch (op.op) {
    case 'addNote':
      return {
        run: () => store.addNote({ cardId: op.cardId, text: op.text, color: op.color, author: op.author } as never),
        valid: isCard(op.cardId) && isNoteText(op.text) && optional(op.color, isColor) && optional(op.author, isName),
        after: (document, note) => {
          expect(document.notes).to.have.length(before.notes.length + 1);
          expect(document.notes.at(-1)).to.equal(note);
          expect(note).to.include({ cardId: op.cardId, text: op.text, color: op.color ?? 'yellow', author: op.author ?? '' });
          expect((note as { votes: unknown }).votes).to.deep.equal([]);
        },
      };
    case 'updateNote': {
      const { text, color, author, cardId } = op.changes;
      return {
        run: () => store.updateNote(noteId, op.changes as never),
        valid:
          knownNote && optional(text, isNoteText) && optional(color, isColor) && optional(author, isName) && optional(cardId, isCard),
        after: (document) => {
          const note = noteOf(document, noteId);
          for (const [key, value] of Object.entries(op.changes)) if (value !== undefined) expect(note).to.have.property(key, value);
        },
      };
    }
    case 'moveNote':
      return {
        run: () => store.moveNote(noteId, { cardId: op.cardId as string, index: op.index }),
        valid: knownNote && isCard(op.cardId),
        after: (document) => {
          const onCard = document.notes.filter((note) => note.cardId === op.cardId);
          const othersBefore = before.notes.filter((note) => note.cardId === op.cardId && note.id !== noteId).length;
          expect(onCard.findIndex((note) => note.id === noteId), 'position on the card').to.equal(landing(op.index, othersBefore));
          const rest = (notes: readonly { id: string }[]) => ids(notes).filter((id) => id !== noteId);
          expect(rest(document.notes), 'order of the other notes').to.deep.equal(rest(before.notes));
        },
      };
    case 'removeNote':
      return {
        run: () => {
          const note = store.removeNote(noteId);
          removedFrom(store).push(note);
          return note;
        },
        valid: knownNote,
        removes: noteId,
        after: (document) => expect(document.deleted.some((tombstone) => tombstone.id === noteId), 'tombstone').to.be.true,
      };
    case 'restoreNote': {
      // Undo of a note this store removed; with none, restoring a live note must fail.
      const removed = removedFrom(store);
      const note = removed.length ? removed[op.removed % removed.length] : before.notes[op.removed % Math.max(1, before.notes.length)];
      if (!note) return { run: () => undefined, valid: true, after: () => {} };
      const taken = liveIds(before).has(note.id);
      return {
        run: () => store.restoreNote(note, op.index),
        valid: !taken,
        restores: note.id,
        after: (document, restored) => {
          expect(restored).to.include({ id: note.id, cardId: note.cardId, text: note.text, color: note.color, author: note.author });
          expect(restored).to.deep.include({ votes: note.votes, createdAt: note.createdAt });
          expect(deletedIds(document).has(note.id), 'its tombstone is gone').to.be.false;
          const onCard = document.notes.filter((each) => each.cardId === note.cardId);
          const others = before.notes.filter((each) => each.cardId === note.cardId).length;
          expect(onCard.findIndex((each) => each.id === note.id), 'position on the card').to.equal(landing(op.index, others));
        },
      };
    }
    case 'setVote': {
      const participant = resolve(before.participants, op.participant, 'p');
      return {
        run: () => store.setVote(noteId, participant, op.voted),
        valid: knownNote,
        after: (document) => expect(noteOf(document, noteId).votes.includes(participant)).to.equal(op.voted),
      };
    }
    case 'upsertParticipant': {
      const id = resolve(before.participants, op.participant, 'p');
      return {
        run: () => store.upsertParticipant({ id, name: op.name as string }),
        valid: isName(op.name),
        after: (document) => expect(document.participants.find((each) => each.id === id)).to.deep.equal({ id, name: op.name }),
      };
    }
    case 'addAction':
      return {
        run: () => store.addAction({ step: op.step, what: op.what, who: op.who, due: op.due, done: op.done } as never),
        valid: isStep(op.step) && isActionText(op.what) && optional(op.who, isName) && optional(op.due, isDueDate),
        after: (document, action) => {
          expect(document.actions.at(-1)).to.equal(action);
          expect(action).to.include({ step: op.step, what: op.what, who: op.who ?? '', due: op.due ?? '', done: Boolean(op.done) });
        },
      };
    case 'updateAction': {
      const { what, who, due, step } = op.changes;
      return {
        run: () => store.updateAction(actionId, op.changes as never),
        valid: knownAction && optional(what, isActionText) && optional(who, isName) && optional(due, isDueDate) && optional(step, isStep),
        after: (document) => {
          const action = actionOf(document, actionId);
          for (const [key, value] of Object.entries(op.changes)) if (value !== undefined) expect(action).to.have.property(key, value);
        },
      };
    }
    case 'removeAction':
      return {
        run: () => store.removeAction(actionId),
        valid: knownAction,
        removes: actionId,
        after: (document) => expect(document.deleted.some((tombstone) => tombstone.id === actionId), 'tombstone').to.be.true,
      };
    case 'setDocument': {
      const options = op.origin === 'local' ? WITH_CARDS : {};
      return {
        run: () => store.setDocument(op.document, { origin: op.origin }),
        valid: invariantProblems(knownFields(op.document), options).length === 0,
        replaces: true,
        after: (document) => expect(JSON.stringify(document)).to.equal(JSON.stringify(knownFields(op.document))),
      };
    }
  }
}

/** Applies `op` to `store` and checks everything that must hold after it, whether it succeeded or not. */
function applyAndCheck(store: GuideStore, op: Operation, changes: StoreChange[]): void {
  const before = store.document;
  const heard = changes.length;
  const planned = plan(store, op);
  let result: unknown;
  let failure: unknown;
  let threw = false;
  try {
    result = planned.run();
  } catch (error) {
    threw = true;
    failure = error;
  }
  const after = store.document;

  if (threw) {
    if (!(failure instanceof RangeError || failure instanceof DocumentError)) {
      expect.fail(`threw ${failure instanceof Error ? `${failure.name}: ${failure.message}` : typeof failure}, not a RangeError or DocumentError`);
    }
    if (planned.valid) expect.fail(`refused a valid ${op.op}: ${(failure as Error).message}`);
    expect(after, 'a refused operation leaves the same document').to.equal(before);
    expect(changes.length, 'a refused operation tells no listener').to.equal(heard);
    return;
  }
  if (!planned.valid) expect.fail(`accepted an invalid ${op.op}`);

  checkInvariants(after, { ...WITH_CARDS, frozen: true });
  const revalidated = validateDocument(after, WITH_CARDS);
  expect(JSON.stringify(revalidated), 'the document equals its own validated form').to.equal(JSON.stringify(after));
  planned.after(after, result);

  if (after === before) {
    expect(changes.length, 'no change, no event').to.equal(heard);
  } else {
    expect(changes.length, 'one event a change').to.equal(heard + 1);
    expect(changes[heard].document).to.equal(after);
    expect(changes[heard].previous).to.equal(before);
  }
  if (planned.replaces) return;
  // Nothing lost: every note and action is still there but the one removed, and deletions are remembered.
  const live = liveIds(after);
  for (const id of liveIds(before)) if (id !== planned.removes) expect(live.has(id), `${id} kept`).to.be.true;
  if (planned.removes !== undefined) expect(live.has(planned.removes), `${planned.removes} removed`).to.be.false;
  const deleted = deletedIds(after);
  for (const id of deletedIds(before)) if (id !== planned.restores) expect(deleted.has(id), `tombstone ${id} kept`).to.be.true;
}

/** A store on the Turguide's cards, holding `document` validated. */
function storeWith(document: GuideDocument): GuideStore {
  return new GuideStore({ cardIds: CARD_ID_SET, document: validateDocument(document, WITH_CARDS) });
}

/** The document `operations` leave, starting from `start`; refused operations are skipped. */
function replay(start: GuideDocument, operations: readonly Operation[]): GuideDocument {
  const store = new GuideStore({ cardIds: CARD_ID_SET, document: start });
  for (const op of operations) {
    const planned = plan(store, op);
    try {
      planned.run();
    } catch (error) {
      if (!(error instanceof RangeError || error instanceof DocumentError)) throw error;
    }
  }
  return store.document;
}

/** Two copies of one document, edited apart. */
const divergedArb = fc
  .tuple(
    documentArb({ notes: 5, actions: 2, participants: 2, deleted: 2 }),
    fc.array(operationArb(), { maxLength: 6 }),
    fc.array(operationArb(), { maxLength: 6 }),
  )
  .map(([base, left, right]) => {
    const start = validateDocument(base, WITH_CARDS);
    return { a: replay(start, left), b: replay(start, right) };
  });

const sorted = (values: Iterable<string>) => [...values].sort();
const idsOf = (document: GuideDocument) => ({
  notes: sorted(ids(document.notes)),
  actions: sorted(ids(document.actions)),
  participants: sorted(ids(document.participants)),
  deleted: sorted(ids(document.deleted)),
});

/** Ids that are a note in one copy and an action in the other. */
const crossKindIds = (a: GuideDocument, b: GuideDocument) => {
  const notes = new Set([...ids(a.notes), ...ids(b.notes)]);
  return [...a.actions, ...b.actions].map((action) => action.id).filter((id) => notes.has(id));
};

/** The latest deletion of `id` in either copy. */
function latestDeletion(id: string, a: GuideDocument, b: GuideDocument): number | undefined {
  const times = [...a.deleted, ...b.deleted].filter((each) => each.id === id).map((each) => Date.parse(each.deletedAt));
  return times.length ? Math.max(...times) : undefined;
}

/**
 * What a merge must do with one kind of item: keep each id either copy holds
 * unless a deletion came at or after its latest version, and keep that latest
 * version (a tie may go either way).
 */
function expectMergedItems<T extends Note | Action>(
  merged: readonly T[],
  a: GuideDocument,
  b: GuideDocument,
  of: (document: GuideDocument) => readonly T[],
): void {
  const mergedById = new Map(merged.map((item) => [item.id, item]));
  const versions = new Map<string, T[]>();
  for (const item of [...of(a), ...of(b)]) versions.set(item.id, [...(versions.get(item.id) ?? []), item]);
  for (const id of mergedById.keys()) expect(versions.has(id), `${JSON.stringify(id)} was live in a or b`).to.be.true;
  for (const [id, each] of versions) {
    const newest = Math.max(...each.map((item) => Date.parse(item.updatedAt)));
    const deletion = latestDeletion(id, a, b);
    const kept = mergedById.get(id);
    if (deletion !== undefined && deletion >= newest) {
      expect(kept, `${JSON.stringify(id)} was deleted after its last edit`).to.equal(undefined);
      continue;
    }
    expect(kept, `${JSON.stringify(id)} lost`).not.to.equal(undefined);
    expect(each, `${JSON.stringify(id)} is one of its versions`).to.deep.include(kept);
    expect(Date.parse(kept!.updatedAt), `${JSON.stringify(id)} is its latest version`).to.equal(newest);
  }
}

describe(`GuideStore operations, fuzzed (${RUNS} runs a property)`, () => {
  it('keeps every invariant through any sequence of operations, and refuses bad ones without a trace', () => {
    fc.assert(
      fc.property(
        fc.oneof(documentArb({ notes: 6, actions: 3, participants: 3, deleted: 3 }), documentArb({ notes: 0, actions: 0, participants: 0, deleted: 0 })),
        fc.array(operationArb(), { minLength: 1, maxLength: 20, size: 'max' }),
        (document, operations) => {
          const store = storeWith(document);
          const changes: StoreChange[] = [];
          store.subscribe((change) => changes.push(change));
          operations.forEach((op, step) => {
            try {
              applyAndCheck(store, op, changes);
            } catch (error) {
              if (error instanceof Error) error.message = `operation ${step} (${op.op}): ${error.message}`;
              throw error;
            }
          });
        },
      ),
      FUZZ,
    );
  }).timeout(TIMEOUT);

  // BUG: restoreNote stamps the note with `now`, which in the millisecond of the removal equals the
  // tombstone's deletedAt; mergeDocuments keeps an item only if updated strictly after its deletion,
  // so a merge with a copy that still holds the tombstone drops the restored note again.
  // Shrunk counterexample (Chromium and Firefox, first run):
  //   [{format:"innovasjon-guide",version:2,notes:[{id:"a",cardId:"t1-mal",text:"",color:"yellow",author:"",votes:[],
  //     createdAt:"2000-01-01T00:00:00.000+00:00",updatedAt:"2000-01-01T00:00:00.000Z"}],actions:[],participants:[],deleted:[]}, 0, 0]
  //   store.removeNote("a") then store.restoreNote(note, 0) at once: updatedAt === deletedAt
  //   ("expected 1795731755444 to be above 1795731755444"). restoreNote should stamp at least deletedAt + 1 ms.
  it('restores a note, even undone in the millisecond it was removed, so that a merge with a stale copy keeps it', () => {
    fc.assert(
      fc.property(documentArb({ notes: 4, actions: 1, participants: 1, deleted: 1 }), fc.nat(), fc.integer({ min: 0, max: 5 }), (document, pick, index) => {
        fc.pre(document.notes.length > 0);
        const store = storeWith(document);
        const note = store.removeNote(document.notes[pick % document.notes.length].id);
        const removed = store.document;
        const restored = store.restoreNote(note, index);
        const deletion = removed.deleted.find((each) => each.id === note.id)!;
        expect(Date.parse(restored.updatedAt), 'updated after its deletion').to.be.above(Date.parse(deletion.deletedAt));
        expect(liveIds(mergeDocuments(removed, store.document)).has(note.id), 'kept by a merge with the stale copy').to.be.true;
        expect(liveIds(mergeDocuments(store.document, removed)).has(note.id), 'kept by a merge into the stale copy').to.be.true;
      }),
      FUZZ,
    );
  }).timeout(TIMEOUT);

  describe('mergeDocuments of two copies edited apart', () => {
    const sound = (a: GuideDocument, b: GuideDocument) => {
      for (const merged of [mergeDocuments(a, b), mergeDocuments(a, b, { order: 'incoming' })]) {
        checkInvariants(merged, { ...WITH_CARDS, frozen: true });
        expect(JSON.stringify(validateDocument(merged, WITH_CARDS)), 'validates as it is').to.equal(JSON.stringify(merged));
      }
    };

    it('gives a sound document that validates as it is', () => {
      fc.assert(
        fc.property(divergedArb, ({ a, b }) => {
          fc.pre(crossKindIds(a, b).length === 0);
          sound(a, b);
        }),
        FUZZ,
      );
    }).timeout(TIMEOUT);

    // BUG: mergeDocuments merges notes and actions apart, so an id that is a note in one copy and an
    // action in the other comes out twice, and the merged document fails validateDocument (which
    // guide-session then calls through store.setDocument). Shrunk counterexample (Chromium, run 51):
    //   a: {format:"innovasjon-guide",version:2,notes:[],actions:[{id:"c\u200b",step:1,what:"",who:"",due:"2000-01-01",done:false,
    //       createdAt:"2000-01-01T00:00:00.000Z",updatedAt:"2000-01-01T00:00:00.000Z"}],participants:[],deleted:[]}
    //   b: {format:"innovasjon-guide",version:2,notes:[{id:"c\u200b",cardId:"t1-mal",text:"",color:"yellow",author:"",votes:[],
    //       createdAt:"2000-01-01T00:00:00Z",updatedAt:"2000-01-01T00:00:00.000+00:00"}],actions:[],participants:[],deleted:[]}
    //   -> mergeDocuments(a, b) holds note "c\u200b" and action "c\u200b": "actions[0].id: repeats". Reached
    //   through setDocument (an import or another tab's document); store-made ids are random.
    it('gives a sound document also when an id is a note in one copy and an action in the other', () => {
      fc.assert(
        fc.property(divergedArb, ({ a, b }) => sound(a, b)),
        FUZZ,
      );
    }).timeout(TIMEOUT);

    it('is idempotent', () => {
      fc.assert(
        fc.property(divergedArb, ({ a, b }) => {
          const merged = mergeDocuments(a, b);
          const json = JSON.stringify(merged);
          expect(JSON.stringify(mergeDocuments(merged, merged))).to.equal(json);
          expect(JSON.stringify(mergeDocuments(merged, merged, { order: 'incoming' }))).to.equal(json);
        }),
        FUZZ,
      );
    }).timeout(TIMEOUT);

    it('keeps the latest version of every note and action unless it was deleted after that, and remembers the deletion', () => {
      fc.assert(
        fc.property(divergedArb, ({ a, b }) => {
          const merged = mergeDocuments(a, b);
          expectMergedItems(merged.notes, a, b, (document) => document.notes);
          // An action whose id a note also has (only a hand-made document) keeps its content under a derived id.
          const noteIds = new Set(merged.notes.map((note) => note.id));
          const original = (action: Action) =>
            action.id.endsWith('~action') && noteIds.has(action.id.slice(0, -'~action'.length))
              ? { ...action, id: action.id.slice(0, -'~action'.length) }
              : action;
          expectMergedItems(merged.actions.map(original), a, b, (document) => document.actions);
          const live = liveIds(merged);
          for (const { id } of [...a.deleted, ...b.deleted]) {
            const tombstone = merged.deleted.find((each) => each.id === id);
            if (live.has(id)) {
              expect(tombstone, `${JSON.stringify(id)} is live and deleted`).to.equal(undefined);
            } else {
              expect(tombstone, `tombstone ${JSON.stringify(id)} kept`).not.to.equal(undefined);
              expect(Date.parse(tombstone!.deletedAt), 'the latest deletion').to.equal(latestDeletion(id, a, b));
            }
          }
        }),
        FUZZ,
      );
    }).timeout(TIMEOUT);

    it('holds the same ids whichever copy comes first, in either order', () => {
      fc.assert(
        fc.property(divergedArb, ({ a, b }) => {
          const ab = idsOf(mergeDocuments(a, b));
          expect(idsOf(mergeDocuments(b, a))).to.deep.equal(ab);
          expect(idsOf(mergeDocuments(a, b, { order: 'incoming' }))).to.deep.equal(ab);
        }),
        FUZZ,
      );
    }).timeout(TIMEOUT);
  });
});
