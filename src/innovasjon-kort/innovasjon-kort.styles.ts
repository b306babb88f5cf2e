import { css } from 'lit';

export const kortStyles = css`
  :host {
    display: block;
  }

  .card {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    height: 100%;
    padding: var(--innovasjon-kort-padding, 1rem);
    background: var(--innovasjon-kort-background, var(--_surface));
    border: 1px solid var(--innovasjon-kort-border-color, var(--_border));
    border-radius: var(--_radius);
  }

  h3 {
    margin: 0;
    font-size: var(--innovasjon-kort-heading-size, 1.2rem);
    line-height: 1.3;
    color: var(--innovasjon-color-heading, var(--_text));
  }

  .explanation {
    margin: 0;
  }

  .prompts {
    margin: 0;
    padding-inline-start: 1.2rem;
    color: var(--_text-subtle);
  }

  .prompts li + li {
    margin-top: 0.25rem;
  }

  .notes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: 0.75rem;
  }

  .notes:empty {
    display: none;
  }

  .add {
    align-self: flex-start;
    margin-top: auto;
  }
`;
