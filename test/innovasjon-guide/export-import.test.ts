import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { ImportError } from '../../src/store/import.js';
import type { GuideDocument } from '../../src/store/types.js';
import { VERSION_1_DOCUMENT } from '../fixtures/version-1.js';
import { cardIn, click, deepActiveElement, deepText, lappsIn, settled, uniqueKey, waitUntil } from '../helpers.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { guideHarness } from './harness.js';

async function makeGuide(step = 1) {
  const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()} step=${step}></innovasjon-guide>`);
  await settled(guide);
  return guide;
}

/** Gives the toolbar's file input a file, as the browser's file picker would. */
async function chooseFile(guide: InnovasjonGuide, text: string, name = 'eksport.json') {
  const input = guideHarness(guide).importFileInput;
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: 'application/json' }));
  input.files = transfer.files;
  const before = JSON.stringify(guide.data);
  input.dispatchEvent(new Event('change', { bubbles: true }));
  // Reading the file is asynchronous: wait until the guide changed, asks, or shows an error.
  await waitUntil(
    async () => {
      await settled(guide);
      return guideHarness(guide).importDialog || guideHarness(guide).importError || JSON.stringify(guide.data) !== before;
    },
    `the guide takes in ${name}, asks about it or says why not`,
    { timeout: 10_000 },
  );
}

describe('export and import', function () {
  this.timeout(20_000); // whole guides, files read by the browser, the import dialog and axe: up to 12 s measured on a busy 2-core machine
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('round-trips: JSON export → import → export is identical', async () => {
    const guide = await makeGuide();
    guide.addNote('t1-mal', 'Med "sitat", komma\nog linjeskift – æøå', { author: 'Åse', color: 'green' });
    guide.addAction({ step: 1, what: 'Book møte', who: 'Per', due: '2026-12-01' });
    const json = await guide.exportAs('json');
    const other = await makeGuide();
    await other.importData(json);
    expect(await other.exportAs('json')).to.equal(json);
    expect(other.data).to.deep.equal(guide.data);
  });

  it('merge keeps both sides and the newer version of a note', async () => {
    const guide = await makeGuide();
    const note = guide.addNote('t1-mal', 'Gammel tekst');
    const theirs = JSON.parse(await guide.exportAs('json')) as GuideDocument & { notes: { text: string; updatedAt: string }[] };
    theirs.notes[0] = { ...theirs.notes[0], text: 'Nyere tekst', updatedAt: new Date(Date.now() + 60_000).toISOString() };
    guide.addNote('t2-metoder', 'Bare hos oss');
    await guide.importData(JSON.stringify(theirs), { mode: 'merge' });
    expect(guide.data.notes.map((n) => n.text)).to.deep.equal(['Nyere tekst', 'Bare hos oss']);
    expect(guide.data.notes[0].id).to.equal(note.id);
  });

  it('imports a version-1 file', async () => {
    const guide = await makeGuide();
    await guide.importData(VERSION_1_DOCUMENT);
    expect(guide.data.notes.map((n) => n.id)).to.deep.equal(['v1-a', 'v1-b']);
  });

  const valid = () => ({
    format: 'innovasjon-guide',
    version: 2,
    notes: [
      {
        id: 'a',
        cardId: 't1-mal',
        text: 'x',
        color: 'yellow',
        author: '',
        votes: [],
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    ],
    actions: [],
    participants: [],
    deleted: [],
  });
  const badInputs: [string, unknown, string][] = [
    ['not JSON', '{"format": ', 'not-json'],
    ['the wrong format', JSON.stringify({ ...valid(), format: 'trello' }), 'wrong-format'],
    ['a newer version', JSON.stringify({ ...valid(), version: 3 }), 'newer-version'],
    ['a missing field', JSON.stringify({ ...valid(), notes: [{ ...valid().notes[0], text: undefined }] }), 'invalid'],
    ['a wrongly typed field', JSON.stringify({ ...valid(), notes: [{ ...valid().notes[0], votes: 'mange' }] }), 'invalid'],
    ['an unknown card', JSON.stringify({ ...valid(), notes: [{ ...valid().notes[0], cardId: 't9-x' }] }), 'invalid'],
    ['oversized text', JSON.stringify({ ...valid(), notes: [{ ...valid().notes[0], text: 'x'.repeat(2001) }] }), 'invalid'],
    ['duplicate ids', JSON.stringify({ ...valid(), notes: [valid().notes[0], valid().notes[0]] }), 'invalid'],
    ['an oversized file', ' '.repeat(5 * 1024 * 1024 + 1), 'too-large'],
  ];
  for (const [name, input, problem] of badInputs) {
    it(`refuses ${name} with a clear error, an event, and no change`, async () => {
      const guide = await makeGuide();
      guide.addNote('t1-mal', 'Skal bli');
      const before = guide.data;
      const heard = oneEvent(guide, 'innovasjon-error');
      let thrown: unknown;
      try {
        await guide.importData(input, { mode: 'replace' });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(ImportError);
      expect((thrown as ImportError).problem).to.equal(problem);
      expect((await heard).detail.code).to.equal('import-invalid');
      expect(guide.data).to.deep.equal(before);
    });
  }

  it('drops unknown extra fields and shows hostile text as text', async () => {
    const guide = await makeGuide();
    const doc = valid();
    (doc as Record<string, unknown>).onload = 'alert(1)';
    doc.notes[0] = { ...doc.notes[0], text: '<img src=x onerror="window.__pwned=1">', extra: '<script>' } as never;
    await guide.importData(doc);
    await settled(guide);
    expect(Object.keys(guide.data)).to.deep.equal(['format', 'version', 'notes', 'actions', 'participants', 'deleted']);
    expect(Object.keys(guide.data.notes[0])).not.to.include('extra');
    const [lapp] = lappsIn(cardIn(guide, 't1-mal'));
    expect(harness(lapp).renders('img'), 'absent: img').to.be.false;
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('the toolbar imports a file into an empty guide at once, and asks before replacing work', async () => {
    const source = await makeGuide();
    source.addNote('t1-team', 'Fra fil');
    const json = await source.exportAs('json');

    const empty = await makeGuide();
    await chooseFile(empty, json);
    expect(empty.data.notes.map((n) => n.text)).to.deep.equal(['Fra fil']);

    const busy = await makeGuide();
    busy.addNote('t1-mal', 'Vårt arbeid');
    await settled(busy);
    await chooseFile(busy, json);
    const dialog = guideHarness(busy).importDialog!;
    expect(dialog.open).to.be.true;
    expect(deepActiveElement()?.matches('button.merge')).to.be.true;
    await expect(busy).to.be.accessible();
    expect(busy.data.notes.map((n) => n.text)).to.deep.equal(['Vårt arbeid'], 'nothing changes before the person answers');
    await click(guideHarness(busy).mergeButton);
    // The import's code may still be on its way: wait for its effect, not for a render.
    await waitUntil(() => busy.data.notes.length === 2, 'the merge is done');
    expect(busy.data.notes.map((n) => n.text)).to.deep.equal(['Vårt arbeid', 'Fra fil']);

    await chooseFile(busy, json);
    await click(guideHarness(busy).replaceButton);
    await waitUntil(() => busy.data.notes.length === 1, 'the replace is done');
    expect(busy.data.notes.map((n) => n.text)).to.deep.equal(['Fra fil']);
    await waitUntil(() => deepActiveElement()?.matches('button.import'), 'focus back on the import button');
  });

  it('the toolbar shows an error a person can act on, and changes nothing', async () => {
    const guide = await makeGuide();
    guide.addNote('t1-mal', 'Trygg');
    const heard = oneEvent(guide, 'innovasjon-error');
    await chooseFile(guide, '{"format":"trello","cards":[]}', 'trello.json');
    expect((await heard).detail.code).to.equal('import-invalid');
    const alert = guideHarness(guide).importError!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('ikke en eksport fra Turguide for innovasjon');
    expect(guide.data.notes.map((n) => n.text)).to.deep.equal(['Trygg']);
    await expect(guide).to.be.accessible();
  });

  it('downloads a file named after the storage key and date', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key="vår-kommune" no-storage></innovasjon-guide>`);
    guide.addNote('t1-mal', 'Ned');
    const clicked = new Promise<HTMLAnchorElement>((resolve) => {
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        HTMLAnchorElement.prototype.click = original;
        resolve(this);
      };
    });
    await settled(guide);
    await click(guideHarness(guide).downloadMarkdownButton);
    const anchor = await clicked;
    const today = new Date();
    const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(anchor.download).to.equal(`var-kommune-${date}.md`);
    const text = await (await fetch(anchor.href)).text();
    expect(text).to.contain('Ned');
  });

  it('exports Markdown and CSV with the notes', async () => {
    const guide = await makeGuide();
    guide.addNote('t1-mal', 'Komma, "sitat"', { author: 'Kari' });
    expect(await guide.exportAs('markdown')).to.contain('### Hva er målet vårt?');
    expect((await guide.exportAs('csv')).startsWith('\uFEFF')).to.be.true;
    expect(await guide.exportAs('csv')).to.contain('"Komma, ""sitat"""');
  });

  it('shows the summary sheet after step 4 with the most-voted notes and open actions', async () => {
    const guide = await makeGuide(5);
    guide.addNote('t2-forsta', 'Mest stemt');
    const id = guide.data.notes[0].id;
    guide.data = { ...guide.data, notes: guide.data.notes.map((n) => (n.id === id ? { ...n, votes: ['a', 'b'] } : n)) } as GuideDocument;
    guide.addAction({ step: 2, what: 'Intervju fem brukere', who: 'Ali', due: '2026-12-24' });
    await settled(guide);
    const text = deepText(guide);
    expect(text).to.contain('Oppsummering');
    expect(text).to.contain('Mest stemt');
    expect(text).to.contain('2 stemmer');
    expect(text).to.contain('Intervju fem brukere');
    await expect(guide).to.be.accessible();
  });
});
