import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { uniqueKey } from '../helpers.js';

/** Two real pages (same-origin iframes) on one storage key: they share localStorage and its storage events. */
async function twoTabs() {
  const key = uniqueKey();
  const frames = await fixture<HTMLDivElement>(html`<div>
    <iframe title="A" src=${`/test/safety/tab.html?key=${key}`}></iframe>
    <iframe title="B" src=${`/test/safety/tab.html?key=${key}`}></iframe>
  </div>`);
  const guides: InnovasjonGuide[] = [];
  for (const frame of frames.querySelectorAll('iframe')) {
    for (let i = 0; i < 100; i++) {
      const guide = frame.contentDocument?.querySelector('innovasjon-guide') as InnovasjonGuide | null;
      if (guide?.shadowRoot && frame.contentWindow?.customElements.get('innovasjon-guide')) {
        await guide.updateComplete;
        guides.push(guide);
        break;
      }
      await aTimeout(50);
    }
  }
  expect(guides).to.have.length(2);
  return { key, a: guides[0], b: guides[1] };
}

const texts = (guide: InnovasjonGuide) => guide.data.notes.map((note) => note.text).sort();
const settle = () => aTimeout(900); // a save (300 ms), the other tab's storage event, its merge and save

describe('many tabs on one storage key', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('notes added in both at the same time end up in both', async () => {
    const { a, b } = await twoTabs();
    a.addNote('t1-mal', 'Fra A');
    b.addNote('t1-team', 'Fra B');
    await settle();
    expect(texts(a)).to.deep.equal(['Fra A', 'Fra B']);
    expect(a.data).to.deep.equal(b.data);
  });

  it('the same note edited in both ends with the later edit in both', async () => {
    const { a, b } = await twoTabs();
    const note = a.addNote('t1-mal', 'Start');
    await settle();
    a.updateNote(note.id, { text: 'A skrev' });
    await aTimeout(5);
    b.updateNote(note.id, { text: 'B skrev sist' });
    await settle();
    expect(texts(a)).to.deep.equal(['B skrev sist']);
    expect(a.data).to.deep.equal(b.data);
  });

  it('a delete in one tab is not undone by the other tab’s stale copy', async () => {
    const { a, b } = await twoTabs();
    const gone = a.addNote('t1-mal', 'Slettes');
    a.addNote('t1-mal', 'Blir');
    await settle();
    expect(texts(b)).to.deep.equal(['Blir', 'Slettes']);
    a.removeNote(gone.id);
    b.addNote('t1-team', 'B skriver samtidig'); // B is busy, its copy of «Slettes» is stale
    await settle();
    expect(texts(a)).to.deep.equal(['B skriver samtidig', 'Blir']);
    expect(a.data).to.deep.equal(b.data);
  });

  it('one deleting what the other edits: both agree, and the edit is not lost', async () => {
    const { a, b } = await twoTabs();
    const note = a.addNote('t1-mal', 'Omstridt');
    await settle();
    a.removeNote(note.id);
    await aTimeout(5);
    b.updateNote(note.id, { text: 'Omstridt, men viktig' });
    await settle();
    expect(a.data).to.deep.equal(b.data);
    expect(texts(a)).to.deep.equal(['Omstridt, men viktig']);
  });
});
