import { css } from 'lit';

/** The add and edit forms of `<innovasjon-oppfolging>`, fetched with them. */
export const actionFormStyles = css`
  :host {
    display: block;
  }

  .form {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    align-items: start;
    gap: 0.75rem 1rem;
  }

  .what-field,
  .buttons {
    grid-column: 1 / -1;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }

  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }

  label {
    font-weight: 600;
  }

  input {
    min-height: 2.25rem;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }

  input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }

  .error {
    margin: 0;
    font-weight: 600;
    color: var(--_danger);
  }

  @media (forced-colors: active) {
    input {
      border-color: FieldText;
    }
    .error {
      color: CanvasText;
    }
  }

  @media print {
    :host {
      display: none;
    }
  }
`;
