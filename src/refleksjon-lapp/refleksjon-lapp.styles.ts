import { css } from 'lit';

export const lappStyles = css`
  :host {
    display: block;
    /* A board holds notes by the hundred: the browser lays out only those near the screen
       (they stay in the page for find, focus and screen readers). A note's shadow may reach
       past its box, which this containment would otherwise clip. */
    content-visibility: auto;
    contain-intrinsic-size: auto 9rem;
    overflow-clip-margin: 1rem;
    --_note: var(--_note-yellow);
    /* In the dark the ink is light on the deep papers, and dark on a light paper the page
       chose itself (a --innovasjon-note-* meant for light pages): from the paper's lightness. */
    --_ink: var(--innovasjon-note-text, light-dark(#1d1d1b, oklch(from var(--_note) clamp(0.2, (0.62 - l) * 1000, 0.96) 0.01 h)));
    /* Secondary text on paper: mixed from the ink, so it keeps its contrast on every colour. */
    --_ink-subtle: color-mix(in srgb, var(--_ink) 80%, var(--_note));
    /* The paper's edge; in the dark a light line of its own hue, so the colour reads at a glance. */
    --_note-edge: light-dark(color-mix(in srgb, var(--_note) 82%, black), oklch(from var(--_note) 0.8 calc(c * 1.5) h));
    /* Controls on paper: lighter than the paper in the light, darker in the dark. */
    --_on-paper: light-dark(rgb(255 255 255 / 0.75), rgb(0 0 0 / 0.3));
    --_on-paper-strong: light-dark(rgb(255 255 255 / 0.9), rgb(0 0 0 / 0.5));
  }
  :host([color='pink']) {
    --_note: var(--_note-pink);
  }
  :host([color='blue']) {
    --_note: var(--_note-blue);
  }
  :host([color='green']) {
    --_note: var(--_note-green);
  }
  :host([color='orange']) {
    --_note: var(--_note-orange);
  }

  .note {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    min-height: 6.5rem;
    height: 100%;
    padding: 0.8rem 0.85rem 0.45rem;
    background: var(--_note);
    color: var(--_ink);
    border: 1px solid var(--_note-edge);
    border-radius: 3px;
    box-shadow: var(--innovasjon-note-shadow, 0 1px 1px rgb(0 0 0 / 0.06), 0 4px 10px -4px rgb(0 0 0 / 0.22));
  }

  /* On paper the ring takes the ink's colour: a theme's light ring would vanish on a pale note. */
  .note :focus-visible {
    outline-color: var(--_ink);
  }

  .text {
    display: block;
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.45;
  }

  p.text,
  .edit-text {
    padding-inline-end: 1.25rem;
  }

  /* The text opens editing on a click or Enter: it looks like the text, with room for the focus ring. */
  .edit-text {
    min-height: 1.75rem;
    margin: -0.2rem -0.3rem;
    padding-block: 0.2rem;
    padding-inline-start: 0.3rem;
    border-radius: 2px;
    cursor: text;
  }

  .edit-text:hover {
    background: light-dark(rgb(255 255 255 / 0.4), rgb(0 0 0 / 0.2));
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.6rem;
    min-height: 1.75rem;
    margin: auto 0 0;
    font-size: 0.8rem;
    color: var(--_ink-subtle);
  }

  .author {
    font-weight: 600;
  }

  .votes {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    font-variant-numeric: tabular-nums;
  }

  .dot {
    font-size: 0.8em;
  }

  .meta button {
    min-height: 1.75rem;
    min-width: 1.75rem;
    padding: 0.1rem 0.55rem;
    border: 1px solid transparent;
    border-radius: 999px;
    background: transparent;
    color: var(--_ink);
    font-size: 0.8rem;
    line-height: 1.2;
  }

  /* The buttons sit at the end of the line, away from the author. */
  .meta button:first-of-type {
    margin-inline-start: auto;
  }

  .meta button:hover,
  .menu-button[aria-expanded='true'] {
    background: var(--_on-paper-strong);
    border-color: color-mix(in srgb, var(--_ink) 60%, transparent);
  }

  .menu-button {
    font-weight: 700;
    letter-spacing: 0.08em;
  }

  .meta .vote-button {
    border-color: color-mix(in srgb, var(--_ink) 60%, transparent);
    background: var(--_on-paper);
    font-weight: 600;
  }

  .meta .vote-button[aria-pressed='true'],
  .meta .vote-button[aria-pressed='true']:hover {
    background: var(--_ink);
    border-color: var(--_ink);
    color: light-dark(#ffffff, var(--_note));
  }

  .meta .vote-button[aria-disabled='true'] {
    cursor: not-allowed;
    border-style: dashed;
    background: transparent;
  }

  textarea {
    width: 100%;
    min-height: 5rem;
    resize: vertical;
    padding: 0.4rem;
    border: 1px solid color-mix(in srgb, var(--_ink) 55%, transparent);
    border-radius: 2px;
    background: light-dark(rgb(255 255 255 / 0.85), rgb(0 0 0 / 0.35));
    color: var(--_ink);
    line-height: 1.45;
  }

  .hint {
    margin: 0;
    font-size: 0.8em;
    color: var(--_ink-subtle);
  }

  .error {
    margin: 0;
    padding: 0.3rem 0.5rem;
    font-size: 0.85em;
    font-weight: 600;
    background: var(--_surface);
    color: var(--_danger);
    border-inline-start: 4px solid var(--_danger);
  }

  textarea[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }

  .actions button {
    min-height: 2rem;
    padding: 0.15rem 0.75rem;
    font-size: 0.9em;
  }

  .actions button:not(.primary) {
    background: light-dark(rgb(255 255 255 / 0.7), rgb(0 0 0 / 0.3));
    color: var(--_ink);
  }

  .handle {
    position: absolute;
    inset-block-start: 0.3rem;
    inset-inline-end: 0.3rem;
    display: grid;
    place-items: center;
    min-width: 1.5rem;
    min-height: 1.5rem;
    cursor: grab;
    touch-action: none;
    user-select: none;
    font-size: 1rem;
    line-height: 1;
    color: var(--_ink-subtle);
    opacity: 0.6;
  }

  .note:hover .handle {
    opacity: 1;
  }

  :host([dragging]) {
    content-visibility: visible;
  }

  :host([dragging]) .note {
    box-shadow: 0 10px 24px rgb(0 0 0 / 0.3);
    cursor: grabbing;
  }

  @media (forced-colors: active) {
    .note {
      border: 2px solid CanvasText;
    }
    .note :focus-visible {
      outline-color: Highlight;
    }
    .meta .vote-button[aria-pressed='true'],
    .meta .vote-button[aria-pressed='true']:hover {
      background: Highlight;
      color: HighlightText;
    }
  }

  .color-name {
    display: none;
  }
  :host([readonly]) .color-name {
    display: inline;
  }

  @media print {
    :host {
      content-visibility: visible;
    }
    .note {
      min-height: 0;
      height: auto;
      padding: 0.4rem 0.5rem;
      gap: 0.2rem;
      break-inside: avoid;
      box-shadow: none;
      border: 1.5px solid #000000;
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
    .meta {
      min-height: 0;
    }
    .color-name {
      display: inline;
    }
    .edit-text {
      margin: 0;
      padding: 0;
      border: 0;
    }
  }

  .hidden-mark {
    font-weight: 600;
  }

  :host([hidden-note]) .note {
    border: 2px dashed var(--_text);
  }
`;
