import { expect, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { sendMouse, resetMouse } from '@web/test-runner-commands';
import type { InnovasjonKort } from '../src/innovasjon-kort/innovasjon-kort.component.js';
import type { RefleksjonLapp } from '../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { ShadowHarness } from './harness.js';
import { KortHarness } from './innovasjon-kort/harness.js';

/**
 * open-wc's waitUntil with room for a busy machine: it polls every 50 ms for
 * up to 10 s (open-wc's default gives up after 1 s, which a loaded 2-core
 * machine fetching a chunk can pass). Every test waits through this one.
 */
export const waitUntil = (
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> => openWcWaitUntil(predicate, message, { interval: 50, timeout: 10_000, ...options });

/**
 * Where the screen shows `elements`, once their boxes hold still for a frame.
 * Notes lay out for real only in the frame that finds them near the screen
 * (content-visibility: auto), which can move what is below them; a pointer aimed
 * at a box measured before that frame misses. `scroll` runs before every frame.
 */
export async function steadyBoxes(elements: Element[], scroll = () => {}): Promise<DOMRect[]> {
  const same = (a: DOMRect, b: DOMRect) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
  let boxes = elements.map((element) => element.getBoundingClientRect());
  for (let frame = 0; frame < 10; frame++) {
    scroll();
    await new Promise(requestAnimationFrame);
    const before = boxes;
    boxes = elements.map((element) => element.getBoundingClientRect());
    if (frame > 0 && boxes.every((box, index) => same(box, before[index]))) break;
  }
  return boxes;
}

/** What a pointer at (x, y) of `element`'s document would hit, at the bottom of all shadow roots. */
function hitAt(element: Element, x: number, y: number): Element | null {
  let hit = element.ownerDocument.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** Whether `node` is `element` or inside it, across shadow roots. */
function isWithin(node: Node | null, element: Element): boolean {
  // Not `instanceof ShadowRoot`: a page in an iframe has its own ShadowRoot class.
  for (let at = node; at; at = at.parentNode ?? ((at as Partial<ShadowRoot>).host ?? null)) if (at === element) return true;
  return false;
}

/**
 * The middle of `element`, in its own document's coordinates, once its box holds still and
 * nothing covers it there. A page that re-lays out as a chunk arrives can move a button
 * between measuring and clicking; a pointer sent then hits something else, silently.
 */
export async function clickPoint(element: Element, scroll: () => void): Promise<[number, number]> {
  let covering: Element | null = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    const [box] = await steadyBoxes([element], scroll);
    if (!element.isConnected) throw new Error(`Cannot click <${element.localName}>: it left the page`);
    if (box.width === 0 || box.height === 0) throw new Error(`Cannot click an invisible <${element.localName}>`);
    const point: [number, number] = [box.x + box.width / 2, box.y + box.height / 2];
    covering = hitAt(element, ...point);
    if (isWithin(covering, element)) return point;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Cannot click <${element.localName}>: ${nameOf(covering)} is where it shows`);
}

/** A real mouse click in the middle of `element`, as a person would make it. */
export async function click(element: Element): Promise<void> {
  const [x, y] = await clickPoint(element, () => element.scrollIntoView({ block: 'center', inline: 'center' }));
  await sendMouse({ type: 'click', position: [Math.round(x), Math.round(y)] });
  await resetMouse();
}

/** The element focused at the bottom of all shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const nameOf = (element: Element | null) =>
  element ? `<${element.localName}${element.className ? `.${String(element.className).replace(/\s+/g, '.')}` : ''}>` : 'nothing';

/**
 * Asserts where keyboard focus is. Elements are never handed to chai: when an
 * assertion holding a DOM node fails, the runner cannot copy it into its report
 * and hangs instead (modernweb-dev/web#2967), so the message carries names.
 */
export function expectFocusOn(expected: Element | null | undefined, what = ''): void {
  const actual = deepActiveElement();
  expect(actual === expected, `${what ? `${what}: ` : ''}focus is on ${nameOf(actual)}, not on ${nameOf(expected ?? null)}`).to.be.true;
}

/** The error `operation` throws; fails the test if it throws nothing. */
export function thrownBy(operation: () => unknown): unknown {
  try {
    operation();
  } catch (error) {
    return error;
  }
  return expect.fail('did not throw');
}

/**
 * Every element of the composed tree below `root` (shadow roots included),
 * `root` first, then each element's light children before its shadow root's.
 * The one place tests walk shadow roots; harnesses ask through it or their own host's root.
 */
export function composedElements(root: Element): Element[] {
  const found: Element[] = [];
  const walk = (node: Element) => {
    found.push(node);
    for (const child of [...node.children, ...(node.shadowRoot ? [...node.shadowRoot.children] : [])]) walk(child);
  };
  walk(root);
  return found;
}

/** Every element matching `selector` in `root`'s composed tree (the page's body by default). */
export const deepQueryAll = <T extends Element>(selector: string, root: Element = document.body): T[] =>
  composedElements(root).filter((element): element is T => element.matches(selector));

/**
 * The first match for `selector` in `root`'s composed tree, or null, searched
 * breadth-first: `root`'s own rendering first, then each shadow root found in it.
 */
export function deepQuery<T extends Element = Element>(selector: string, root: Element = document.body): T | null {
  const scopes: ParentNode[] = [root.shadowRoot ?? root];
  while (scopes.length) {
    const scope = scopes.shift()!;
    const hit = scope.querySelector<T>(selector);
    if (hit) return hit;
    for (const element of scope.querySelectorAll('*')) if (element.shadowRoot) scopes.push(element.shadowRoot);
  }
  return null;
}

/**
 * An element's shadow root, for walks over the whole composed tree that are
 * about no one element (every string a person reads, the focus order). A
 * part of an element: ask its harness.
 */
export const shadowRootOf = (element: Element): ShadowRoot | null => element.shadowRoot;

/** Every shadow root in `root`'s composed tree. */
export const shadowRootsIn = (root: Element): ShadowRoot[] =>
  composedElements(root).flatMap((element) => (element.shadowRoot ? [element.shadowRoot] : []));

/** Whether any element of `root`'s composed tree, or of the document or shadow root `root`, is an `<img>`. */
export const containsImage = (root: Element | Document | ShadowRoot): boolean =>
  [...root.querySelectorAll('*')].some((element) => element.localName === 'img' || (element.shadowRoot ? containsImage(element.shadowRoot) : false));

/**
 * Every control a keyboard reaches below `root`, in the order of the flat tree:
 * a shadow host's own shadow root instead of its light children (slots are not followed).
 */
export function focusablesInOrder(root: Element): Element[] {
  const found: Element[] = [];
  const selector = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';
  const walk = (node: Element) => {
    if (node.matches(selector) && !(node as HTMLButtonElement).disabled && node.getClientRects().length) found.push(node);
    const children = node.shadowRoot ? [...node.shadowRoot.children] : [...node.children];
    for (const child of children) walk(child);
  };
  walk(root);
  return found;
}

/** Whether a custom element has rendered (has its shadow root): a page in an iframe upgrades its elements later. */
export const hasRendered = (element: Element | null | undefined): boolean => !!element?.shadowRoot;

/** Every question card inside a guide or a step, at any depth. */
export const cardsIn = (root: Element): InnovasjonKort[] => deepQueryAll<InnovasjonKort>('innovasjon-kort', root);

export function cardIn(root: Element, cardId: string): InnovasjonKort {
  const card = cardsIn(root).find((each) => each.card?.id === cardId);
  if (!card) throw new Error(`No card ${cardId} rendered`);
  return card;
}

/** A card's notes in the order shown, the one being written left out (KortHarness.lapps). */
export const lappsIn = (card: InnovasjonKort): RefleksjonLapp[] => new KortHarness(card).lapps;

/** A card's «Legg til lapp» (KortHarness.addButton); throws while the card takes no new notes. */
export const addButtonOf = (card: InnovasjonKort): HTMLButtonElement => {
  const add = new KortHarness(card).addButton;
  if (!add) throw new Error(`The card ${card.card?.id} shows no «Legg til lapp»`);
  return add;
};

/** All visible text of an element, its shadow roots included. */
export function deepText(root: Node): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    // By name, not instanceof: the node may come from another realm (an iframe).
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : undefined;
    if (element?.shadowRoot) walk(element.shadowRoot);
    if (element?.localName === 'template' || element?.localName === 'style') return;
    node.childNodes.forEach(walk);
  };
  walk(root);
  return text.replace(/\s+/g, ' ');
}

/** Waits until every Lit element below `root` has rendered. */
export async function settled(root: Element): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const pending: Promise<unknown>[] = [];
    const walk = (node: Element) => {
      const update = (node as Element & { updateComplete?: Promise<unknown> }).updateComplete;
      if (update) pending.push(update);
      for (const child of [...node.children, ...(node.shadowRoot ? [...node.shadowRoot.children] : [])]) walk(child);
    };
    walk(root);
    await Promise.all(pending);
  }
}

export const STORAGE_PREFIX = 'test-';
let counter = 0;
/** A storage key no other test uses. */
export const uniqueKey = () => `${STORAGE_PREFIX}${Date.now()}-${counter++}`;

/** The page's one polite live region (see src/internal/announcer.ts). */
export const liveRegion = (): HTMLElement | null => document.querySelector<HTMLElement>('[data-innovasjon-announcer]');

/** Waits until the page's live region says something containing `words`. */
export async function expectAnnounced(words: string): Promise<void> {
  await waitUntil(() => liveRegion()?.textContent?.includes(words), `the live region says «${words}» (it says «${liveRegion()?.textContent ?? ''}»)`);
  expect(liveRegion()!.getAttribute('aria-live')).to.equal('polite');
}

/** Waits for the open dialog in `host`'s shadow root (a feature's code may still be on its way) and returns it. */
export async function openDialogIn(host: Element): Promise<HTMLDialogElement> {
  const parts = new ShadowHarness(host);
  await waitUntil(() => parts.openDialog, `a dialog opens in <${host.localName}>`);
  return parts.openDialog!;
}
