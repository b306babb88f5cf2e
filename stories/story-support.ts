// What the stories share: a sample document, a theme for a dark page and one
// for a kommune's brand, and corrupt storage for the error message.
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { themes, type ThemeName } from './themes.js';
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

/** Wraps a story in a page area styled with one of the themes: the custom properties inherit into the elements. */
export const themed = (theme: ThemeName, content: TemplateResult) =>
  html`<div class="story-theme" data-theme=${theme} style=${styleMap({ padding: '1.5rem', ...themes[theme] })}>${content}</div>`;
