import { expect } from '@open-wc/testing';
import { DocumentError } from '../../src/store/errors.js';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, LIMITS, NOTE_COLORS } from '../../src/store/types.js';
import { validateDocument, validateNote, type ValidateOptions } from '../../src/store/validate.js';

const NOTE_FIELDS = ['id', 'cardId', 'text', 'color', 'author', 'votes', 'createdAt', 'updatedAt'] as const;
const T0 = '2024-01-01T10:00:00.000Z';
const T1 = '2024-01-01T10:05:00.000Z';

const rawNote = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'n1',
  cardId: 't1-mal',
  text: 'Hei',
  color: 'yellow',
  author: 'Kari',
  votes: [],
  createdAt: T0,
  updatedAt: T1,
  ...overrides,
});

const rawAction = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'a1',
  step: 1,
  what: 'Ring kommunen',
  who: 'Ola',
  due: '2024-02-01',
  done: false,
  createdAt: T0,
  updatedAt: T1,
  ...overrides,
});

/** A document of the current version; pass `notes` explicitly, even `undefined`, to replace the default. */
function rawDocument(...args: [notes?: unknown, overrides?: Record<string, unknown>]): Record<string, unknown> {
  const [notes, overrides = {}] = args;
  return {
    format: 'innovasjon-guide',
    version: DOCUMENT_VERSION,
    notes: args.length === 0 ? [rawNote()] : notes,
    actions: [],
    participants: [],
    deleted: [],
    ...overrides,
  };
}

/** A version-1 document: notes without votes, nothing beside notes. */
const rawV1Document = (notes: unknown[]) => ({
  format: 'innovasjon-guide',
  version: 1,
  notes: notes.map((note) => {
    const { votes: _votes, ...rest } = note as Record<string, unknown>;
    return rest;
  }),
});

const manyNotes = (count: number, cardOf = (index: number) => `card-${index % 10}`) =>
  Array.from({ length: count }, (_, index) => rawNote({ id: `n${index}`, cardId: cardOf(index) }));

/** The DocumentError `validateDocument(value)` throws; fails the test if it accepts or throws anything else. */
function rejection(value: unknown, options?: ValidateOptions): DocumentError {
  let thrown: unknown;
  try {
    validateDocument(value, options);
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) expect.fail(`accepted ${describeValue(value)}`);
  expect(thrown, String(thrown)).to.be.instanceOf(DocumentError);
  expect(thrown).to.be.instanceOf(TypeError);
  return thrown as DocumentError;
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(typeof value);
  } catch {
    return typeof value;
  }
}

async function fixture(name: string): Promise<unknown> {
  const response = await fetch(new URL(`../fixtures/${name}`, import.meta.url));
  return JSON.parse(await response.text()) as unknown;
}

