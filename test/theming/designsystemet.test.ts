import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-rom-status/innovasjon-rom-status.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonRomStatus } from '../../src/innovasjon-rom-status/innovasjon-rom-status.js';
import { cardIn, lappsIn, openDialogIn, settled } from '../helpers.js';
import { romStatusHarness } from '../innovasjon-rom-status/harness.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { FakeRoom } from '../innovasjon-rom-status/fake-room.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { addNotesInEveryColour, contrast, expectReadable, hex, loadDesignsystemet, THEMES, tokenAt } from './colours.js';

// emulateMedia drives the Chrome DevTools Protocol, which Firefox over WebDriver BiDi does not have.
const chromiumOnly = navigator.userAgent.includes('Firefox') ? it.skip : it;

async function guideOnStep1() {
  const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`);
  addNotesInEveryColour(guide);
  await settled(guide);
  return guide;
}

/** The guide's colours, font, radius and focus ring are the theme's tokens, read where the guide is. */
function expectFollowsTheme(guide: InnovasjonGuide, what: string) {
  const token = (name: string) => tokenAt(guide.parentElement!, `var(${name})`);
  const current = getComputedStyle(guideHarness(guide).currentStepButton);
  expect(hex(current.backgroundColor), `${what}: accent`).to.equal(token('--ds-color-accent-base-default'));
  expect(hex(current.color), `${what}: text on the accent`).to.equal(token('--ds-color-accent-base-contrast-default'));
  const card = cardIn(guide, 't1-mal');
  const box = getComputedStyle(kortHarness(card).box);
  expect(hex(box.backgroundColor), `${what}: card surface`).to.equal(token('--ds-color-neutral-surface-default'));
  expect(hex(box.color), `${what}: text`).to.equal(token('--ds-color-neutral-text-default'));
  expect(hex(getComputedStyle(kortHarness(card).promptList).color), `${what}: subtle text`).to.equal(token('--ds-color-neutral-text-subtle'));
  const radius = getComputedStyle(document.documentElement).getPropertyValue('--ds-border-radius-lg');
  expect(radius, 'the theme has a large radius').not.to.equal('');
  const probe = document.createElement('div');
  probe.style.borderRadius = 'var(--ds-border-radius-lg)';
  guide.parentElement!.append(probe);
  expect(box.borderTopLeftRadius, `${what}: radius`).to.equal(getComputedStyle(probe).borderTopLeftRadius);
  probe.remove();
  const family = getComputedStyle(document.documentElement).getPropertyValue('--ds-font-family').trim();
  expect(getComputedStyle(guide).fontFamily, `${what}: font`).to.match(new RegExp(`^"?${family}"?,`));
  const add = kortHarness(card).addButton!;
  add.focus();
  expect(hex(getComputedStyle(add).outlineColor), `${what}: focus ring`).to.equal(token('--ds-color-focus-outer'));
  add.blur();
}

describe('on a page with Designsystemet', function () {
  this.timeout(30_000); // whole guides, menus, dialogs and axe several times over: up to 12 s on a busy 2-core machine
  let unload: (() => void) | undefined;
  afterEach(() => {
    unload?.();
    unload = undefined;
    document.documentElement.removeAttribute('data-color-scheme');
  });

  for (const theme of THEMES) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`takes the ${theme} theme's ${scheme} scheme with no --innovasjon-* property; cards, notes, menu, dialog and presentation pass axe`, async () => {
        unload = await loadDesignsystemet(theme);
        document.documentElement.setAttribute('data-color-scheme', scheme);
        const guide = await guideOnStep1();
        expect(getComputedStyle(guide).colorScheme).to.equal(scheme);
        expectFollowsTheme(guide, `${theme} ${scheme}`);
        await expectReadable(guide, `${theme} ${scheme}`);

        // The move dialog of a note.
        const card = cardIn(guide, 't1-mal');
        await harness(lappsIn(card)[1]).choose('Flytt');
        const dialog = getComputedStyle(await openDialogIn(card));
        expect(contrast(dialog.color, dialog.backgroundColor), 'dialog text').to.be.at.least(4.5);
        await expect(card).to.be.accessible();
        await sendKeys({ press: 'Escape' });

        // The presentation view, on the theme's surfaces.
        await guide.startPresentation();
        await settled(guide);
        const presented = cardIn(guide, 't1-mal');
        const surface = getComputedStyle(kortHarness(presented).box).backgroundColor;
        expect(hex(surface)).to.equal(tokenAt(guide.parentElement!, 'var(--ds-color-neutral-surface-default)'));
        const shown = kortHarness(presented);
        // The board shows the question (the prompts are hidden in the presentation).
        expect(contrast(getComputedStyle(shown.question).color, surface), 'presented .question').to.be.at.least(4.5);
        await expect(guide).to.be.accessible();
      });
    }

    it(`lists who is here readably in the ${theme} theme, light and dark`, async () => {
      unload = await loadDesignsystemet(theme);
      const room = new FakeRoom({
        presence: [
          { id: 'kari', name: 'Kari', step: 1, self: true },
          { id: 'ola', name: 'Ola', step: 2, self: false },
        ],
      });
      const status = await fixture<InnovasjonRomStatus>(html`<innovasjon-rom-status .room=${room.asRoom}></innovasjon-rom-status>`);
      for (const scheme of ['light', 'dark'] as const) {
        document.documentElement.setAttribute('data-color-scheme', scheme);
        const base = getComputedStyle(romStatusHarness(status).base);
        expect(hex(base.backgroundColor), scheme).to.equal(tokenAt(status.parentElement!, 'var(--ds-color-neutral-surface-default)'));
        for (const person of romStatusHarness(status).personElements) {
          expect(contrast(getComputedStyle(person).color, base.backgroundColor), `${scheme}: ${person.textContent}`).to.be.at.least(4.5);
        }
        await expect(status).to.be.accessible();
      }
    });
  }

  it('follows data-color-scheme on any ancestor, not only <html>, and switches live', async () => {
    unload = await loadDesignsystemet('digdir');
    const section = await fixture<HTMLElement>(html`<section data-color-scheme="dark"><innovasjon-guide no-storage step="1"></innovasjon-guide></section>`);
    const guide = section.querySelector('innovasjon-guide')!;
    addNotesInEveryColour(guide);
    await settled(guide);
    const card = () => getComputedStyle(kortHarness(cardIn(guide, 't1-mal')).box);
    const yellow = () => getComputedStyle(harness(lappsIn(cardIn(guide, 't1-mal'))[0]).note);
    expect(hex(card().backgroundColor)).to.equal(tokenAt(section, 'var(--ds-color-neutral-surface-default)'));
    const darkPaper = hex(yellow().backgroundColor);
    await expectReadable(guide, 'dark section');
    section.setAttribute('data-color-scheme', 'light');
    expect(hex(card().backgroundColor)).to.equal('#ffffff');
    expect(hex(yellow().backgroundColor)).to.equal('#fff1a8');
    expect(darkPaper).not.to.equal('#fff1a8');
  });

  it('lets explicit --innovasjon-* properties win over the theme', async () => {
    unload = await loadDesignsystemet('digdir');
    document.documentElement.setAttribute('data-color-scheme', 'dark');
    const wrapper = await fixture<HTMLDivElement>(html`<div><innovasjon-guide no-storage step="1"></innovasjon-guide></div>`);
    wrapper.style.setProperty('--innovasjon-color-accent', '#7a1f3d');
    wrapper.style.setProperty('--innovasjon-color-on-accent', '#ffffff');
    wrapper.style.setProperty('--innovasjon-color-surface', '#20262d');
    wrapper.style.setProperty('--innovasjon-radius', '2px');
    wrapper.style.setProperty('--innovasjon-font-family', 'Georgia, serif');
    wrapper.style.setProperty('--innovasjon-note-yellow', '#fbeeb8');
    const guide = wrapper.querySelector('innovasjon-guide')!;
    guide.addNote('t1-mal', 'Gul', { color: 'yellow', author: 'Kari' });
    await settled(guide);
    const current = getComputedStyle(guideHarness(guide).currentStepButton);
    expect(hex(current.backgroundColor)).to.equal('#7a1f3d');
    expect(hex(current.color)).to.equal('#ffffff');
    const box = getComputedStyle(kortHarness(cardIn(guide, 't1-mal')).box);
    expect(hex(box.backgroundColor)).to.equal('#20262d');
    expect(box.borderTopLeftRadius).to.equal('2px');
    expect(getComputedStyle(guide).fontFamily).to.equal('Georgia, serif');
    // A light paper the page chose keeps dark ink in the dark scheme.
    const note = getComputedStyle(harness(lappsIn(cardIn(guide, 't1-mal'))[0]).note);
    expect(hex(note.backgroundColor)).to.equal('#fbeeb8');
    expect(contrast(note.color, note.backgroundColor)).to.be.at.least(4.5);
  });

  chromiumOnly('follows the device under data-color-scheme="auto" (prefers-color-scheme, emulated)', async () => {
    unload = await loadDesignsystemet('digdir');
    document.documentElement.setAttribute('data-color-scheme', 'auto');
    try {
      await emulateMedia({ colorScheme: 'dark' });
      const guide = await guideOnStep1();
      expect(getComputedStyle(guide).colorScheme).to.equal('dark');
      expectFollowsTheme(guide, 'auto, device dark');
      await expectReadable(guide, 'auto, device dark');
      await emulateMedia({ colorScheme: 'light' });
      expect(getComputedStyle(guide).colorScheme).to.equal('light');
      expectFollowsTheme(guide, 'auto, device light');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  chromiumOnly('prints light from a dark page: white cards, black text, notes on their light papers', async () => {
    unload = await loadDesignsystemet('digdir');
    document.documentElement.setAttribute('data-color-scheme', 'dark');
    const guide = await guideOnStep1();
    try {
      await emulateMedia({ media: 'print' });
      const card = cardIn(guide, 't1-mal');
      const box = getComputedStyle(kortHarness(card).box);
      expect(hex(box.backgroundColor)).to.equal('#ffffff');
      expect(hex(box.color)).to.equal('#000000');
      const papers = lappsIn(card).map((lapp) => hex(getComputedStyle(harness(lapp).note).backgroundColor));
      expect(papers).to.deep.equal(['#fff1a8', '#ffd7e4', '#d4e8ff', '#d6f2cf', '#ffdcb5']);
      for (const lapp of lappsIn(card)) {
        const note = getComputedStyle(harness(lapp).note);
        expect(contrast(note.color, note.backgroundColor), lapp.color).to.be.at.least(4.5);
      }
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });
});
