// The workshop's "machines" for the live tests (issue 22): the workshop page (workshop-page.ts) in an iframe,
// each with its own storage key (its own credential and name), as another browser would have.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { waitUntil } from '../helpers.js';
import { deepMarkup, workshopHarness } from './harness.js';
import { engine, startServer, startService, stopServer, type Page, type Server } from './rooms.js';

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

/** What must never leave the credential store: the secrets a page holds. */
export function expectNoLeak(page: WorkshopPage, secrets: string[], what: string) {
  const storage = JSON.stringify({ ...page.window.localStorage }) + JSON.stringify({ ...page.window.sessionStorage });
  const room = (page.guide as unknown as { guide: { room?: { presence: unknown } } }).guide.room;
  const places = {
    DOM: deepMarkup(page.window.document),
    'the address': page.window.location.href,
    storage,
    'a WebSocket address': page.window.sockets.join('\n'),
    presence: JSON.stringify(room?.presence ?? []),
    'an event': JSON.stringify(page.window.events),
  };
  for (const secret of secrets) {
    for (const [place, text] of Object.entries(places)) expect(text.includes(secret), `${what}: a secret in ${place}`).to.be.false;
  }
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

/** Joins by the API and returns why the server said no (the error's code), or 'joined'. */
export async function joinRefusal(page: WorkshopPage, linkOrCode: string, name = 'Per'): Promise<string> {
  try {
    await page.guide.joinRoom(linkOrCode, { name });
    return 'joined';
  } catch (error) {
    return (error as Error & { code?: string }).code ?? String(error);
  }
}

/** The `innovasjon-error` events a page has sent, in order. */
export const errorsOf = (page: WorkshopPage) =>
  page.window.events.filter((event) => event.type === 'innovasjon-error').map((event) => event.detail as { code: string; message: string });

/** The port of the instance a page's room connection opened on last (its sockets name the room: `?room=`). */
export const roomSocketPort = (page: WorkshopPage) => {
  const last = page.window.sockets.filter((url) => new URL(url).searchParams.has('room')).at(-1);
  return last ? Number(new URL(last).port) : undefined;
};

export interface Instances {
  /** The two instances, by the names the runner knows them by. */
  servers: Map<string, Server>;
  env: Record<string, string>;
  /** The name of their Redis and PostgreSQL (for startService/stopService). */
  services: string;
}

/**
 * Two instances of the service sharing one PostgreSQL and one Redis (real processes, `ROOM_CREATION=open`), their
 * own for `what`: tests that stop Redis or spend this address's failed code joins touch no other file's services.
 * `settings`: more of the operator's settings (server/README.md), the same on both.
 */
export async function startInstances(what: string, settings: Record<string, string> = {}): Promise<Instances> {
  const services = `${what}-${engine}`;
  const redis = await startService('redis', services);
  const postgres = await startService('postgres', services);
  const env = { REDIS_URL: redis.url, DATABASE_URL: postgres.url, ROOM_CREATION: 'open', ALLOWED_ORIGINS: location.origin, ...settings };
  const servers = new Map<string, Server>();
  for (const name of [`${what}-a-${engine}`, `${what}-b-${engine}`]) servers.set(name, await startServer(name, env));
  return { servers, env, services };
}

export const stopInstances = ({ servers }: Instances) => Promise.all([...servers.keys()].map((name) => stopServer(name)));

/** The figures of the server README's "Join codes: the arithmetic" table, read as server/test/workshop.test.mjs reads them. */
export async function readmeFigures() {
  const readme = await (await fetch('/server/README.md')).text();
  const section = readme.split('### Join codes: the arithmetic')[1]?.split('\n### ')[0];
  if (!section) throw new Error('server/README.md has no section "Join codes: the arithmetic"');
  const figure = (name: string) => {
    const match = new RegExp(`\\| ${name} \\| ([0-9.,e⁻ ×^-]+) \\|`).exec(section);
    if (!match) throw new Error(`server/README.md names no «${name}»`);
    return Number(match[1].replace(/,/g, '').replace(/ /g, ''));
  };
  return { failuresPerAddress: figure('failures per address per hour'), failuresTotal: figure('failures in total per hour') };
}

/** Types a code (and a name, when the field is empty) into «Bli med med kode» with the keyboard, and presses Enter. */
export async function typeCode(page: WorkshopPage, code: string, name = 'Per') {
  const codeField = await found<HTMLInputElement>(page, '.workshop-join input[name=code]', 'the page offers «Bli med med kode»');
  codeField.value = '';
  await typeInto(page, codeField, code);
  const nameField = inGuide<HTMLInputElement>(page, '.workshop-join input[name=name]')!;
  if (!nameField.value) await typeInto(page, nameField, name);
  await sendKeys({ press: 'Enter' });
}

/** Opens an invitation link on another machine, types the name the page asks for and joins, as a person does. */
export async function joinByLink(server: Server, link: string, name: string, options: { urls?: Server[] } = {}) {
  const page = await openMachine(server, { address: link, ...options });
  await typeInto(page, await found<HTMLInputElement>(page, '.workshop-name input[name=name]', 'the page asks for the name'), name);
  await sendKeys({ press: 'Enter' });
  return page;
}
