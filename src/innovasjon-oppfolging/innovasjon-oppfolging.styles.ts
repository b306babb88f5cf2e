import { css } from 'lit';

export const oppfolgingStyles = css`
  :host {
    display: block;
  }

  .section {
    padding: var(--innovasjon-oppfolging-padding, 1.25rem);
    background: var(--innovasjon-oppfolging-background, var(--_surface));
    border: 1px solid var(--innovasjon-oppfolging-border-color, var(--_border-subtle));
    border-radius: var(--_radius);
    box-shadow: var(--_panel-shadow);
    container-type: inline-size;
  }

  .heading {
    margin: 0;
    font-size: var(--innovasjon-oppfolging-heading-size, 1.15rem);
    font-weight: 650;
    line-height: 1.3;
    color: var(--innovasjon-color-heading, var(--_text));
  }

  .intro,
  .empty {
    margin: 0.25rem 0 1rem;
    max-width: 70ch;
  }

  .empty {
    color: var(--_text-subtle);
  }

  .list {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
  }

  .item {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas: 'main buttons' 'meta buttons';
    align-items: start;
    gap: 0.35rem 1rem;
    padding: 0.6rem 0;
    border-top: 1px solid var(--_border-subtle);
  }

  .item:last-child {
    border-bottom: 1px solid var(--_border-subtle);
  }

  .item.editing {
    display: block;
  }

  /* In a narrow box the buttons go under the text and who/when. */
  @container (max-width: 32rem) {
    .item {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'main' 'meta' 'buttons';
    }
    .row-buttons {
      padding-inline-start: 1.85rem;
    }
  }

  .main {
    grid-area: main;
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.25rem 0.75rem;
    min-width: 0;
  }

  .row-buttons {
    grid-area: buttons;
  }

  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    cursor: pointer;
    min-width: 0;
  }

  .check input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15rem 0 0;
    accent-color: var(--_accent);
    cursor: inherit;
  }

  .check input:disabled {
    cursor: default;
  }

  .what {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  /* Done is shown by the struck text and the "Ferdig" label, never by colour alone. */
  .done .what {
    text-decoration: line-through;
    text-decoration-thickness: 2px;
  }

  .done-label {
    padding: 0 0.5em;
    font-size: 0.85em;
    font-weight: 600;
    border: 1px solid currentColor;
    border-radius: 999px;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
    grid-area: meta;
    margin: 0;
    padding-inline-start: 1.85rem;
    font-size: 0.9em;
    color: var(--_text-subtle);
  }

  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }

  .row-buttons button {
    min-height: 1.75rem;
    padding: 0.1rem 0.6rem;
    font-size: 0.9em;
  }

  /* The forms hide themselves (they bring their own styles). */
  @media print {
    .buttons,
    .add-button {
      display: none;
    }
    section {
      padding: 0.5rem 0.75rem;
    }
  }
`;
