import { css } from 'lit';

export const oppsummeringStyles = css`
  :host {
    display: block;
  }
  .sheet-title {
    margin: 0 0 0.75rem;
    font-size: var(--innovasjon-trinn-heading-size, 1.6rem);
    line-height: 1.2;
    color: var(--innovasjon-color-heading, var(--_text));
  }
  .sheet-title:focus {
    outline: none;
  }
  .sheet-title:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .steps {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: 1rem;
  }
  section {
    padding: 1.25rem;
    border: 1px solid var(--_border-subtle);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: var(--_panel-shadow);
    break-inside: avoid;
  }
  .step-title,
  .open-title {
    margin: 0 0 0.5rem;
    font-size: 1.15rem;
    font-weight: 650;
    line-height: 1.3;
  }
  .label {
    margin: 0.75rem 0 0.25rem;
    font-weight: 600;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.2rem;
  }
  li {
    overflow-wrap: anywhere;
  }
  /* A person's text keeps its line breaks; the template's own whitespace around it does not show. */
  .text {
    white-space: pre-wrap;
  }
  li + li {
    margin-top: 0.3rem;
  }
  .meta {
    color: var(--_text-subtle);
    font-size: 0.9em;
  }
  .done {
    text-decoration: line-through;
  }
  .empty {
    margin: 0;
    color: var(--_text-subtle);
  }
  .open {
    margin-top: 1rem;
  }
`;
