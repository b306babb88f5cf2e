// The room's compact bar (issue 22), without a server: a guide with `collab-url` on an address where nothing
// listens shows the bar at once (connecting, then offline), so its layout and keyboard can be checked alone.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { settled, uniqueKey, waitUntil } from '../helpers.js';
import { guideHarness } from './harness.js';
import { FIRST_CARD_WITHIN, SHEET_WITHIN } from './room-bar-bounds.js';

/** Nothing listens on port 9 of the loopback (discard): the room never connects. */
const NOWHERE = 'ws://127.0.0.1:9';

async function guideInRoom(): Promise<InnovasjonGuide> {
  const guide = await fixture<InnovasjonGuide>(
    html`<innovasjon-guide storage-key=${uniqueKey()} collab-url=${NOWHERE} step="1"></innovasjon-guide>`,
  );
  await settled(guide);
  await waitUntil(() => guideHarness(guide).roomBar, 'the room bar shows', { timeout: 25_000 });
  await waitUntil(() => guideHarness(guide).roomStatus?.room, 'the room’s status knows its room', { timeout: 25_000 });
  return guide;
}

describe('<innovasjon-guide> in a room: the compact bar', function () {
  this.timeout(60_000);
  before(() => setViewport({ width: 1280, height: 1000 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('is accessible, closed and open', async () => {
    const guide = await guideInRoom();
    await expect(guide).to.be.accessible();
    guideHarness(guide).menuToggle.click();
    await waitUntil(() => guideHarness(guide).roomMenu, 'the menu opens');
    await expect(guide).to.be.accessible();
  });

  it('holds the rare actions in its menu, not beside the names, and the first card starts within ' + FIRST_CARD_WITHIN + ' px', async () => {
    const guide = await guideInRoom();
    const ui = guideHarness(guide);
    const bar = ui.roomBar!;
    expect(ui.roomStatus!.hasAttribute('compact'), 'the status is the compact one').to.be.true;
    for (const rare of ['.remove-device', '.print', '.download-markdown', '.import', '.participant', '.show-timer']) {
      expect(ui.part(rare), `${rare} waits in the menu`).to.be.null;
    }
    expect(ui.sheetOffset, 'controls above the sheet').to.be.at.most(SHEET_WITHIN);
    const offset = ui.firstCardOffset;
    expect(offset, `the first card's top is ${offset} px below the guide's top`).to.be.at.most(FIRST_CARD_WITHIN);
    expect(bar.getBoundingClientRect().height, 'the bar is one line').to.be.below(80);

    ui.menuToggle.click();
    await waitUntil(() => ui.roomMenu, 'the menu opens');
    for (const rare of ['.remove-device', '.print', '.download-markdown', '.import', '.participant input', '.show-timer']) {
      expect(ui.part(`#room-menu ${rare}`), `${rare} is in the menu`).to.exist;
    }
  });

  it('opens and closes its menu from the keyboard: Enter opens, Escape closes and gives focus back', async () => {
    const guide = await guideInRoom();
    const ui = guideHarness(guide);
    const toggle = ui.menuToggle;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getAttribute('aria-controls')).to.equal('room-menu');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui.roomMenu, 'Enter opens the menu');
    expect(ui.menuToggle.getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => ui.focused?.closest('#room-menu'), 'focus moves into the menu');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => ui.roomMenu === null, 'Escape closes the menu');
    await waitUntil(() => ui.focused === ui.menuToggle, 'focus is back on «Flere valg»');
    expect(ui.menuToggle.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: ' ' });
    await waitUntil(() => ui.roomMenu, 'Space opens it too');
  });

  it('asks before «Fjern fra denne enheten», and Avbryt keeps everything', async () => {
    const guide = await guideInRoom();
    const ui = guideHarness(guide);
    ui.menuToggle.click();
    await waitUntil(() => ui.part('#room-menu .remove-device'), 'the menu offers «Fjern fra denne enheten»');
    ui.part<HTMLButtonElement>('#room-menu .remove-device')!.click();
    await waitUntil(() => ui.focused === ui.part('#room-menu .cancel-remove'), 'the question comes, focus on Avbryt');
    expect(ui.part('#room-menu #remove-question')!.textContent).to.contain('Kopien av rommet på denne enheten slettes');
    await expect(guide).to.be.accessible();
    ui.part<HTMLButtonElement>('#room-menu .cancel-remove')!.click();
    await waitUntil(() => ui.focused === ui.part('#room-menu .remove-device'), 'Avbryt gives focus back');
    expect(ui.roomStatus!.room!.removedFromDevice).to.be.false;
  });
});

describe('<innovasjon-guide> outside a room', () => {
  it('fetches no session controls until «Led økten» is pressed; pressed, the phase panel opens and focus stays on it', async () => {
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key=${uniqueKey()} step="2"></innovasjon-guide>`);
    await settled(guide);
    const ui = guideHarness(guide);
    expect(ui.roomBar).to.be.null;
    const toggle = ui.leadToggle!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui.phasePanel, 'the phase panel opens');
    expect(ui.leadToggle!.getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => ui.focused === ui.leadToggle, 'focus stays on «Led økten»');
  });
});
