import { expect, fixture, html } from '@open-wc/testing';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { hasRendered, uniqueKey, waitUntil } from '../helpers.js';

/** Two real pages (same-origin iframes) on one storage key: they share localStorage and its storage events. */
async function twoTabs() {
  const key = uniqueKey();
  const frames = await fixture<HTMLDivElement>(html`<div>
    <iframe title="A" src=${`/test/safety/tab.html?key=${key}`}></iframe>
    <iframe title="B" src=${`/test/safety/tab.html?key=${key}`}></iframe>
  </div>`);
  const guides: InnovasjonGuide[] = [];
  for (const frame of frames.querySelectorAll('iframe')) {
    // Ready once the tab's script has set the key: the element upgrades a task earlier, on the default key, and a
    // note added then stays under that key (what made this file fail now and then: both tabs empty, nothing stored).
    const ready = () => {
      const guide = frame.contentDocument?.querySelector('innovasjon-guide') as InnovasjonGuide | null | undefined;
      return guide && hasRendered(guide) && frame.contentWindow?.customElements.get('innovasjon-guide') && guide.storageKey === key ? guide : undefined;
    };
    await waitUntil(ready, `tab ${frame.title} loads the guide`, { timeout: 20_000 });
    await ready()!.updateComplete;
    guides.push(ready()!);
  }
  // What each tab reported, for the message of a test that fails.
  for (const [index, guide] of guides.entries()) {
    guide.addEventListener('innovasjon-error', (event) => {
      const { code, message } = (event as CustomEvent<{ code: string; message: string }>).detail;
      tabErrors.push(`${index ? 'B' : 'A'}: ${code} (${message})`);
    });
  }
  return { key, a: guides[0], b: guides[1] };
}

const tabErrors: string[] = [];

const texts = (guide: InnovasjonGuide) => guide.data.notes.map((note) => note.text).sort();

/**
 * Waits until both tabs have come to rest on one document, the one in storage:
 * each save, the other tab's storage event, its merge and its save back are
 * done (from there on every save writes the same text, which fires no event).
 */
async function agreed(key: string, a: InnovasjonGuide, b: InnovasjonGuide) {
  const atRest = () => {
    const document = JSON.stringify(a.data);
    return document === JSON.stringify(b.data) && document === localStorage.getItem(key);
  };
  try {
    await waitUntil(atRest, undefined, { timeout: 15_000 });
  } catch {
    // Said as it is when the wait ends, not as it was when it began.
    const stored = localStorage.getItem(key);
    const storedTexts = stored ? (JSON.parse(stored) as { notes: { text: string }[] }).notes.map((note) => note.text).sort() : null;
    throw new Error(
      `the tabs did not agree within 15 s: A has ${JSON.stringify(texts(a))} (key ${a.storageKey}), ` +
        `B ${JSON.stringify(texts(b))} (key ${b.storageKey}), storage under ${key} ${JSON.stringify(storedTexts)}; ` +
        `same data in A and B: ${JSON.stringify(a.data) === JSON.stringify(b.data)}; errors: ${tabErrors.join('; ') || 'none'}`,
    );
  }
}

/** Waits until the clock has moved on by a millisecond, so the next edit is later than the last. */
async function aMillisecondLater() {
  const now = Date.now();
  await waitUntil(() => Date.now() > now, 'the clock moves on', { interval: 1 });
}

describe('many tabs on one storage key', function () {
  this.timeout(30_000); // two more pages load the library from source, and each change crosses between them twice
  afterEach(() => {
    tabErrors.length = 0;
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('notes added in both at the same time end up in both', async () => {
    const { key, a, b } = await twoTabs();
    a.addNote('t1-mal', 'Fra A');
    b.addNote('t1-team', 'Fra B');
    await agreed(key, a, b);
    expect(texts(a)).to.deep.equal(['Fra A', 'Fra B']);
    expect(a.data).to.deep.equal(b.data);
  });

  it('the same note edited in both ends with the later edit in both', async () => {
    const { key, a, b } = await twoTabs();
    const note = a.addNote('t1-mal', 'Start');
    await agreed(key, a, b);
    a.updateNote(note.id, { text: 'A skrev' });
    await aMillisecondLater();
    b.updateNote(note.id, { text: 'B skrev sist' });
    await agreed(key, a, b);
    expect(texts(a)).to.deep.equal(['B skrev sist']);
    expect(a.data).to.deep.equal(b.data);
  });

  it('a delete in one tab is not undone by the other tab’s stale copy', async () => {
    const { key, a, b } = await twoTabs();
    const gone = a.addNote('t1-mal', 'Slettes');
    a.addNote('t1-mal', 'Blir');
    await agreed(key, a, b);
    expect(texts(b)).to.deep.equal(['Blir', 'Slettes']);
    a.removeNote(gone.id);
    b.addNote('t1-team', 'B skriver samtidig'); // B is busy, its copy of «Slettes» is stale
    await agreed(key, a, b);
    expect(texts(a)).to.deep.equal(['B skriver samtidig', 'Blir']);
    expect(a.data).to.deep.equal(b.data);
  });

  it('one deleting what the other edits: both agree, and the edit is not lost', async () => {
    const { key, a, b } = await twoTabs();
    const note = a.addNote('t1-mal', 'Omstridt');
    await agreed(key, a, b);
    a.removeNote(note.id);
    await aMillisecondLater();
    b.updateNote(note.id, { text: 'Omstridt, men viktig' });
    await agreed(key, a, b);
    expect(a.data).to.deep.equal(b.data);
    expect(texts(a)).to.deep.equal(['Omstridt, men viktig']);
  });
});
