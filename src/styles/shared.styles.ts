import { css } from 'lit';

/**
 * Pieces every element's styles start from. Theme tokens are `--innovasjon-*`
 * (documented on each element); `--_*` are private and may change.
 *
 * Every colour, the font, the radius and the focus ring are decided here, in
 * one chain each: the page's `--innovasjon-*` property, else Designsystemet's
 * `--ds-*` token (custom properties cross shadow roots, so a page with a
 * Designsystemet theme needs no configuration; README, *Theming*), else the
 * guide's own value. The own values are `light-dark(light, dark)` pairs.
 *
 * Light or dark follows the CSS `color-scheme` property, which inherits into
 * shadow roots in every browser (attribute selectors on ancestors do not).
 * Designsystemet sets it with its `data-color-scheme` switch (`auto` through
 * prefers-color-scheme), and its dark scheme redefines the `--ds-*` tokens.
 * Without Designsystemet the guide stays light, as it always was, unless the
 * page asks: `color-scheme="auto|dark|light"` on the element (`--_scheme`,
 * inherited by the elements inside it) or `--innovasjon-color-scheme`.
 */
export const sharedStyles = css`
  :host {
    /* With a Designsystemet theme --ds-border-width-focus is a length, never a valid
       colour-scheme: the declaration is invalid at computed-value time, so color-scheme
       inherits the page's. Without one the fallback pins light. */
    color-scheme: var(--innovasjon-color-scheme, var(--_scheme, var(--ds-border-width-focus, light)));
    /* Designsystemet names its font without a fallback; if the page has not loaded it,
       a sans-serif beats the browser's serif. No --ds-font-family: the page's font. */
    --_ds-font: var(--ds-font-family), system-ui, sans-serif;
    --_font: var(--innovasjon-font-family, var(--_ds-font, inherit));
    --_text: var(--innovasjon-color-text, var(--ds-color-neutral-text-default, light-dark(#1d1d1b, #ebecee)));
    --_text-subtle: var(--innovasjon-color-text-subtle, var(--ds-color-neutral-text-subtle, light-dark(#4d4d4d, #b3b9c0)));
    --_surface: var(--innovasjon-color-surface, var(--ds-color-neutral-surface-default, light-dark(#ffffff, #1c1f23)));
    --_surface-alt: var(--innovasjon-color-surface-alt, var(--ds-color-neutral-surface-tinted, light-dark(#f3f5f7, #292e34)));
    /* Behind an element that chose its own scheme (the page's colour may not fit it). */
    --_canvas: var(--ds-color-neutral-background-default, light-dark(#ffffff, #131518));
    --_border: var(--innovasjon-color-border, var(--ds-color-neutral-border-default, light-dark(#6b7075, #8a929b)));
    --_accent: var(--innovasjon-color-accent, var(--ds-color-accent-base-default, light-dark(#00558c, #2a72b0)));
    --_on-accent: var(--innovasjon-color-on-accent, var(--ds-color-accent-base-contrast-default, #ffffff));
    /* The accent as text on a surface: Designsystemet has a shade of its own for that. */
    --_accent-text: var(--innovasjon-color-accent, var(--ds-color-accent-text-subtle, light-dark(#00558c, #82bdf0)));
    --_focus: var(--innovasjon-color-focus, var(--ds-color-focus-outer, light-dark(#101820, #f2f4f6)));
    --_danger: var(--innovasjon-color-danger, var(--ds-color-danger-text-subtle, light-dark(#a3141e, #ff9c94)));
    /* The Undo offer stands out in the other tone. */
    --_inverse: var(--ds-color-neutral-base-default, light-dark(#1d1d1b, #e8e8e6));
    --_on-inverse: var(--ds-color-neutral-base-contrast-default, light-dark(#ffffff, #1d1d1b));
    --_radius: var(--innovasjon-radius, var(--ds-border-radius-lg, 8px));
    /* Paper colours of the notes (the notes and the colour menu's swatches). In the dark
       the same hues, deep, under light ink: still yellow, pink, blue, green and orange. */
    --_note-yellow: var(--innovasjon-note-yellow, light-dark(#fff1a8, #4f4510));
    --_note-pink: var(--innovasjon-note-pink, light-dark(#ffd7e4, #5c2742));
    --_note-blue: var(--innovasjon-note-blue, light-dark(#d4e8ff, #1d3c63));
    --_note-green: var(--innovasjon-note-green, light-dark(#d6f2cf, #1f4a30));
    --_note-orange: var(--innovasjon-note-orange, light-dark(#ffdcb5, #663413));
    /* One look for every panel (cards, follow-up, summary): a quiet edge and the faintest lift. */
    --_border-subtle: color-mix(in srgb, var(--_border) 40%, transparent);
    --_panel-shadow: 0 1px 2px rgb(0 0 0 / 0.05);
    font-family: var(--_font);
    color: var(--_text);
    box-sizing: border-box;
  }

  :host([color-scheme='auto']) {
    --_scheme: light dark;
  }
  :host([color-scheme='dark']) {
    --_scheme: dark;
  }
  :host([color-scheme='light']) {
    --_scheme: light;
  }
  :host([color-scheme]) {
    background-color: var(--innovasjon-guide-background, var(--_canvas));
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
  /* Paper is light whatever the screen's scheme: the guide's own light colours, black text. */
  @media print {
    :host,
    :host([color-scheme]) {
      font-size: 10pt;
      color-scheme: light;
      --_text: #000000;
      --_text-subtle: #222222;
      --_border: #000000;
      --_surface: #ffffff;
      --_surface-alt: #f3f5f7;
      --_accent: #00558c;
      --_accent-text: #00558c;
      --_on-accent: #ffffff;
      --_danger: #a3141e;
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
