import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { addButtonOf, cardIn, lappsIn, settled } from '../helpers.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';
import { addNotesInEveryColour, contrast, expectReadable, hex, tokenAt } from './colours.js';

// emulateMedia drives the Chrome DevTools Protocol, which Firefox over WebDriver BiDi does not have.
const chromiumOnly = navigator.userAgent.includes('Firefox') ? it.skip : it;

/** The light defaults as the README's Theming table gives them (and as they were before the dark scheme). */
const TODAY = {
  text: '#1d1d1b',
  subtle: '#4d4d4d',
  surface: '#ffffff',
  accent: '#00558c',
  onAccent: '#ffffff',
  focus: '#101820',
  eyebrow: '#00558c',
  radius: '8px',
  papers: ['#fff1a8', '#ffd7e4', '#d4e8ff', '#d6f2cf', '#ffdcb5'],
  ink: '#1d1d1b',
  toast: '#1d1d1b',
};

/** The colours a person sees on step 1 with a note in each colour. */
function seen(guide: InnovasjonGuide) {
  const card = cardIn(guide, 't1-mal');
  const box = getComputedStyle(kortHarness(card).box);
  const current = getComputedStyle(guideHarness(guide).currentStepButton);
  const add = addButtonOf(card);
  add.focus();
  const focus = hex(getComputedStyle(add).outlineColor);
  add.blur();
  const trinn = guideHarness(guide).sheet;
  return {
    text: hex(box.color),
    subtle: hex(getComputedStyle(kortHarness(card).promptList).color),
    surface: hex(box.backgroundColor),
    accent: hex(current.backgroundColor),
    onAccent: hex(current.color),
    focus,
    eyebrow: hex(getComputedStyle(trinn.eyebrow).color),
    radius: box.borderTopLeftRadius,
    papers: lappsIn(card).map((lapp) => hex(getComputedStyle(harness(lapp).note).backgroundColor)),
    ink: hex(getComputedStyle(harness(lappsIn(card)[0]).note).color),
    toast: tokenAt(guideHarness(guide).styleScope, 'var(--_inverse)'),
  };
}

async function guideOnStep1(template = html`<innovasjon-guide no-storage step="1"></innovasjon-guide>`) {
  const holder = await fixture<HTMLElement>(html`<div>${template}</div>`);
  const guide = holder.querySelector('innovasjon-guide')!;
  addNotesInEveryColour(guide);
  await settled(guide);
  return guide;
}

describe('the colour scheme, on a page without Designsystemet', function () {
  this.timeout(20_000); // whole guides and axe: up to 9 s on a busy 2-core machine
  afterEach(() => {
    document.documentElement.style.removeProperty('color-scheme');
  });

  it('shows the colours it always had, font inherited from the page', async () => {
    const guide = await guideOnStep1();
    expect(seen(guide)).to.deep.equal(TODAY);
    expect(getComputedStyle(guide).fontFamily).to.equal(getComputedStyle(document.body).fontFamily);
    expect(getComputedStyle(guide).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(getComputedStyle(guide).colorScheme).to.equal('light');
  });

  it('stays light on a page that only declares color-scheme: dark (it asked nothing of the guide)', async () => {
    document.documentElement.style.setProperty('color-scheme', 'dark');
    const guide = await guideOnStep1();
    expect(seen(guide)).to.deep.equal(TODAY);
    expect(getComputedStyle(guide).colorScheme).to.equal('light');
  });

  it('turns dark with color-scheme="dark": its own background, readable cards, notes and menu, notes still named', async () => {
    const guide = await guideOnStep1(html`<innovasjon-guide no-storage step="1" color-scheme="dark"></innovasjon-guide>`);
    expect(guide.colorScheme).to.equal('dark');
    expect(getComputedStyle(guide).colorScheme).to.equal('dark');
    const dark = seen(guide);
    expect(dark.surface).not.to.equal(TODAY.surface);
    expect(new Set(dark.papers).size, 'five different papers').to.equal(5);
    for (const paper of dark.papers) expect(TODAY.papers).not.to.include(paper);
    const canvas = getComputedStyle(guide).backgroundColor;
    expect(contrast(getComputedStyle(guide).color, canvas), 'text on the guide’s own background').to.be.at.least(4.5);
    await expectReadable(guide, 'color-scheme=dark');
    await expect(guide).to.be.accessible();
    // The colours keep their names in the menu, each beside its swatch.
    const lapp = harness(lappsIn(cardIn(guide, 't1-mal'))[0]);
    await lapp.openMenu();
    expect(lapp.itemNames).to.include.members(['gul', 'rosa', 'blå', 'grønn', 'oransje']);
    const swatches = [...lapp.menu!.querySelectorAll('.swatch')].map((swatch) => hex(getComputedStyle(swatch).backgroundColor));
    expect(swatches).to.deep.equal(dark.papers);
  });

  it('passes the scheme to every element inside, and a lone step takes the attribute too', async () => {
    const trinn = await fixture<InnovasjonTrinn>(html`<innovasjon-trinn no-storage number="1" color-scheme="dark"></innovasjon-trinn>`);
    trinn.addNote('t1-mal', 'Mørk', { color: 'blue', author: 'Kari' });
    await settled(trinn);
    const lapp = lappsIn(cardIn(trinn, 't1-mal'))[0];
    expect(getComputedStyle(lapp).colorScheme).to.equal('dark');
    const note = getComputedStyle(harness(lapp).note);
    expect(contrast(note.color, note.backgroundColor)).to.be.at.least(4.5);
    await expect(trinn).to.be.accessible();
  });

  it('takes --innovasjon-color-scheme from the page, for a page with a dark mode of its own', async () => {
    const guide = await guideOnStep1();
    guide.parentElement!.style.setProperty('--innovasjon-color-scheme', 'dark');
    expect(getComputedStyle(guide).colorScheme).to.equal('dark');
    expect(seen(guide).surface).not.to.equal(TODAY.surface);
  });

  chromiumOnly('follows the device with color-scheme="auto" (prefers-color-scheme, emulated)', async () => {
    try {
      await emulateMedia({ colorScheme: 'dark' });
      const guide = await guideOnStep1(html`<innovasjon-guide no-storage step="1" color-scheme="auto"></innovasjon-guide>`);
      const dark = seen(guide);
      expect(dark.surface).not.to.equal(TODAY.surface);
      expect(dark.papers).not.to.deep.equal(TODAY.papers);
      await expectReadable(guide, 'auto, device dark');
      await expect(guide).to.be.accessible();
      await emulateMedia({ colorScheme: 'light' });
      expect(seen(guide)).to.deep.equal(TODAY);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  chromiumOnly('without the attribute, a device in dark mode changes nothing', async () => {
    try {
      await emulateMedia({ colorScheme: 'dark' });
      const guide = await guideOnStep1();
      expect(seen(guide)).to.deep.equal(TODAY);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  chromiumOnly('prints light from a dark guide', async () => {
    const guide = await guideOnStep1(html`<innovasjon-guide no-storage step="1" color-scheme="dark"></innovasjon-guide>`);
    try {
      await emulateMedia({ media: 'print' });
      const card = cardIn(guide, 't1-mal');
      expect(hex(getComputedStyle(kortHarness(card).box).backgroundColor)).to.equal('#ffffff');
      expect(lappsIn(card).map((lapp) => hex(getComputedStyle(harness(lapp).note).backgroundColor))).to.deep.equal(TODAY.papers);
      expect(hex(getComputedStyle(guide).backgroundColor), 'its own background, light').to.equal('#ffffff');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });
});
