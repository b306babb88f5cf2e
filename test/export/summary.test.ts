import { expect } from '@open-wc/testing';
import { turguide } from '../../src/content/turguide.js';
import { summarize } from '../../src/export/index.js';
import { createDocument } from '../../src/store/document.js';
import type { Action, Note } from '../../src/store/types.js';
import { fixture, T } from './fixture.js';

const note = (id: string, cardId: string, votes: number, createdAt: string): Note => ({
  id,
  cardId,
  text: id,
  color: 'yellow',
  author: '',
  votes: Array.from({ length: votes }, (_, index) => `p${index}`),
  createdAt,
  updatedAt: createdAt,
});

const action = (id: string, step: number, due: string, done = false): Action => ({
  id,
  step,
  what: id,
  who: '',
  due,
  done,
  createdAt: T(0),
  updatedAt: T(0),
});

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('summarize', () => {
  const document = createDocument({
    notes: [
      note('none', 't1-mal', 0, T(0)),
      note('one-late', 't1-mal', 1, T(9)),
      note('three', 't1-team', 3, T(5)),
      // 10:30 in Oslo is 09:30Z: older than every other note, though it sorts later as text.
      note('one-early', 't1-forankring', 1, '2025-01-15T10:30:00+01:00'),
      note('two', 't1-mal', 2, T(1)),
      note('one-mid', 't1-team', 1, T(4)),
      note('unplaced', 't9-borte', 5, T(0)),
      note('step2', 't2-metoder', 4, T(3)),
    ],
    actions: [
      action('no-date', 1, ''),
      action('late', 2, '2025-03-01'),
      action('done', 1, '2025-01-01', true),
      action('early-step3', 3, '2025-02-01'),
      action('early-step1', 1, '2025-02-01'),
      action('no-date-2', 2, ''),
    ],
  });

  it('keeps per step the voted notes: most votes first, then the oldest, at most three', () => {
    const summary = summarize(document, turguide);
    expect(summary.steps.map(({ step }) => step.number)).to.deep.equal([1, 2, 3, 4]);
    expect(summary.steps[0].topNotes.map(({ note: each }) => each.id)).to.deep.equal(['three', 'two', 'one-early']);
    expect(summary.steps[0].topNotes.map(({ card }) => card.id)).to.deep.equal(['t1-team', 't1-mal', 't1-forankring']);
    expect(ids(summary.steps[1].topNotes.map(({ note: each }) => each))).to.deep.equal(['step2']);
    expect(summary.steps[2].topNotes).to.deep.equal([]);
  });

  it('takes topVotes: fewer, all, none; and refuses a nonsense number', () => {
    const top = (topVotes: number) => ids(summarize(document, turguide, { topVotes }).steps[0].topNotes.map(({ note: each }) => each));
    expect(top(1)).to.deep.equal(['three']);
    expect(top(Infinity)).to.deep.equal(['three', 'two', 'one-early', 'one-mid', 'one-late']);
    expect(top(0)).to.deep.equal([]);
    for (const bad of [-1, 1.5, NaN]) expect(() => summarize(document, turguide, { topVotes: bad })).to.throw(RangeError);
  });

  it('keeps per step its actions in document order, done or not', () => {
    const summary = summarize(document, turguide);
    expect(summary.steps.map((step) => ids(step.actions))).to.deep.equal([
      ['no-date', 'done', 'early-step1'],
      ['late', 'no-date-2'],
      ['early-step3'],
      [],
    ]);
  });

  it('lists the open actions by due date, then step, those without a date last', () => {
    expect(ids(summarize(document, turguide).openActions)).to.deep.equal([
      'early-step1',
      'early-step3',
      'late',
      'no-date',
      'no-date-2',
    ]);
  });

  it('summarizes the fixture and leaves the document as it was', () => {
    const before = JSON.stringify(fixture);
    const summary = summarize(fixture, turguide);
    expect(summary.steps[0].topNotes.map(({ note: each }) => each.id)).to.deep.equal(['n1', 'n2', 'n4']);
    expect(summary.steps[1].topNotes.map(({ note: each }) => each.id)).to.deep.equal(['n5', 'n6']);
    expect(ids(summary.openActions)).to.deep.equal(['a4', 'a2', 'a3']);
    expect(JSON.stringify(fixture)).to.equal(before);
  });
});
