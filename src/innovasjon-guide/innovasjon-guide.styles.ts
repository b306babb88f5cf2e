import { css } from 'lit';

export const guideStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    background: var(--innovasjon-guide-background, transparent);
  }

  nav ol {
    list-style: none;
    margin: 0 0 1.5rem;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 7.5rem), 1fr));
    gap: 0.5rem;
  }

  nav button {
    width: 100%;
    height: 100%;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.15rem;
    padding: 0.6rem 0.8rem;
    text-align: start;
    border-radius: var(--_radius);
  }

  nav button[aria-current='step'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }

  nav .number {
    font-size: 0.85em;
    font-weight: 600;
  }

  nav .name {
    font-weight: 600;
    /* A long step name wraps inside its button, also with a reader's wider letter spacing (WCAG 1.4.12). */
    overflow-wrap: anywhere;
  }

  nav .count,
  nav .progress,
  nav .here {
    font-size: 0.85em;
  }

  nav .here {
    font-style: italic;
  }

  .unplaced {
    margin-top: 1.5rem;
  }

  .sheet-title {
    margin: 0 0 0.75rem;
    color: var(--innovasjon-color-heading, var(--_text));
    font-size: var(--innovasjon-trinn-heading-size, 1.6rem);
    line-height: 1.2;
  }

  .sheet-title:focus {
    outline: none;
  }

  .sheet-title:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .introduction p,
  .introduction ol {
    max-width: 70ch;
    line-height: 1.5;
  }

  .introduction li + li {
    margin-top: 0.4rem;
  }

  .pager {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
    margin-top: 1.5rem;
  }

  .pager .next {
    margin-inline-start: auto;
  }

  .workshop {
    display: flex;
    flex-wrap: wrap;
    align-items: stretch;
    gap: 1rem;
    margin: 0 0 1.25rem;
  }

  .workshop > * {
    flex: 1 1 18rem;
    margin: 0;
  }

  .lead {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5rem;
  }

  .phase-panel {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    border: 1px solid var(--_border-subtle);
    border-radius: var(--_radius);
  }

  .phase-panel legend {
    font-weight: 600;
  }

  .phase-panel .timebox {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }

  .phase-panel input[type='number'] {
    width: 5em;
  }

  .phase-panel .hidden-on {
    flex-basis: 100%;
    margin: 0;
  }

  .phase-panel .elsewhere {
    flex-basis: 100%;
    margin: 0;
  }

  .phase-panel label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    min-height: 44px;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: 0 0 1rem;
  }

  .toolbar .group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35rem;
  }

  .group-label {
    font-weight: 600;
  }

  .import-error .detail {
    color: var(--_text-subtle);
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }

  .import-error code {
    font: inherit;
  }

  dialog {
    max-width: min(34rem, calc(100vw - 2rem));
  }

  @media screen {
    .print-sheet {
      display: none;
    }
  }

  @media print {
    :host([printing]) .sheet,
    :host([printing]) > .credit,
    .workshop {
      display: none;
    }
    .print-sheet + .print-sheet,
    .unplaced {
      break-before: page;
    }
    .credit {
      margin-top: 0.5rem;
    }
  }
`;
