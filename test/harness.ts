/**
 * What every element harness shares. A harness is the one file that knows an
 * element's markup: tests ask it for what a person sees and does ("the add
 * button", "the phase line", "type a note"), so a change of markup touches one
 * file. Only harnesses and test/helpers.ts open shadow roots
 * (scripts/check-test-shadow-roots.mjs fails the tests otherwise).
 *
 * Conventions: a part that is always there is a getter that throws a clear
 * message when it is missing; a part that comes and goes (a dialog, a toast, a
 * form) is a getter that returns null when it is not shown, so tests can wait
 * for it or assert that it is absent.
 */
export class ShadowHarness<E extends Element = Element> {
  constructor(readonly host: E) {}

  /** The element's own shadow root (open in every element of this library). */
  protected get root(): ShadowRoot {
    const root = this.host.shadowRoot;
    if (!root) throw new Error(`<${this.host.localName}> has not rendered (no shadow root)`);
    return root;
  }

  /** The part matching `selector`, or an error naming `what` is missing. */
  protected one<T extends Element = HTMLElement>(selector: string, what = selector): T {
    const found = this.root.querySelector<T>(selector);
    if (!found) throw new Error(`No ${what} in <${this.host.localName}>`);
    return found;
  }

  /** The part matching `selector`, or null when it is not shown. */
  protected maybe<T extends Element = HTMLElement>(selector: string): T | null {
    return this.host.shadowRoot?.querySelector<T>(selector) ?? null;
  }

  protected all<T extends Element = HTMLElement>(selector: string): T[] {
    return [...(this.host.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
  }

  /**
   * Whether the element's own rendering holds anything matching `selector`:
   * for checks that text full of markup made no element (`img, script, b`)
   * and that a read-only element offers no control (`button, textarea`).
   */
  renders(selector: string): boolean {
    return this.maybe(selector) !== null;
  }

  /** The text the element itself renders (its shadow root's text, nested elements' shadow roots left out). */
  get renderedText(): string {
    return this.host.shadowRoot?.textContent ?? '';
  }

  /**
   * Where the element's own CSS applies (its shadow root), to resolve a private
   * token (`--_*`) that is defined only there. Not for finding parts.
   */
  get styleScope(): ShadowRoot {
    return this.root;
  }

  /** The element's open dialog, or null. */
  get openDialog(): HTMLDialogElement | null {
    return this.maybe<HTMLDialogElement>('dialog[open]');
  }

  /** The focused element inside this element's own shadow root, if any. */
  get focused(): Element | null {
    return this.host.shadowRoot?.activeElement ?? null;
  }

  /** The element that `element`'s `aria-describedby` points at, in this element's shadow root. */
  descriptionOf(element: Element): HTMLElement {
    const id = element.getAttribute('aria-describedby');
    if (!id) throw new Error(`<${element.localName}> has no aria-describedby`);
    return this.one(`[id="${id.split(/\s+/)[0]}"]`, `description #${id}`);
  }

  /** The element that `element`'s `aria-labelledby` points at, in this element's shadow root. */
  labelOf(element: Element): HTMLElement {
    const id = element.getAttribute('aria-labelledby');
    if (!id) throw new Error(`<${element.localName}> has no aria-labelledby`);
    return this.one(`[id="${id.split(/\s+/)[0]}"]`, `label #${id}`);
  }
}

/** Text with its runs of white space squeezed to one space, trimmed. */
export const squeezed = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
