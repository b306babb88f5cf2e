// What the live-room tests share: servers started by the test runner (scripts/wtr-collab-server.mjs),
// tokens, and "other machines" as iframes, each with its own modules and connection.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { executeServerCommand, resetMouse, sendMouse } from '@web/test-runner-commands';
import * as Y from 'yjs';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { ConnectionStatus } from '../../src/collab/room-connection.js';
import type { GuideDocument } from '../../src/store/types.js';
import { clickPoint, steadyBoxes, waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { kortHarness } from '../innovasjon-kort/harness.js';
import { RomStatusHarness } from '../innovasjon-rom-status/harness.js';

/** This browser's engine: the browsers run side by side, so each has its own servers and services. */
export const engine = /firefox/i.test(navigator.userAgent) ? 'firefox' : 'chromium';
/** The server a test file uses unless it names one: one per engine, as tests stop and kill it. */
const DEFAULT = `default-${engine}`;

export interface Server {
  url: string;
  port: number;
}

/** Starts (or starts again, on its port) the server called `name`; `env` e.g. `{REDIS_URL, DATABASE_URL}`. */
export const startServer = (name = DEFAULT, env: Record<string, string> = {}): Promise<Server> =>
  executeServerCommand('collab-server', { action: 'start', name, env }) as Promise<Server>;
export const stopServer = (name = DEFAULT): Promise<unknown> => executeServerCommand('collab-server', { action: 'stop', name });
/** Writes a Yjs update into a stopped server's stored room, as a newer server would have stored it. */
export const storeIntoRoom = (room: string, update: Uint8Array, name = DEFAULT): Promise<unknown> =>
  executeServerCommand('collab-server', { action: 'store', name, room, update: btoa(String.fromCharCode(...update)) });
/** The HTTP status of a server's `/ready`: 200, or 503 while its storage or Redis is away (0: not listening). */
export const serverReady = (name = DEFAULT) => executeServerCommand('collab-server', { action: 'ready', name }) as Promise<number>;
/**
 * Which of `secrets` reached anything the server wrote (over all its starts), as their indexes: `[]` when none.
 * Each secret is looked for whole and by its parts of 8 characters or more (a token's header, claims and signature).
 */
export async function secretsInLog(secrets: string[], name = DEFAULT): Promise<number[]> {
  const pieces = secrets.map((secret) => [secret, ...secret.split(/[.~]/).filter((part) => part.length >= 8)]);
  const found = (await executeServerCommand('collab-server', { action: 'log-has', name, secrets: pieces.flat() })) as number[];
  const owners = pieces.flatMap((each, index) => each.map(() => index));
  return [...new Set(found.map((index) => owners[index]))].sort((x, y) => x - y);
}
export const killServer = (name = DEFAULT): Promise<unknown> => executeServerCommand('collab-server', { action: 'kill9', name });
/** Debian's Redis or PostgreSQL on a free loopback port, for several instances; started again on the same port. */
export const startService = (kind: 'redis' | 'postgres', name = engine) =>
  executeServerCommand('collab-service', { action: 'start', kind, name }) as Promise<{ url: string }>;
export const stopService = (kind: 'redis' | 'postgres', name = engine) => executeServerCommand('collab-service', { action: 'stop', kind, name });
export const roomsCommand = (args: string[], name = DEFAULT) =>
  executeServerCommand('collab-server', { action: 'rooms', name, args }) as Promise<{ code: number; stdout: string }>;

export const token = (room: string, name = 'Test', extra: { sub?: string; role?: 'facilitator'; expiresIn?: number; secret?: string } = {}) =>
  executeServerCommand('collab-token', { room, name, ...extra }) as Promise<string>;

let counter = 0;
/** A room name no other test uses. */
export const freshRoom = (what = 'room') => `${what}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export interface Page {
  frame: HTMLIFrameElement;
  guide: InnovasjonGuide;
  window: Window & { guide: InnovasjonGuide; events: { type: string; detail: unknown }[]; sent: string[] };
  /** Loads the page again, as a person pressing F5 would. */
  reload(): Promise<void>;
  close(): void;
}

const pages = new Set<Page>();

/** Opens the guide in the room in an iframe (its own realm: its own store and connection). */
export async function openPage(options: {
  url: string;
  urls?: string[];
  room: string;
  token: string;
  key?: string;
  step?: number;
  /** How far off this device's clock is, in milliseconds. */
  skew?: number;
}): Promise<Page> {
  const frame = document.createElement('iframe');
  const query = new URLSearchParams({ url: options.url, room: options.room, token: options.token, key: options.key ?? options.room, step: String(options.step ?? 1) });
  if (options.skew) query.set('skew', String(options.skew));
  if (options.urls) query.set('urls', JSON.stringify(options.urls));
  frame.src = `/test/collab-live/page.html?${query}`;
  frame.width = '900';
  frame.height = '700';
  frame.style.border = '0';
  const page = {
    frame,
    get window() {
      return frame.contentWindow as Page['window'];
    },
    get guide() {
      return (frame.contentWindow as Page['window']).guide;
    },
    async reload() {
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.contentWindow!.location.reload();
      await loaded;
      await waitUntil(() => (frame.contentWindow as Partial<Page['window']>)?.guide?.isConnected, 'the reloaded page shows its guide', { timeout: 30_000 });
    },
    close() {
      frame.remove();
      pages.delete(page);
    },
  } as Page;
  pages.add(page);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  await waitUntil(() => (frame.contentWindow as Partial<Page['window']>)?.guide?.isConnected, 'the page shows its guide', { timeout: 30_000 });
  return page;
}

export function closeAllPages(): void {
  for (const page of [...pages]) page.close();
}

/** The connection status the guide's status line shows (data-status on its `<innovasjon-rom-status>`). */
export function shownStatus(guide: InnovasjonGuide): ConnectionStatus | undefined {
  const status = guideHarness(guide).roomStatus;
  return status ? new RomStatusHarness(status).status : undefined;
}

export const waitForStatus = (guide: InnovasjonGuide, status: ConnectionStatus, timeout = 30_000) =>
  waitUntil(() => shownStatus(guide) === status, `the guide shows the status ${status} (it shows ${shownStatus(guide)})`, { timeout });

/** The document as two pages should agree on it: every note in its place on its card, every action, every deletion. */
export const comparable = (document: GuideDocument) =>
  JSON.stringify({
    // Each card's notes in their order; the cards in id order.
    notes: [...document.notes.reduce((cards, note) => cards.set(note.cardId, [...(cards.get(note.cardId) ?? []), note]), new Map<string, unknown[]>())].sort(
      ([a], [b]) => (a < b ? -1 : 1),
    ),
    actions: [...document.actions].sort((a, b) => (a.id < b.id ? -1 : 1)),
    deleted: [...document.deleted].sort((a, b) => (a.id < b.id ? -1 : 1)),
  });

export async function waitForSameDocument(a: InnovasjonGuide, b: InnovasjonGuide, what = 'both pages hold the same document', timeout = 30_000) {
  try {
    await waitUntil(() => comparable(a.data) === comparable(b.data), what, { timeout });
  } catch (error) {
    // Says what each page holds, so that a failure shows which side misses what.
    const texts = (guide: InnovasjonGuide) => JSON.stringify(guide.data.notes.map((note) => note.text).sort());
    throw new Error(`${(error as Error).message}; the first page's notes: ${texts(a)}, the second's: ${texts(b)}`);
  }
}

/** A real mouse click on an element inside a page's iframe, as a person would make it. */
export async function clickIn(page: Page, element: Element): Promise<void> {
  const scroll = () => {
    page.frame.scrollIntoView({ block: 'start' });
    element.scrollIntoView({ block: 'center', inline: 'center' });
  };
  const [x, y] = await clickPoint(element, scroll);
  const [frameBox] = await steadyBoxes([page.frame], scroll);
  await sendMouse({ type: 'click', position: [Math.round(frameBox.x + x), Math.round(frameBox.y + y)] });
  await resetMouse();
}

/** A page's room status line (its `<innovasjon-rom-status>`), as a harness; throws while the guide shows none. */
export function roomStatusOf(page: Page): RomStatusHarness {
  const status = guideHarness(page.guide).roomStatus;
  if (!status) throw new Error('The page shows no room status');
  return new RomStatusHarness(status);
}

/** A raw Yjs client in the room, writing whatever it likes (a rogue or broken client). */
export async function rawClient(server: Server, room: string) {
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ url: server.url, name: room, document: doc, token: await token(room, 'Rogue') });
  await waitUntil(() => provider.isSynced, 'the raw client is in the room', { timeout: 30_000 });
  return { doc, provider };
}

/** The sheet's `<innovasjon-trinn>` in a page's guide. */
export const trinnOf = (page: Page) => guideHarness(page.guide).trinn;
/** The step on a page's sheet, as a harness. */
export const sheetOf = (page: Page) => guideHarness(page.guide).sheet;
/** The `<innovasjon-kort>` for a card on the page's sheet. */
export const cardOf = (page: Page, id: string) => sheetOf(page).card(id)!;
/** The notes a card shows as written hidden (on this device only). */
export const hiddenLapps = (page: Page, cardId: string) => kortHarness(cardOf(page, cardId)).hiddenLapps;
/** Every frame a page has sent since it loaded, as text. */
export const sentText = (page: Page) => page.window.sent.join('\n');
/** What the page's polite live region says now. */
export const announced = (page: Page) => page.frame.contentDocument?.querySelector('[data-innovasjon-announcer]')?.textContent ?? '';

/** Writes a note on a card as a keyboard user does: «Legg til lapp» with Enter, the text, Enter. */
export async function writeNote(page: Page, cardId: string, text: string) {
  // From the keyboard: a pointer aimed across frames may miss while another frame scrolls the page.
  page.frame.focus();
  await kortHarness(cardOf(page, cardId)).writeNote(text);
}
