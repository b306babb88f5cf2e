import { css } from 'lit';

export const noteMenuStyles = css`
  :host {
    display: contents;
  }

  /* A popover in the top layer: no card or scroll box clips it. */
  .menu {
    position: fixed;
    inset: auto;
    margin: 0;
    min-width: 11rem;
    max-width: calc(100vw - 1rem);
    max-height: calc(100vh - 1rem);
    overflow: auto;
    padding: 0.3rem;
    display: flex;
    flex-direction: column;
    gap: 1px;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
  }

  .menu:not(:popover-open) {
    display: none;
  }

  [role^='menuitem'] {
    display: flex;
    align-items: center;
    gap: 0.55rem;
    width: 100%;
    min-height: 2rem;
    padding: 0.2rem 0.7rem;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) / 2);
    background: transparent;
    text-align: start;
    font-size: 0.95em;
  }

  [role^='menuitem']:hover,
  [role^='menuitem']:focus-visible {
    background: var(--_surface-alt);
  }

  [role^='menuitem']:focus-visible {
    outline-offset: -3px;
  }

  [role^='menuitem'][aria-disabled='true'] {
    cursor: not-allowed;
    color: var(--_text-subtle);
  }

  .colors,
  .separated,
  .danger {
    border-top: 1px solid color-mix(in srgb, var(--_border) 35%, transparent);
    margin-top: 0.2rem;
    padding-top: 0.2rem;
  }

  .danger {
    color: var(--_danger);
  }

  .group-label {
    padding: 0.25rem 0.7rem 0.1rem;
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_text-subtle);
  }

  .color {
    text-transform: capitalize;
  }

  .swatch {
    flex: none;
    width: 1rem;
    height: 1rem;
    border-radius: 50%;
    border: 1px solid light-dark(rgb(0 0 0 / 0.45), rgb(255 255 255 / 0.6));
    background: var(--_swatch);
    forced-color-adjust: none;
  }

  [data-color='yellow'] {
    --_swatch: var(--_note-yellow);
  }
  [data-color='pink'] {
    --_swatch: var(--_note-pink);
  }
  [data-color='blue'] {
    --_swatch: var(--_note-blue);
  }
  [data-color='green'] {
    --_swatch: var(--_note-green);
  }
  [data-color='orange'] {
    --_swatch: var(--_note-orange);
  }

  .check {
    margin-inline-start: auto;
    visibility: hidden;
    font-weight: 700;
  }

  [aria-checked='true'] .check {
    visibility: visible;
  }

  @media (forced-colors: active) {
    .menu {
      border: 2px solid CanvasText;
    }
    [role^='menuitem']:hover,
    [role^='menuitem']:focus-visible {
      outline: 2px solid Highlight;
    }
  }

  @media print {
    .menu {
      display: none !important;
    }
  }
`;
