// What the stories share: a sample document, a theme for a dark page and one
// for a kommune's brand, and corrupt storage for the error message.
import { html, type TemplateResult } from 'lit';
import { GuideStore } from '../src/store.js';
import type { GuideDocument } from '../src/store.js';

/** A workshop halfway through: notes on steps 1 and 2 in every colour, some with an author, and follow-up actions. */
export function sampleDocument(): GuideDocument {
  const store = new GuideStore();
  store.addNote({ cardId: 't1-mal', text: 'Kortere ventetid på hjemmetjenester', color: 'yellow', author: 'Kari' });
  store.addNote({ cardId: 't1-mal', text: 'Færre innleggelser etter fall', color: 'pink' });
  store.addNote({ cardId: 't1-forankring', text: 'Ta det opp i ledermøtet i mars', color: 'blue', author: 'Ola' });
  store.addNote({ cardId: 't1-team', text: 'Ergoterapeut, hjemmesykepleie og en pårørende', color: 'green' });
  store.addNote({ cardId: 't2-forsta', text: 'Intervjue fem brukere hjemme', color: 'orange', author: 'Aisha' });
  store.addNote({ cardId: 't2-metoder', text: 'Brukerreise og skyggeobservasjon', color: 'yellow' });
  store.addAction({ step: 1, what: 'Book møte med kommunedirektøren', who: 'Kari', due: '2027-01-15' });
  store.addAction({ step: 1, what: 'Spør to pårørende om å bli med i teamet', who: 'Ola', done: true });
  store.addAction({ step: 2, what: 'Lage intervjuguide', who: 'Aisha' });
  return store.document;
}

/** Storage keys the stories use start with this; each render starts them afresh. */
export const STORY_KEY_PREFIX = 'storybook-innovasjon-';

/** A storage key of this story's own, cleared (with its backups) before the story renders. */
export function freshStorageKey(name: string): string {
  const key = `${STORY_KEY_PREFIX}${name}`;
  for (const existing of Object.keys(localStorage)) if (existing.startsWith(key)) localStorage.removeItem(existing);
  return key;
}

/** A key holding text that is not a saved document, so the element shows its storage message. */
export function corruptStorageKey(name: string): string {
  const key = `${freshStorageKey(name)}-${Date.now()}`;
  localStorage.setItem(key, '{"format": "innovasjon-guide", "version": 1, "notes": [ this is not JSON');
  return key;
}

const themes = {
  /** A dark intranet page: light text on dark surfaces, notes stay paper-coloured. */
  dark: `
    background: #161a1f;
    color: #e6e8eb;
    --innovasjon-color-text: #e6e8eb;
    --innovasjon-color-text-subtle: #b4bcc6;
    --innovasjon-color-heading: #ffffff;
    --innovasjon-color-surface: #20262d;
    --innovasjon-color-surface-alt: #2b333c;
    --innovasjon-color-border: #8b96a3;
    --innovasjon-color-accent: #8cc8ff;
    --innovasjon-color-on-accent: #0b1a26;
    --innovasjon-color-focus: #ffd166;
    --innovasjon-color-danger: #ff8f87;
    --innovasjon-kort-background: #1c2128;
    --innovasjon-note-shadow: 0 1px 3px rgb(0 0 0 / 0.6);
  `,
  /** «Fjordvik kommune», a made-up kommune: its serif font, wine-red profile colour and square corners. */
  kommune: `
    background: #faf7f2;
    --innovasjon-font-family: Georgia, 'Times New Roman', serif;
    --innovasjon-color-accent: #7a1f3d;
    --innovasjon-color-on-accent: #ffffff;
    --innovasjon-color-heading: #5c162d;
    --innovasjon-color-focus: #0b3d5c;
    --innovasjon-radius: 2px;
    --innovasjon-kort-border-color: #c9b8a6;
    --innovasjon-note-yellow: #fbeeb8;
    --innovasjon-note-pink: #f6d3dc;
    --innovasjon-note-blue: #d5e6f3;
    --innovasjon-note-green: #d9ecd3;
    --innovasjon-note-orange: #fbdcc0;
  `,
};

/** Wraps a story in a page area styled with one of the themes: the custom properties inherit into the elements. */
export const themed = (theme: keyof typeof themes, content: TemplateResult) =>
  html`<div data-theme=${theme} style=${`padding: 1.5rem; ${themes[theme].replace(/\s+/g, ' ')}`}>${content}</div>`;
