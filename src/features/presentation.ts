// The presentation view's looks and fitting (issue 22): its own chunk, fetched when a person first presents,
// so a page that never presents fetches none of it. The guide, the step and the card adopt their sheet.
import { css, type CSSResult } from 'lit';

/** The type sizes (px), largest first: the board shows the largest at which it fits the screen, 24 at the least. */
const SIZES = [40, 36, 32, 30, 28, 26, 24];

export const presentationStyles: Record<'guide' | 'trinn' | 'kort', CSSResult> = {
  guide: css`
  /* The presentation view, for a projector: the board fills the screen (full screen, or the window when the
     browser refuses it), in type sized to fit it (--_present-size, set by the guide), full contrast. */
  :host([presentation]) {
    --_text-subtle: var(--_text);
    --_border-subtle: var(--_border);
    position: fixed;
    inset: 0;
    z-index: 2147483000;
    inline-size: 100%;
    block-size: 100%;
    overflow: hidden;
    background: var(--innovasjon-guide-background, var(--_canvas));
  }

  .presentation {
    box-sizing: border-box;
    block-size: 100%;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-rows: minmax(0, 1fr) auto;
    grid-template-areas: 'board share' 'credit share';
    gap: 0 1rem;
    padding: 0.4rem 0.6rem 0;
  }

  .presented {
    grid-area: board;
    min-block-size: 0;
    overflow: auto;
    /* The end button sits in the title's line. */
    --_present-bar-space: 15rem;
  }

  .presentation > .credit {
    grid-area: credit;
    margin: 0;
  }

  .presentation-bar {
    position: absolute;
    inset-block-start: 0.4rem;
    inset-inline-end: 0.6rem;
    z-index: 1;
  }

  `,
  trinn: css`
  /* The guide's presentation view: the board (title, then the cards with their notes; the intro left out) in type sized to
     fit the screen. The cards flow through columns, so a card with many notes takes several. */
  :host([presentation]) .eyebrow,
  :host([presentation]) .intro,
  :host([presentation]) innovasjon-oppfolging {
    display: none;
  }

  :host([presentation]) .title {
    margin: 0 0 0.25rem;
    padding-inline-end: var(--_present-bar-space, 0);
    font-size: calc(var(--_present-size, 24px) * 1.2);
    line-height: 1.15;
  }

  :host([presentation]) .phase {
    margin: 0 0 0.4rem;
    max-width: none;
  }

  :host([presentation]) .cards {
    display: block;
    columns: calc(var(--_present-size, 24px) * 12.5) auto;
    column-gap: 0.4rem;
  }

  `,
  kort: css`
  /* In the guide's presentation view the card is its question and its notes (no explanation or prompts), packed: the card may run on
     into the next column, a note never breaks. Every note's text is --_present-size (24 px at the least). */
  :host([presentation]) {
    margin-block-end: 0.3rem;
  }

  :host([presentation]) .card {
    display: block;
    height: auto;
    padding: 0.2rem 0.3rem;
    box-decoration-break: clone;
  }

  :host([presentation]) .explanation,
  :host([presentation]) .prompts {
    display: none;
  }

  :host([presentation]) .question {
    margin: 0 0 0.2rem;
    font-size: var(--_present-size, 24px);
    line-height: 1.15;
  }

  :host([presentation]) .notes {
    display: block;
    margin: 0;
  }

  :host([presentation]) .notes li {
    break-inside: avoid;
    margin-block-end: 0.2rem;
  }

  :host([presentation]) .notes refleksjon-lapp {
    height: auto;
    content-visibility: visible;
    font-size: var(--_present-size, 24px);
    line-height: 1.15;
  }

  :host([presentation]) refleksjon-lapp::part(note) {
    display: block;
    min-height: 0;
    padding: 0.05em 0.25em;
  }

  /* The author and the votes follow the text on its last line, in the same size. */
  :host([presentation]) refleksjon-lapp::part(text) {
    display: inline;
    padding: 0;
    line-height: inherit;
  }

  :host([presentation]) refleksjon-lapp::part(meta) {
    display: inline;
    margin-inline-start: 0.5em;
    font-size: inherit;
  }

  `,
};

/**
 * Fits the presented board (`.presented` in the guide's shadow root) to the screen: the largest type size at
 * which it shows without scrolling, set through a constructed sheet (no style attribute: strict CSP), and again
 * whenever the screen or what the board holds changes size.
 */
export class PresentationFit {
  #sheet = new CSSStyleSheet();
  #observer: ResizeObserver;
  #frame = 0;

  constructor(private readonly root: ShadowRoot) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
    // Fitted in the next frame, not inside the observer's callback: sizing the board there would resize what it observes.
    this.#observer = new ResizeObserver(() => {
      if (this.#frame) return;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.fit();
      });
    });
  }

  #size(size: number): void {
    this.#sheet.replaceSync(`:host { --_present-size: ${size}px; }`);
  }

  fit(): void {
    const board = this.root.querySelector<HTMLElement>('.presented');
    if (!board) return;
    const fits = () => board.scrollHeight <= board.clientHeight + 1 && board.scrollWidth <= board.clientWidth + 1;
    let chosen = SIZES[SIZES.length - 1];
    for (const size of SIZES) {
      this.#size(size);
      if (fits()) {
        chosen = size;
        break;
      }
    }
    this.#size(chosen);
  }

  /** Follows the board shown now (and the step inside it, which grows as notes arrive); none: stops. */
  follow(): void {
    this.#observer.disconnect();
    const board = this.root.querySelector<HTMLElement>('.presented');
    if (!board) {
      this.#sheet.replaceSync('');
      return;
    }
    this.#observer.observe(board);
    if (board.firstElementChild) this.#observer.observe(board.firstElementChild);
    this.fit();
  }
}

/**
 * Asks for full screen for `element` (refused, e.g. in an iframe from another origin without
 * `allow="fullscreen"`, nothing happens); `ended` is called when the person leaves it. Returns what leaves it.
 */
export function fullScreen(element: Element, ended: () => void): () => void {
  if (!document.fullscreenEnabled || document.fullscreenElement) return () => undefined;
  let granted = false;
  const stop = () => document.removeEventListener('fullscreenchange', onChange);
  const onChange = () => {
    if (document.fullscreenElement === element) granted = true;
    else if (granted) {
      stop();
      ended();
    }
  };
  document.addEventListener('fullscreenchange', onChange);
  element.requestFullscreen().catch(stop);
  return () => {
    stop();
    if (document.fullscreenElement === element) void document.exitFullscreen().catch(() => undefined);
  };
}
