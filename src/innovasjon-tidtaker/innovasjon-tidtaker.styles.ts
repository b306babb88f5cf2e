import { css } from 'lit';

export const tidtakerStyles = css`
  :host {
    display: block;
  }

  .base {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem 1.5rem;
    padding: 0.75rem 1rem;
    background: var(--innovasjon-tidtaker-background, var(--_surface));
    border: 1px solid var(--innovasjon-tidtaker-border-color, var(--_border));
    border-radius: var(--_radius);
  }

  .display {
    display: flex;
    flex-direction: column;
  }

  .label {
    font-size: 0.9em;
    color: var(--_text-subtle);
  }

  .time {
    font-size: var(--innovasjon-tidtaker-time-size, 3rem);
    font-weight: 700;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  label {
    font-weight: 600;
  }

  select {
    min-height: 2.25rem;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }

  .toggle {
    min-width: 6.5rem;
  }

  .message {
    flex-basis: 100%;
    margin: 0;
    padding: 0.5rem 0.75rem;
    font-weight: 700;
    border: 1px solid var(--_accent);
    border-inline-start-width: 6px;
    border-radius: calc(var(--_radius) / 2);
  }

  /* Movement only for those who have not asked for less. */
  @media (prefers-reduced-motion: no-preference) {
    .time.finished,
    .message {
      animation: tidtaker-pulse 0.6s ease-in-out 3;
    }
  }

  @keyframes tidtaker-pulse {
    50% {
      transform: scale(1.04);
    }
  }

  @media (forced-colors: active) {
    .message {
      border-color: CanvasText;
    }
  }
`;
