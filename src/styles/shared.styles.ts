import { css } from 'lit';

/**
 * Pieces every element's styles start from. Theme tokens are `--innovasjon-*`
 * (documented on each element); `--_*` are private and may change.
 */
export const sharedStyles = css`
  :host {
    --_font: var(--innovasjon-font-family, inherit);
    --_text: var(--innovasjon-color-text, #1d1d1b);
    --_text-subtle: var(--innovasjon-color-text-subtle, #4d4d4d);
    --_surface: var(--innovasjon-color-surface, #ffffff);
    --_surface-alt: var(--innovasjon-color-surface-alt, #f3f5f7);
    --_border: var(--innovasjon-color-border, #6b7075);
    --_accent: var(--innovasjon-color-accent, #00558c);
    --_on-accent: var(--innovasjon-color-on-accent, #ffffff);
    --_focus: var(--innovasjon-color-focus, #101820);
    --_danger: var(--innovasjon-color-danger, #a3141e);
    --_radius: var(--innovasjon-radius, 8px);
    /* One look for every panel (cards, follow-up, summary): a quiet edge and the faintest lift. */
    --_border-subtle: color-mix(in srgb, var(--_border) 40%, transparent);
    --_panel-shadow: 0 1px 2px rgb(0 0 0 / 0.05);
    font-family: var(--_font);
    color: var(--_text);
    box-sizing: border-box;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [hidden] {
    display: none !important;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  button,
  select,
  textarea,
  input {
    font: inherit;
    color: inherit;
  }

  button {
    min-height: 2.25rem;
    min-width: 1.5rem;
    padding: 0.35rem 0.8rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    cursor: pointer;
  }

  button:hover {
    background: var(--_surface-alt);
  }

  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }

  button.primary:hover {
    background: color-mix(in srgb, var(--_accent) 85%, black);
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  /* Native modal dialogs: focus stays inside, Escape closes. */
  dialog {
    max-width: min(40rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    padding: 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_surface);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }

  .dialog-title {
    margin: 0 0 0.75rem;
    font-weight: 600;
    font-size: 1.1rem;
  }

  .dialog-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 1rem;
  }

  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }

  /* On paper: the worksheets and the notes, no controls (a button that is the text itself is printed as text). */
  @media print {
    :host {
      font-size: 10pt;
      --_text: #000000;
      --_text-subtle: #222222;
      --_border: #000000;
    }
    button:not(.print-as-text),
    select,
    textarea,
    input,
    nav,
    form,
    dialog,
    .toolbar,
    .participant,
    .pager,
    .toast,
    .hint,
    .handle,
    .message,
    .vote-budget,
    .sort {
      display: none !important;
    }
  }
`;
