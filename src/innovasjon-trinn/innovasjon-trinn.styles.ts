import { css } from 'lit';

export const trinnStyles = css`
  :host {
    display: block;
  }

  .eyebrow {
    margin: 0;
    font-size: 0.9rem;
    font-weight: 600;
    color: var(--_accent-text);
  }

  .title {
    margin: 0.1rem 0 0.75rem;
    font-size: var(--innovasjon-trinn-heading-size, 1.6rem);
    line-height: 1.2;
    color: var(--innovasjon-color-heading, var(--_text));
  }

  .title:focus {
    outline: none;
  }

  .title:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .intro {
    margin: 0 0 1.75rem;
    max-width: 68ch;
    line-height: 1.55;
  }

  /* A phone: the step's own text closer together, so a card's «Legg til lapp» comes sooner. */
  @media (max-width: 30rem) {
    .intro {
      margin-block-end: 1rem;
      line-height: 1.4;
    }
    .title {
      margin-block-end: 0.5rem;
    }
  }

  .phase {
    margin: 0 0 1rem;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_accent);
    background: var(--_surface-alt);
    max-width: 68ch;
  }

  .time-left {
    display: inline-block;
    margin-inline-start: 0.5rem;
    font-weight: 600;
  }

  .sound {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    margin-inline-start: 1rem;
    min-height: 24px;
  }

  .clock {
    font-variant-numeric: tabular-nums;
  }

  .hidden-counts {
    margin: 0 0 1rem;
  }

  .vote-budget {
    margin: 0 0 1rem;
    font-weight: 600;
  }

  innovasjon-oppfolging {
    margin-top: 1.75rem;
  }

  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
    gap: var(--innovasjon-trinn-gap, 1.25rem);
  }

  @media print {
    .title {
      margin-bottom: 0.3rem;
      font-size: 1.35rem;
    }
    .intro {
      max-width: none;
      margin-bottom: 0.6rem;
    }
    .cards {
      gap: 0.6rem;
    }
    innovasjon-oppfolging {
      margin-top: 0.6rem;
      break-inside: avoid;
    }
  }
`;
