import { css } from 'lit';

export const romStatusStyles = css`
  :host {
    display: block;
  }

  .base {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.25rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  :host([compact]) .base {
    gap: 0.25rem 1rem;
    padding: 0;
    border: none;
    background: none;
  }

  .status {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
  }

  .dot {
    flex: none;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    border: 2px solid currentColor;
  }

  .connected .dot {
    background: currentColor;
  }

  .offline .dot,
  .connecting .dot {
    border-style: dashed;
  }

  .unauthorized,
  .refused {
    color: var(--_danger);
    font-weight: 600;
  }

  .presence {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
  }

  .presence ul {
    display: contents;
    list-style: none;
  }

  .person {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.1rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }

  .swatch {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--_person, gray);
    forced-color-adjust: none;
  }

  /* Lighter in the dark, to stand out on a dark surface. */
  .p0 { --_person: light-dark(#1f6feb, #6ea8fe); }
  .p1 { --_person: light-dark(#b35900, #f0a45d); }
  .p2 { --_person: light-dark(#1a7f37, #5cc177); }
  .p3 { --_person: light-dark(#8250df, #b794f6); }
  .p4 { --_person: light-dark(#bf3989, #f07cc0); }
  .p5 { --_person: light-dark(#0a7f8f, #4fc6d4); }

  .offer,
  .read-only,
  .remove {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    flex-basis: 100%;
    margin: 0;
  }

  button {
    min-height: 2.75rem;
  }

  .short,
  .presence-toggle {
    display: none;
  }

  .presence-toggle[aria-expanded='true'] {
    background: var(--_surface-alt);
  }

  /* Compact in a narrow guide (a phone, a CMS column): the connection in a word beside its dot, and who is
     here as a count whose button opens the list. The guide is the container. */
  @container (max-width: 30rem) {
    :host([compact]) .base {
      gap: 0.25rem 0.5rem;
    }
    :host([compact]) .whole,
    :host([compact]) .presence-label,
    :host([compact]) .presence:not(.open) ul {
      display: none;
    }
    :host([compact]) .short {
      display: inline;
      white-space: nowrap;
    }
    :host([compact]) .presence-toggle {
      display: inline-flex;
      align-items: center;
      padding-inline: 0.5rem;
      white-space: nowrap;
    }
    :host([compact]) .presence.open {
      flex-basis: 100%;
    }
  }
`;
