import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { settled, uniqueKey, waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';

async function makeGuide(key: string) {
  const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${key} step="1"></innovasjon-guide>`);
  await settled(guide);
  return guide;
}

function listenForErrors() {
  const codes: string[] = [];
  const messages: string[] = [];
  const listener = (event: Event) => {
    const { code, message } = (event as CustomEvent<{ code: string; message: string }>).detail;
    codes.push(code);
    messages.push(message);
  };
  document.addEventListener('innovasjon-error', listener);
  return { codes, messages, stop: () => document.removeEventListener('innovasjon-error', listener) };
}

const backupsOf = (key: string) => Object.keys(localStorage).filter((k) => k.startsWith(`${key}:backup:`));
const stored = (key: string) => JSON.parse(localStorage.getItem(key)!);
const storedTexts = (key: string): string[] =>
  localStorage.getItem(key) === null ? [] : stored(key).notes.map((n: { text: string }) => n.text);

/** Waits for the debounced save to have written exactly `texts`. */
const savedAs = (key: string, texts: string[]) =>
  waitUntil(
    () => JSON.stringify(storedTexts(key)) === JSON.stringify(texts),
    `expected ${JSON.stringify(texts)} saved, storage has ${JSON.stringify(storedTexts(key))}`,
    { timeout: 5000 },
  );

describe('storage faults', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  for (const [name, raw, words] of [
    ['a document of another format', JSON.stringify({ format: 'trello', lists: [] }), 'format'],
    ['a newer version', JSON.stringify({ format: 'innovasjon-guide', version: 99, notes: [] }), 'newer'],
    ['corrupt JSON', '{"format":"innovasjon-guide","notes":[{', 'JSON'],
  ] as const) {
    it(`keeps ${name} aside untouched, says so once, and works from empty`, async () => {
      const key = uniqueKey();
      localStorage.setItem(key, raw);
      const errors = listenForErrors();
      const guide = await makeGuide(key);
      await waitUntil(() => guideHarness(guide).message?.textContent?.includes('tatt vare på'), 'the guide says the notes were kept aside');
      errors.stop();
      expect(errors.codes).to.deep.equal(['storage-corrupt']);
      expect(errors.messages[0]).to.contain(words).and.to.contain(':backup:');
      expect(guideHarness(guide).message!.textContent).to.contain('tatt vare på');
      expect(backupsOf(key).map((k) => localStorage.getItem(k))).to.deep.equal([raw]);
      guide.addNote('t1-mal', 'Ny start');
      fixtureCleanup();
      expect(stored(key).notes.map((n: { text: string }) => n.text)).to.deep.equal(['Ny start']);
      expect(backupsOf(key).map((k) => localStorage.getItem(k)), 'the backup survives the save').to.deep.equal([raw]);
    });
  }

  it('survives the quota running out in the middle of editing, and saves everything once there is room', async () => {
    const key = uniqueKey();
    const guide = await makeGuide(key);
    guide.addNote('t1-mal', 'Før');
    await savedAs(key, ['Før']);
    const setItem = Storage.prototype.setItem;
    const errors = listenForErrors();
    let tries = 0;
    Storage.prototype.setItem = function () {
      tries++;
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      guide.addNote('t1-mal', 'Under');
      await waitUntil(() => tries === 1, 'a save is tried');
      guide.addNote('t1-mal', 'Også under');
      await waitUntil(() => tries === 2, 'a second save is tried');
    } finally {
      Storage.prototype.setItem = setItem;
      errors.stop();
    }
    expect(errors.codes).to.deep.equal(['storage-quota']);
    expect(guide.data.notes.map((n) => n.text)).to.deep.equal(['Før', 'Under', 'Også under']);
    expect(stored(key).notes).to.have.length(1, 'the stored copy is untouched, not half-written');
    guide.addNote('t1-mal', 'Etter');
    await savedAs(key, ['Før', 'Under', 'Også under', 'Etter']);
  });

  it('works in memory when every storage access throws (private mode, sandboxed iframe)', async () => {
    const key = uniqueKey();
    const { getItem, setItem } = Storage.prototype;
    const errors = listenForErrors();
    let saves = 0;
    Storage.prototype.getItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    Storage.prototype.setItem = () => {
      saves++;
      throw new DOMException('denied', 'SecurityError');
    };
    try {
      const guide = await makeGuide(key);
      guide.addNote('t1-team', 'Bare i minnet');
      await waitUntil(() => saves > 0, 'a save is tried');
      await settled(guide);
      expect(guide.data.notes.map((n) => n.text)).to.deep.equal(['Bare i minnet']);
      expect(guideHarness(guide).message!.textContent).to.contain('lar ikke siden lagre');
    } finally {
      Storage.prototype.getItem = getItem;
      Storage.prototype.setItem = setItem;
      errors.stop();
    }
    expect(errors.codes).to.deep.equal(['storage-unavailable']);
  });

  it('keeps its notes when another tab clears storage, and writes them back', async () => {
    const key = uniqueKey();
    const guide = await makeGuide(key);
    guide.addNote('t1-mal', 'Overlever');
    await savedAs(key, ['Overlever']);
    localStorage.removeItem(key);
    window.dispatchEvent(new StorageEvent('storage', { key: null, newValue: null }));
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: null }));
    await settled(guide);
    expect(guide.data.notes.map((n) => n.text)).to.deep.equal(['Overlever']);
    guide.addNote('t1-mal', 'Og denne');
    await savedAs(key, ['Overlever', 'Og denne']);
  });
});
