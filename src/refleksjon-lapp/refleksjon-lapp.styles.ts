import { css } from 'lit';

export const lappStyles = css`
  :host {
    display: block;
    --_note: var(--innovasjon-note-yellow, #fff1a8);
  }
  :host([color='pink']) {
    --_note: var(--innovasjon-note-pink, #ffd7e4);
  }
  :host([color='blue']) {
    --_note: var(--innovasjon-note-blue, #d4e8ff);
  }
  :host([color='green']) {
    --_note: var(--innovasjon-note-green, #d6f2cf);
  }
  :host([color='orange']) {
    --_note: var(--innovasjon-note-orange, #ffdcb5);
  }

  .note {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    min-height: 6rem;
    padding: 0.75rem;
    background: var(--_note);
    color: var(--innovasjon-note-text, #1d1d1b);
    border: 1px solid color-mix(in srgb, var(--_note) 60%, black);
    border-radius: calc(var(--_radius) / 2);
    box-shadow: var(--innovasjon-note-shadow, 0 1px 3px rgb(0 0 0 / 0.18));
  }

  .text {
    margin: 0;
    padding-inline-end: 1.5rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    flex: 1;
  }

  .meta {
    margin: 0;
    font-size: 0.85em;
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    align-items: center;
  }

  .actions button,
  .actions select {
    min-height: 1.75rem;
    padding: 0.1rem 0.5rem;
    font-size: 0.85em;
    background: rgb(255 255 255 / 0.7);
    color: inherit;
  }

  .actions button:hover,
  .actions select:hover {
    background: rgb(255 255 255 / 0.95);
    border-color: var(--innovasjon-note-text, #1d1d1b);
  }

  select {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }

  textarea {
    width: 100%;
    min-height: 5rem;
    resize: vertical;
    padding: 0.4rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: rgb(255 255 255 / 0.85);
    color: #1d1d1b;
  }

  .hint {
    margin: 0;
    font-size: 0.8em;
  }

  .error {
    margin: 0;
    padding: 0.3rem 0.5rem;
    font-size: 0.85em;
    font-weight: 600;
    background: #ffffff;
    color: var(--_danger);
    border-inline-start: 4px solid var(--_danger);
  }

  textarea[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }

  .votes {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    font-size: 0.85em;
  }

  .votes button {
    min-height: 1.75rem;
    padding: 0.1rem 0.5rem;
    background: rgb(255 255 255 / 0.7);
  }

  .votes button[aria-pressed='true'] {
    background: var(--innovasjon-note-text, #1d1d1b);
    color: #ffffff;
    border-color: var(--innovasjon-note-text, #1d1d1b);
  }

  .votes button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.75;
  }

  .handle {
    position: absolute;
    inset-block-start: 0.25rem;
    inset-inline-end: 0.35rem;
    display: grid;
    place-items: center;
    min-width: 1.5rem;
    min-height: 1.5rem;
    cursor: grab;
    touch-action: none;
    user-select: none;
    font-size: 1.1em;
    line-height: 1;
  }

  :host([dragging]) .note {
    box-shadow: 0 8px 20px rgb(0 0 0 / 0.3);
    cursor: grabbing;
  }

  @media (forced-colors: active) {
    .votes button[aria-pressed='true'] {
      background: Highlight;
      color: HighlightText;
    }
  }

  @media (forced-colors: active) {
    .note {
      border: 2px solid CanvasText;
    }
  }

  .color-name,
  .print-count,
  .meta.print-only {
    display: none;
  }
  :host([readonly]) .color-name {
    display: inline;
  }

  @media print {
    .note {
      break-inside: avoid;
      box-shadow: none;
      border: 1.5px solid #000000;
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
    .meta,
    .meta.print-only {
      display: flex;
    }
    .note {
      min-height: 0;
      padding: 0.4rem 0.5rem;
      gap: 0.2rem;
    }
    .color-name {
      display: inline;
    }
    .print-count {
      display: inline;
    }
  }
`;
