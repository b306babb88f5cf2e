import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { EXPECTED_CARDS } from '../content-expectations.js';
import { addButtonOf, cardIn, cardsIn, click, deepText, lappsIn, settled, uniqueKey, deepActiveElement, waitUntil } from '../helpers.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { trinnHarness } from './harness.js';
import type { RefleksjonLapp } from '../../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';

async function makeTrinn(number: number, key = uniqueKey(), readonly = false) {
  const trinn = await fixture<InnovasjonTrinn>(
    html`<innovasjon-trinn number=${number} storage-key=${key} ?readonly=${readonly}></innovasjon-trinn>`,
  );
  await settled(trinn);
  return trinn;
}

describe('<innovasjon-trinn>', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('test-')) localStorage.removeItem(key);
  });

  it('passes axe, empty and with notes', async function () {
    this.timeout(15_000); // two axe runs over a whole step: over 5 s measured on a busy 2-core machine
    const trinn = await makeTrinn(2);
    await expect(trinn).to.be.accessible();
    trinn.addNote('t2-formidle', 'Til ledergruppa', { author: 'Ali' });
    await settled(trinn);
    await expect(trinn).to.be.accessible();
  });

  it('shows its own step, with the credit to KS when it stands alone', async () => {
    const trinn = await makeTrinn(3);
    expect(trinn.getAttribute('number')).to.equal('3');
    expect(trinnHarness(trinn).titleAt(2).textContent).to.contain('Utforsk muligheter');
    expect(cardsIn(trinn).map((card) => card.card!.id)).to.deep.equal(
      EXPECTED_CARDS.filter((card) => card.step === 3).map((card) => card.id),
    );
    expect(deepText(trinn)).to.contain('Innhold: KS – Turguide for innovasjon');
  });

  it('follows a change of number', async () => {
    const trinn = await makeTrinn(1);
    trinn.number = 4;
    await settled(trinn);
    expect(cardsIn(trinn).map((card) => card.card!.id)).to.deep.equal(['t4-implementere', 't4-folge-med']);
  });

  it('adds notes by click and keys, announces them and keeps them after a reload', async () => {
    const key = uniqueKey();
    const trinn = await makeTrinn(2, key);
    await click(addButtonOf(cardIn(trinn, 't2-forsta')));
    await waitUntil(() => deepActiveElement()?.matches('textarea'), 'the new note takes the keys');
    await sendKeys({ type: 'Pårørende' });
    const added = oneEvent(document, 'innovasjon-note-add');
    await sendKeys({ press: 'Enter' });
    expect((await added).detail.note).to.include({ cardId: 't2-forsta', text: 'Pårørende' });
    fixtureCleanup();
    const again = await makeTrinn(2, key);
    expect(lappsIn(cardIn(again, 't2-forsta')).map((lapp) => lapp.text)).to.deep.equal(['Pårørende']);
  });

  it('two steps on one key share their notes at once', async () => {
    const key = uniqueKey();
    const a = await makeTrinn(1, key);
    const b = await makeTrinn(1, key);
    a.addNote('t1-team', 'Delt');
    await settled(b);
    expect(lappsIn(cardIn(b, 't1-team')).map((lapp) => lapp.text)).to.deep.equal(['Delt']);
  });

  it('follows a change of storage key', async () => {
    const [first, second] = [uniqueKey(), uniqueKey()];
    const trinn = await makeTrinn(1, first);
    trinn.addNote('t1-mal', 'I første');
    trinn.storageKey = second;
    await settled(trinn);
    expect(trinn.data.notes).to.deep.equal([]);
    trinn.storageKey = first;
    await settled(trinn);
    expect(trinn.data.notes.map((note) => note.text)).to.deep.equal(['I første']);
  });

  it('on a full board lays out the notes near the screen, and a note far down when it gets focus or the page prints', async function () {
    this.timeout(15_000);
    const trinn = await makeTrinn(1);
    for (let index = 0; index < 120; index++) trinn.addNote('t1-mal', `Lapp ${index + 1}`);
    await settled(trinn);
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    const lapps = lappsIn(cardIn(trinn, 't1-mal'));
    const shown = (lapp: RefleksjonLapp) => harness(lapp).textElement.checkVisibility({ contentVisibilityAuto: true });
    const last = lapps[lapps.length - 1];
    expect(lapps.length).to.equal(120);
    expect(shown(lapps[0]), 'the first note, on screen').to.be.true;
    expect(shown(last), 'the last note, far below').to.be.false;
    // Still in the page: its text is there for a screen reader and for find in page.
    expect(deepText(last)).to.contain('Lapp 120');
    // Chromium only: emulateMedia drives the DevTools protocol, which Firefox over WebDriver BiDi does not have.
    if (navigator.userAgent.includes('Chrome')) {
      await emulateMedia({ media: 'print' });
      try {
        await waitUntil(() => shown(last), 'the last note is laid out for print');
      } finally {
        await emulateMedia({ media: 'screen' });
      }
    }
    await last.focusControl('text');
    await waitUntil(() => shown(last), 'the focused note is laid out');
    expect(deepActiveElement() === harness(last).textElement, 'focus on the last note').to.be.true;
  });

  it('is read-only when asked', async () => {
    const trinn = await makeTrinn(1, uniqueKey(), true);
    expect(cardsIn(trinn).every((card) => !kortHarness(card).renders('button'))).to.be.true;
  });
});
