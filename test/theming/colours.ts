// What a person sees, in numbers: any CSS colour as sRGB, WCAG contrast, and
// Designsystemet's themes loaded from node_modules as a page would load them.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { addButtonOf, cardIn, lappsIn } from '../helpers.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';

const pixel = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;

/**
 * A computed colour as [r, g, b, a] (0-255, a 0-1). Computed styles come as
 * rgb(), color(srgb …) from color-mix() or oklch() from relative colours: the
 * canvas reads them all the way a screen shows them.
 */
export function rgba(color: string): [number, number, number, number] {
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = '#000';
  pixel.fillStyle = color;
  pixel.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

/** `#rrggbb` of a computed colour, for equality checks that read well in a failure. */
export const hex = (color: string) =>
  `#${rgba(color)
    .slice(0, 3)
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;

function luminance(color: string): number {
  const [r, g, b] = rgba(color)
    .slice(0, 3)
    .map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

/** What a `--ds-*` token (or any colour expression) resolves to at `scope`, as `#rrggbb`. */
export function tokenAt(scope: Element | ShadowRoot, expression: string): string {
  const probe = document.createElement('span');
  probe.style.color = expression;
  scope.append(probe);
  try {
    return hex(getComputedStyle(probe).color);
  } finally {
    probe.remove();
  }
}

export const THEMES = ['digdir', 'altinn'] as const;
export type ThemeName = (typeof THEMES)[number];

/** Designsystemet's component CSS (body and [data-color-scheme] backgrounds) and one brand theme, as <link>s. */
export async function loadDesignsystemet(theme: ThemeName): Promise<() => void> {
  const links = [
    '/node_modules/@digdir/designsystemet-css/dist/src/index.css',
    `/node_modules/@digdir/designsystemet-theme/brand/${theme}.css`,
  ].map((href) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset.designsystemet = theme;
    return link;
  });
  await Promise.all(
    links.map(
      (link) =>
        new Promise<void>((resolve, reject) => {
          link.onload = () => resolve();
          link.onerror = () => reject(new Error(`${link.href} did not load`));
          document.head.append(link);
        }),
    ),
  );
  return () => links.forEach((link) => link.remove());
}

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange'] as const;

/** One note in each colour on step 1's first card, with an author so the meta line shows. */
export function addNotesInEveryColour(guide: InnovasjonGuide): void {
  for (const color of NOTE_COLORS) guide.addNote('t1-mal', color, { color, author: 'Kari' });
}

/** Text at 4.5:1 on every note, on the current step, on cards (headings, prompts) and in the note menu; the focus ring at 3:1. */
export async function expectReadable(guide: InnovasjonGuide, what: string): Promise<void> {
  const card = cardIn(guide, 't1-mal');
  const cardBox = getComputedStyle(kortHarness(card).box);
  for (const lapp of lappsIn(card)) {
    const note = getComputedStyle(harness(lapp).note);
    expect(contrast(note.color, note.backgroundColor), `${what}: ${lapp.color} note`).to.be.at.least(4.5);
    const meta = getComputedStyle(harness(lapp).meta);
    expect(contrast(meta.color, note.backgroundColor), `${what}: ${lapp.color} meta line`).to.be.at.least(4.5);
  }
  const current = getComputedStyle(guideHarness(guide).currentStepButton);
  expect(contrast(current.color, current.backgroundColor), `${what}: current step`).to.be.at.least(4.5);
  expect(contrast(cardBox.color, cardBox.backgroundColor), `${what}: card text`).to.be.at.least(4.5);
  const question = getComputedStyle(kortHarness(card).question);
  expect(contrast(question.color, cardBox.backgroundColor), `${what}: card question`).to.be.at.least(4.5);
  const prompts = getComputedStyle(kortHarness(card).promptList);
  expect(contrast(prompts.color, cardBox.backgroundColor), `${what}: prompts`).to.be.at.least(4.5);
  const add = addButtonOf(card);
  add.focus();
  expect(contrast(getComputedStyle(add).outlineColor, cardBox.backgroundColor), `${what}: focus ring`).to.be.at.least(3);
  add.blur();
  const lapp = harness(lappsIn(card)[0]);
  await lapp.openMenu();
  const menu = getComputedStyle(lapp.menu!);
  for (const item of lapp.items) {
    expect(contrast(getComputedStyle(item).color, menu.backgroundColor), `${what}: menu item ${item.textContent}`).to.be.at.least(4.5);
  }
  await expect(guide, `${what}, menu open`).to.be.accessible();
  await sendKeys({ press: 'Escape' });
}
