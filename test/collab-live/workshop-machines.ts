// The workshop's "machines" for the live tests (issue 22): the workshop page (workshop-page.ts) in an iframe,
// each with its own storage key (its own credential and name), as another browser would have.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { waitUntil } from '../helpers.js';
import { workshopHarness } from './harness.js';
import type { Page, Server } from './rooms.js';

export type WorkshopWindow = Window & {
  guide: InnovasjonGuide;
  events: { type: string; detail: unknown }[];
  sent: string[];
  sockets: string[];
  hashes: string[];
  violations(element: Element): Promise<string[]>;
};
export type WorkshopPage = Page & { window: WorkshopWindow; key: string };

export const opened = new Set<WorkshopPage>();
let counter = 0;

/**
 * Opens the workshop page as another machine: `address` is a link someone shared, else the page itself. With
 * `urls`, the page names several instances (`collabUrls`); a link opened on another instance names `server`.
 * `width` × `height` is the machine's screen (a phone: 360 × 640).
 */
export async function openMachine(
  server: Server,
  {
    address,
    key = `verksted-${Date.now().toString(36)}-${counter++}`,
    urls,
    width = 1000,
    height = 800,
  }: { address?: string; key?: string; urls?: Server[]; width?: number; height?: number } = {},
) {
  const url = new URL(address ?? '/test/collab-live/workshop-page.html', location.href);
  // Another machine: the same page, its own storage and server (the link keeps the facilitator's query otherwise).
  url.searchParams.set('key', key);
  url.searchParams.set('url', server.url);
  if (urls) url.searchParams.set('urls', JSON.stringify(urls.map((each) => each.url)));
  else url.searchParams.delete('urls');
  const frame = document.createElement('iframe');
  frame.src = url.href;
  frame.width = String(width);
  frame.height = String(height);
  const page = {
    frame,
    key,
    get window() {
      return frame.contentWindow as WorkshopWindow;
    },
    get guide() {
      return (frame.contentWindow as WorkshopWindow).guide;
    },
    async reload() {
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.contentWindow!.location.reload();
      await loaded;
      await waitUntil(() => (frame.contentWindow as Partial<WorkshopWindow>)?.guide?.isConnected, 'the reloaded page shows its guide', { timeout: 30_000 });
    },
    close() {
      frame.remove();
      opened.delete(page);
    },
  } as WorkshopPage;
  opened.add(page);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  await waitUntil(() => (frame.contentWindow as Partial<WorkshopWindow>)?.guide?.isConnected, 'the page shows its guide', { timeout: 30_000 });
  return page;
}

export const inGuide = <T extends Element>(page: Page, selector: string) => workshopHarness(page.guide).part<T>(selector);

/** Waits for an element in a page's guide and returns it. */
export async function found<T extends Element>(page: Page, selector: string, what: string): Promise<T> {
  await waitUntil(() => inGuide(page, selector), what, { timeout: 30_000 });
  return inGuide<T>(page, selector)!;
}

/** axe-core finds nothing wrong with the page's whole guide (run in the page's own frame). */
export async function expectAccessible(page: WorkshopPage) {
  expect(await page.window.violations(page.guide)).to.deep.equal([]);
}

/** Presses a control with the keyboard alone: focus, then Enter. */
export async function pressWithKeyboard(page: Page, element: HTMLElement, what: string) {
  page.frame.focus();
  element.focus();
  await waitUntil(() => workshopHarness(page.guide).focused === element, `${what} has focus`);
  await sendKeys({ press: 'Enter' });
}

export async function typeInto(page: Page, input: HTMLInputElement, text: string) {
  page.frame.focus();
  input.focus();
  await waitUntil(() => workshopHarness(page.guide).focused === input, 'the field has focus');
  await sendKeys({ type: text });
}

