// innovasjon-load: the stored document, once it is in the guide, for hosts whose state starts empty after a reload.
import { expect } from '@open-wc/testing';
import type { LoadDetail } from '../../src/events.js';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import { createDocument } from '../../src/store/document.js';
import { GuideStore } from '../../src/store/guide-store.js';
import type { GuideDocument } from '../../src/store/types.js';
import { settled, uniqueKey, waitUntil } from '../helpers.js';

const storedWith = (text: string) => {
  const store = new GuideStore({ document: createDocument() });
  store.addNote({ cardId: 't1-mal', text });
  return store.document;
};

/** Appends `element`, then listens, as a host does; returns the details heard. */
function appendAndListen(element: HTMLElement): LoadDetail[] {
  const heard: LoadDetail[] = [];
  document.body.append(element);
  element.addEventListener('innovasjon-load', (event) => heard.push(event.detail));
  return heard;
}

describe('innovasjon-load', () => {
  const added: HTMLElement[] = [];
  const make = <K extends 'innovasjon-guide' | 'innovasjon-trinn'>(tag: K, attributes: Record<string, string> = {}) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    added.push(element);
    return element;
  };
  afterEach(() => {
    for (const element of added.splice(0)) element.remove();
  });

  it('a guide sends the document stored in localStorage once, to a listener added after appending it', async () => {
    const key = uniqueKey();
    const stored = storedWith('Fra forrige gang');
    localStorage.setItem(key, JSON.stringify(stored));
    const guide = make('innovasjon-guide', { 'storage-key': key });
    const heard = appendAndListen(guide);
    await waitUntil(() => heard.length === 1, 'the load is heard');
    expect(heard[0].data.notes.map((note) => note.text)).to.deep.equal(['Fra forrige gang']);
    expect(heard[0].data).to.deep.equal(guide.data);
    guide.addNote('t1-team', 'Ny');
    await settled(guide);
    expect(heard).to.have.length(1);
    localStorage.removeItem(key);
  });

  it('waits for an adapter that loads later, and sends what it loaded', async () => {
    let resolve!: (document: GuideDocument) => void;
    const storage = { load: () => new Promise<GuideDocument>((done) => (resolve = done)), save: () => undefined };
    const trinn = make('innovasjon-trinn');
    trinn.storage = storage;
    const heard = appendAndListen(trinn);
    await settled(trinn);
    expect(heard, 'nothing before the adapter answers').to.have.length(0);
    resolve(storedWith('Fra serveren'));
    await waitUntil(() => heard.length === 1, 'the load is heard');
    expect(heard[0].data.notes.map((note) => note.text)).to.deep.equal(['Fra serveren']);
  });

  it('a guide with nothing stored, or no-storage, sends an empty document; a step inside a guide sends none', async () => {
    const guide = make('innovasjon-guide', { 'no-storage': '' });
    const heard = appendAndListen(guide);
    await waitUntil(() => heard.length === 1, 'the load is heard');
    expect(heard[0].data.notes).to.deep.equal([]);
    const fromSheets: Event[] = [];
    guide.addEventListener('innovasjon-load', (event) => {
      if (event.composedPath()[0] !== guide) fromSheets.push(event);
    });
    guide.step = 1;
    await settled(guide);
    expect(fromSheets).to.deep.equal([]);
  });
});
