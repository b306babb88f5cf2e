import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { cardIn, lappsIn, settled, uniqueKey } from '../helpers.js';

/**
 * Writes a note into `key` as another tab would (storage, then its storage
 * event) and returns where each `innovasjon-note-add` on the page came from.
 */
async function noteAddedInAnotherTab(key: string, shown: InnovasjonTrinn, text: string): Promise<EventTarget[]> {
  const from: EventTarget[] = [];
  const listener = (event: Event) => from.push(event.composedPath()[0]);
  document.addEventListener('innovasjon-note-add', listener);
  try {
    const now = new Date().toISOString();
    const note = { id: `fra-fane-${uniqueKey()}`, cardId: 't1-mal', text, color: 'blue', author: '', votes: [], createdAt: now, updatedAt: now };
    const other = JSON.stringify({ ...shown.data, notes: [note] });
    localStorage.setItem(key, other);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: other, storageArea: localStorage }));
    await settled(shown);
  } finally {
    document.removeEventListener('innovasjon-note-add', listener);
    localStorage.removeItem(key);
  }
  return from;
}

describe('the store reaches every element through context, and each change is heard once', () => {
  afterEach(() => fixtureCleanup());

  it('a guide hands its own store to its step and cards: no store property on the way', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
    guide.addNote('t1-mal', 'Via context');
    await settled(guide);
    const card = cardIn(guide, 't1-mal');
    expect(card.store, 'nothing handed down as a property').to.equal(undefined);
    expect(lappsIn(card).map((lapp) => lapp.text)).to.deep.equal(['Via context']);
  });

  it('a change from outside (another tab) is announced once, by the first element that shows the key', async () => {
    const key = uniqueKey();
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${key} step="1"></innovasjon-guide>`);
    const trinn = await fixture<InnovasjonTrinn>(html`<innovasjon-trinn storage-key=${key} number="1"></innovasjon-trinn>`);
    await settled(guide);
    await settled(trinn);
    const from = await noteAddedInAnotherTab(key, trinn, 'Fra en annen fane');
    expect(lappsIn(cardIn(trinn, 't1-mal')).map((lapp) => lapp.text)).to.deep.equal(['Fra en annen fane']);
    expect(from.length, 'one event on the page').to.equal(1);
    expect(from[0] === guide, 'from the first-connected element').to.be.true;
  });

  it('when the lead leaves, the next element speaks for the store', async () => {
    const key = uniqueKey();
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${key} step="1"></innovasjon-guide>`);
    const trinn = await fixture<InnovasjonTrinn>(html`<innovasjon-trinn storage-key=${key} number="1"></innovasjon-trinn>`);
    await settled(trinn);
    guide.remove();
    const from = await noteAddedInAnotherTab(key, trinn, 'Etterpå');
    expect(from.length).to.equal(1);
    expect(from[0] === trinn, 'from the step that is left').to.be.true;
  });
});
