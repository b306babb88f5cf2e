import { css } from 'lit';

export const kortStyles = css`
  :host {
    display: block;
  }

  .card {
    display: flex;
    flex-direction: column;
    gap: 0.85rem;
    height: 100%;
    padding: var(--innovasjon-kort-padding, 1.25rem);
    background: var(--innovasjon-kort-background, var(--_surface));
    border: 1px solid var(--innovasjon-kort-border-color, var(--_border-subtle));
    border-radius: var(--_radius);
    box-shadow: var(--_panel-shadow);
  }

  .question {
    margin: 0;
    font-size: var(--innovasjon-kort-heading-size, 1.15rem);
    font-weight: 650;
    line-height: 1.3;
    color: var(--innovasjon-color-heading, var(--_text));
  }

  .explanation {
    margin: 0;
    line-height: 1.5;
  }

  .prompts {
    margin: 0;
    padding-inline-start: 1.1rem;
    font-size: 0.92em;
    line-height: 1.45;
    color: var(--_text-subtle);
  }

  .prompts li + li {
    margin-top: 0.25rem;
  }

  .notes {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: 0.75rem;
  }

  /* Notes in one row share its height, like paper on a board. */
  .notes refleksjon-lapp {
    height: 100%;
  }

  .notes:empty {
    display: none;
  }

  /* An empty slot for the next note. */
  .add {
    align-self: stretch;
    margin-top: auto;
    border-style: dashed;
    background: transparent;
  }

  .add:hover {
    border-style: solid;
  }

  .problem {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_danger);
    font-weight: 600;
  }

  .sort {
    align-self: flex-start;
    font-size: 0.85em;
    min-height: 1.75rem;
    padding: 0.1rem 0.7rem;
    border-color: var(--_border-subtle);
    border-radius: 999px;
    background: transparent;
  }

  .sort:hover {
    border-color: var(--_border);
  }

  .sort[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }

  :host([drop-target]) .card {
    outline: 3px dashed var(--_accent);
    outline-offset: 2px;
  }

  .drop-before {
    box-shadow: 0 -6px 0 -2px var(--_accent);
  }

  .drop-end {
    min-height: 0.4rem;
    background: var(--_accent);
    border-radius: 2px;
  }

  fieldset {
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }

  legend {
    font-weight: 600;
  }

  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    padding: 0.2rem 0;
  }

  .choice input {
    width: 1.5rem;
    height: 1.5rem;
    margin-top: 0.1rem;
    flex: none;
  }

  .position {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }

  .position select {
    min-height: 2.25rem;
    max-width: 100%;
  }

  @media print {
    .question {
      font-size: 1.05rem;
    }
    .card {
      min-height: 55mm;
      padding: 0.6rem;
      gap: 0.4rem;
      break-inside: auto;
    }
    .notes {
      grid-template-columns: repeat(auto-fill, minmax(40mm, 1fr));
    }
    .notes li {
      break-inside: avoid;
    }
  }

  .hidden-writing {
    margin: 0.5rem 0 0;
    font-size: 0.9em;
  }
`;