describe('validateDocument', () => {
  describe('accepts', () => {
    it('a valid document and returns a clean, frozen copy without unknown fields', () => {
      const input = rawDocument([rawNote({ pinned: true, extra: { deep: 1 } }), rawNote({ id: 'n2', color: 'pink', author: '', votes: ['p1'] })], {
        title: 'not part of this version',
        actions: [rawAction({ priority: 'high' })],
        participants: [{ id: 'p1', name: 'Kari', avatar: 'x.png' }],
        deleted: [{ id: 'old', deletedAt: T0, by: 'Kari' }],
      });
      const result = validateDocument(input);

      expect(result).to.not.equal(input);
      expect(result).to.deep.equal({
        format: DOCUMENT_FORMAT,
        version: DOCUMENT_VERSION,
        notes: [rawNote(), rawNote({ id: 'n2', color: 'pink', author: '', votes: ['p1'] })],
        actions: [rawAction()],
        participants: [{ id: 'p1', name: 'Kari' }],
        deleted: [{ id: 'old', deletedAt: T0 }],
      });
      expect(Object.keys(result)).to.have.members(['format', 'version', 'notes', 'actions', 'participants', 'deleted']);
      expect(Object.keys(result.notes[0])).to.have.members([...NOTE_FIELDS]);
      expect(result.notes[0]).to.not.equal((input.notes as unknown[])[0]);
      expect(result.notes[1].votes).to.not.equal((input.notes as Record<string, unknown>[])[1].votes);

      for (const frozen of [result, result.notes, result.actions, result.participants, result.deleted]) {
        expect(Object.isFrozen(frozen)).to.be.true;
      }
      for (const item of [...result.notes, ...result.actions, ...result.participants, ...result.deleted]) {
        expect(Object.isFrozen(item)).to.be.true;
      }
      for (const note of result.notes) expect(Object.isFrozen(note.votes)).to.be.true;
      // The input is read, never changed.
      expect(input.title).to.equal('not part of this version');
      expect((input.notes as Record<string, unknown>[])[0].pinned).to.equal(true);
      expect(Object.isFrozen(input)).to.be.false;
    });

    it('a current-version document as saved on disk (fixture)', async () => {
      const result = validateDocument(await fixture('guide-document-v2.json'));
      expect(result.notes.map((note) => note.id)).to.deep.equal(['a1b2c3d4e5f6a1b2c3d4e5f6', 'ffeeddccbbaa998877665544']);
      expect(result.notes[0].text).to.equal('Vårt mål er kortere ventetid');
      expect(result.notes[0].votes).to.deep.equal(['p-kari', 'p-ola']);
      expect(result.notes[1].createdAt).to.equal('2024-03-02T10:00:00+01:00');
      expect(result.actions).to.have.length(1);
      expect(result.participants.map((p) => p.name)).to.deep.equal(['Kari', 'Ola']);
      expect(result.deleted).to.deep.equal([{ id: 'gone-1', deletedAt: '2024-03-01T11:00:00.000Z' }]);
      expect(result).to.not.have.property('savedBy');
      expect(result.notes[0]).to.not.have.property('pinned');
      expect(result.actions[0]).to.not.have.property('priority');
      expect(result.participants[0]).to.not.have.property('colour');
    });

    it('a version-1 document, upgraded to the current version (fixture)', async () => {
      const result = validateDocument(await fixture('guide-document-v1.json'));
      expect(result.version).to.equal(DOCUMENT_VERSION);
      expect(result.notes.map((note) => note.text)).to.deep.equal(['Vårt mål er kortere ventetid', '']);
      for (const note of result.notes) expect(note.votes).to.deep.equal([]);
      expect(result.actions).to.deep.equal([]);
      expect(result.participants).to.deep.equal([]);
      expect(result.deleted).to.deep.equal([]);
      expect(result).to.not.have.property('savedBy');
      expect(result.notes[0]).to.not.have.property('pinned');
    });

    it('version-1 votes and parts only later versions have are ignored, not read', () => {
      const v1 = { ...rawV1Document([rawNote()]), actions: 'not read in version 1', deleted: 42 };
      (v1.notes[0] as Record<string, unknown>).votes = 'not read in version 1';
      const result = validateDocument(v1);
      expect(result.notes[0].votes).to.deep.equal([]);
      expect(result.actions).to.deep.equal([]);
      expect(result.deleted).to.deep.equal([]);
    });

    it('an empty document, every colour, empty text and author, and timestamps with offsets or without fractions', () => {
      expect(validateDocument(rawDocument([])).notes).to.deep.equal([]);
      const notes = NOTE_COLORS.map((color, index) =>
        rawNote({ id: `c${index}`, color, text: '', author: '', createdAt: '2024-06-01T12:00:00+02:00', updatedAt: '2024-06-01T10:00:00Z' }),
      );
      expect(validateDocument(rawDocument(notes)).notes.map((note) => note.color)).to.deep.equal([...NOTE_COLORS]);
    });

    it('text, names and ids exactly at their limits, and exactly LIMITS.notes notes', () => {
      const atLimits = rawNote({ text: 'x'.repeat(LIMITS.noteText), author: 'a'.repeat(LIMITS.name), id: 'i'.repeat(LIMITS.id) });
      expect(validateDocument(rawDocument([atLimits])).notes[0].text).to.have.length(LIMITS.noteText);
      expect(validateDocument(rawDocument(manyNotes(LIMITS.notes))).notes).to.have.length(LIMITS.notes);
      expect(validateDocument(rawDocument(manyNotes(LIMITS.notesPerCard, () => 'one-card'))).notes).to.have.length(LIMITS.notesPerCard);
    });

    it('any card id without `cardIds`, and listed ones with it', () => {
      expect(validateDocument(rawDocument([rawNote({ cardId: 'whatever' })])).notes[0].cardId).to.equal('whatever');
      const cardIds = new Set(['t1-mal', 't2-behov']);
      expect(validateDocument(rawDocument([rawNote({ cardId: 't2-behov' })]), { cardIds }).notes[0].cardId).to.equal('t2-behov');
    });
  });

  describe('rejects with a DocumentError naming the field', () => {
    it('a value that is not an object', () => {
      for (const value of [null, undefined, 42, 'innovasjon-guide', true, [], [rawDocument()]]) {
        const error = rejection(value);
        expect(error.path, String(value)).to.equal('');
        expect(error.message).to.match(/must be a document object/);
      }
    });

    it('a missing or wrong format', () => {
      for (const format of [undefined, 'innovasjon-guide-2', 'Innovasjon-guide', 1, null]) {
        const error = rejection(rawDocument([], { format }));
        expect(error.path).to.equal('format');
        expect(error.message).to.match(/^format: /);
      }
      const { format: _format, ...withoutFormat } = rawDocument();
      expect(rejection(withoutFormat).path).to.equal('format');
    });

    it('a newer version, saying it is newer', () => {
      for (const version of [DOCUMENT_VERSION + 1, 99]) {
        const error = rejection(rawDocument([], { version }));
        expect(error.path).to.equal('version');
        expect(error.message).to.match(/newer/);
      }
    });

    it('a version that is not a whole number from 1', () => {
      for (const version of [1.5, '1', 0, -1, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, [1]]) {
        const error = rejection(rawDocument([], { version }));
        expect(error.path, String(version)).to.equal('version');
        expect(error.message).to.not.match(/newer/);
      }
    });

    it('notes that are not an array', () => {
      for (const notes of [undefined, null, {}, 'n1', 3, { length: 1, 0: rawNote() }]) {
        expect(rejection(rawDocument(notes)).path, String(notes)).to.equal('notes');
      }
    });

    it('actions, participants or deleted missing or not arrays in the current version', () => {
      for (const part of ['actions', 'participants', 'deleted']) {
        for (const value of [undefined, null, {}, 'x']) {
          expect(rejection(rawDocument([], { [part]: value })).path, `${part}: ${String(value)}`).to.equal(part);
        }
      }
    });

    it('a note that is not an object, with its index', () => {
      for (const bad of [null, 'note', 7, [rawNote()]]) {
        expect(rejection(rawDocument([rawNote(), bad])).path).to.equal('notes[1]');
      }
    });

    it('each missing note field', () => {
      for (const field of NOTE_FIELDS) {
        const broken = rawNote({ id: 'n2' });
        delete broken[field];
        expect(rejection(rawDocument([rawNote(), broken])).path).to.equal(`notes[1].${field}`);
      }
    });

    it('each wrongly typed note field', () => {
      const wrong: Record<(typeof NOTE_FIELDS)[number], unknown[]> = {
        id: [5, null, ['n1'], ''],
        cardId: [null, 3, {}, ''],
        text: [7, null, ['Hei'], { toString: () => 'Hei' }],
        color: [1, null, {}, ['yellow']],
        author: [{}, 0, null, false],
        votes: [null, 'p1', {}, 1],
        createdAt: [0, true, null, Date.parse(T0), new Date(T0)],
        updatedAt: [true, 0, null, {}],
      };
      for (const field of NOTE_FIELDS) {
        for (const value of wrong[field]) {
          const error = rejection(rawDocument([rawNote({ [field]: value })]));
          expect(error.path, `${field}: ${String(value)}`).to.equal(`notes[0].${field}`);
        }
      }
    });

    it('votes that are not distinct participant ids', () => {
      expect(rejection(rawDocument([rawNote({ votes: ['p1', 5] })])).path).to.equal('notes[0].votes[1]');
      expect(rejection(rawDocument([rawNote({ votes: [''] })])).path).to.equal('notes[0].votes[0]');
      expect(rejection(rawDocument([rawNote({ votes: ['p1', 'p2', 'p1'] })])).path).to.equal('notes[0].votes');
    });

    it('a colour outside the five', () => {
      for (const color of ['purple', 'Yellow', '', ' yellow', 'red']) {
        const error = rejection(rawDocument([rawNote({ color })]));
        expect(error.path).to.equal('notes[0].color');
        expect(error.message).to.contain(NOTE_COLORS.join(', '));
      }
    });

    it('timestamps that are not ISO 8601 date-times', () => {
      const bad = [
        '',
        'yesterday',
        '2024-01-01',
        '2024-01-01 10:00:00Z',
        '2024-01-01T10:00:00',
        '2024-13-01T10:00:00Z',
        '2024-01-01T25:00:00Z',
        '2024-01-01T10:00:00.1234567Z',
        'Mon, 01 Jan 2024 10:00:00 GMT',
      ];
      for (const timestamp of bad) {
        expect(rejection(rawDocument([rawNote({ createdAt: timestamp })])).path, timestamp).to.equal('notes[0].createdAt');
        expect(rejection(rawDocument([rawNote({ updatedAt: timestamp })])).path, timestamp).to.equal('notes[0].updatedAt');
        expect(rejection(rawDocument([], { deleted: [{ id: 'x', deletedAt: timestamp }] })).path, timestamp).to.equal(
          'deleted[0].deletedAt',
        );
      }
    });

    it('a repeated id, at the repeat, also between notes and actions', () => {
      const error = rejection(rawDocument([rawNote({ id: 'a' }), rawNote({ id: 'b' }), rawNote({ id: 'a' })]));
      expect(error.path).to.equal('notes[2].id');
      expect(error.message).to.contain('"a"');
      expect(rejection(rawDocument([rawNote({ id: 'same' })], { actions: [rawAction({ id: 'same' })] })).path).to.equal('actions[0].id');
      expect(rejection(rawDocument([], { participants: [{ id: 'p', name: 'A' }, { id: 'p', name: 'B' }] })).path).to.equal(
        'participants[1].id',
      );
    });

    it('a remembered deletion of something still there, or remembered twice', () => {
      const live = rejection(rawDocument([rawNote({ id: 'n1' })], { deleted: [{ id: 'n1', deletedAt: T1 }] }));
      expect(live.path).to.equal('deleted[0].id');
      const twice = rejection(rawDocument([], { deleted: [{ id: 'x', deletedAt: T0 }, { id: 'x', deletedAt: T1 }] }));
      expect(twice.path).to.equal('deleted[1].id');
    });

    it('text, names and ids over their limits', () => {
      const text = rejection(rawDocument([rawNote({ text: 'x'.repeat(LIMITS.noteText + 1) })]));
      expect(text.path).to.equal('notes[0].text');
      expect(text.message).to.contain(String(LIMITS.noteText));
      expect(rejection(rawDocument([rawNote({ author: 'a'.repeat(LIMITS.name + 1) })])).path).to.equal('notes[0].author');
      expect(rejection(rawDocument([rawNote({ id: 'i'.repeat(LIMITS.id + 1) })])).path).to.equal('notes[0].id');
      expect(rejection(rawDocument([rawNote({ cardId: 'c'.repeat(LIMITS.id + 1) })])).path).to.equal('notes[0].cardId');
      expect(rejection(rawDocument([], { actions: [rawAction({ what: 'w'.repeat(LIMITS.actionText + 1) })] })).path).to.equal(
        'actions[0].what',
      );
      expect(rejection(rawDocument([], { participants: [{ id: 'p', name: 'n'.repeat(LIMITS.name + 1) }] })).path).to.equal(
        'participants[0].name',
      );
    });

    it('more than LIMITS.notes notes, or more than LIMITS.notesPerCard on one card', () => {
      const error = rejection(rawDocument(manyNotes(LIMITS.notes + 1)));
      expect(error.path).to.equal('notes');
      expect(error.message).to.contain(String(LIMITS.notes));
      const perCard = rejection(rawDocument(manyNotes(LIMITS.notesPerCard + 1, () => 'one-card')));
      expect(perCard.path).to.equal('notes');
      expect(perCard.message).to.contain('one-card');
    });

    it('more actions than LIMITS.actions', () => {
      const actions = Array.from({ length: LIMITS.actions + 1 }, (_, index) => rawAction({ id: `a${index}` }));
      expect(rejection(rawDocument([], { actions })).path).to.equal('actions');
    });

    it('actions with a bad step, done, due date or timestamps', () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ step: 0 }, 'step'],
        [{ step: 5 }, 'step'],
        [{ step: 1.5 }, 'step'],
        [{ step: '1' }, 'step'],
        [{ done: 'no' }, 'done'],
        [{ done: undefined }, 'done'],
        [{ due: '01.02.2024' }, 'due'],
        [{ due: '2024-13-01' }, 'due'],
        [{ due: '2024-02-01T00:00:00Z' }, 'due'],
        [{ who: null }, 'who'],
        [{ createdAt: 'today' }, 'createdAt'],
      ];
      for (const [overrides, field] of cases) {
        expect(rejection(rawDocument([], { actions: [rawAction(overrides)] })).path, JSON.stringify(overrides)).to.equal(
          `actions[0].${field}`,
        );
      }
      expect(validateDocument(rawDocument([], { actions: [rawAction({ due: '' })] })).actions[0].due).to.equal('');
    });

    it('a card id not in `cardIds`', () => {
      const cardIds = new Set(['t1-mal']);
      const error = rejection(rawDocument([rawNote(), rawNote({ id: 'n2', cardId: 't9-ukjent' })]), { cardIds });
      expect(error.path).to.equal('notes[1].cardId');
      expect(error.message).to.contain('t9-ukjent');
      expect(rejection(rawDocument([rawNote()]), { cardIds: new Set() }).path).to.equal('notes[0].cardId');
    });
  });

  describe('garbage', () => {
    it('never throws anything but a DocumentError', () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const noteWithGetters = rawNote();
      Object.defineProperty(noteWithGetters, 'text', { get: () => ['not', 'text'], enumerable: true });
      Object.defineProperty(noteWithGetters, 'id', { get: () => 42, enumerable: true });
      const throwingGetter = rawDocument();
      Object.defineProperty(throwingGetter, 'notes', {
        get() {
          throw new Error('boom');
        },
        enumerable: true,
      });
      const garbage: unknown[] = [
        0,
        -1,
        Number.NaN,
        BigInt(1),
        '',
        '{"format":"innovasjon-guide","version":2,"notes":[]}',
        [],
        [1, 2, 3],
        null,
        undefined,
        true,
        Symbol('doc'),
        () => rawDocument(),
        new Date(),
        /innovasjon-guide/,
        new Map([['format', 'innovasjon-guide']]),
        Object.create(null),
        Object.create(rawDocument()),
        circular,
        { get format() { return 42; } },
        { format: 'innovasjon-guide', notes: [], get version() { return { valueOf: () => 1 }; } },
        throwingGetter,
        rawDocument([], { format: BigInt(1) }),
        rawDocument([], { format: circular }),
        rawDocument([], { format: Symbol('innovasjon-guide') }),
        rawDocument([], { version: BigInt(1) }),
        rawDocument([], { version: circular }),
        rawDocument([], { version: '2' }),
        rawDocument('[]'),
        rawDocument([1, 'a', null]),
        rawDocument([Symbol('note')]),
        rawDocument([rawNote({ text: Symbol('text') })]),
        rawDocument([rawNote({ text: BigInt(1) })]),
        rawDocument([rawNote({ color: BigInt(1) })]),
        rawDocument([rawNote({ color: circular })]),
        rawDocument([rawNote({ color: { toString: () => 'yellow' } })]),
        rawDocument([rawNote({ votes: [circular] })]),
        rawDocument([rawNote({ createdAt: { toISOString: () => T0 } })]),
        rawDocument([noteWithGetters]),
        rawDocument([new Date()]),
        // eslint-disable-next-line no-sparse-arrays
        rawDocument([rawNote(), , rawNote({ id: 'n3' })]),
        rawDocument(new Array(3)),
        rawDocument([], { actions: [circular] }),
        rawDocument([], { participants: [null] }),
      ];
      garbage.forEach((value, index) => {
        let thrown: unknown;
        try {
          validateDocument(value);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `garbage[${index}] was accepted`).to.not.equal(undefined);
        expect(thrown, `garbage[${index}]: ${String(thrown)}`).to.be.instanceOf(DocumentError);
      });
    });

    it('reports a hole in a sparse notes array at its index', () => {
      // eslint-disable-next-line no-sparse-arrays
      expect(rejection(rawDocument([rawNote(), , rawNote({ id: 'n3' })])).path).to.equal('notes[1]');
    });

    it('reads each field once, so a getter that changes its answer cannot slip through', () => {
      let reads = 0;
      const shifty = {
        ...rawDocument([]),
        get version() {
          reads += 1;
          return reads === 1 ? DOCUMENT_VERSION : 'changed';
        },
      };
      const result = validateDocument(shifty);
      expect(result.version).to.equal(DOCUMENT_VERSION);
      expect(reads).to.equal(1);
    });

    // Arrays are read by index, never through their iterator; an index that throws is a DocumentError.
    // Arrays from JSON.parse cannot do this; values handed to setDocument can.
    it('reads arrays by index, and turns one that throws while being read into a DocumentError', () => {
      const throwingIterator = [rawNote()];
      Object.defineProperty(throwingIterator, Symbol.iterator, {
        value() {
          throw new Error('iterator boom');
        },
      });
      const throwingIndex = [rawNote()];
      Object.defineProperty(throwingIndex, 0, {
        get() {
          throw new Error('index boom');
        },
        enumerable: true,
      });
      expect(validateDocument(rawDocument(throwingIterator)).notes).to.have.length(1);
      expect(rejection(rawDocument(throwingIndex)).path).to.match(/^notes/);
      expect(rejection(rawDocument([rawNote({ votes: throwingIndex })])).path).to.match(/^notes\[0\]\.votes/);
    });
  });
});

describe('validateNote', () => {
  it('returns a frozen clean note and names paths from "note" by default', () => {
    const note = validateNote(rawNote({ extra: 1 }));
    expect(note).to.deep.equal(rawNote());
    expect(Object.isFrozen(note)).to.be.true;
    let thrown: unknown;
    try {
      validateNote(rawNote({ color: 'grey' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(DocumentError);
    expect((thrown as DocumentError).path).to.equal('note.color');
    expect((thrown as DocumentError).message).to.match(/^note\.color: /);
  });
});
