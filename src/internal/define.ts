import { VERSION } from './version.js';

type Versioned = CustomElementConstructor & { innovasjonVersion?: string };

/**
 * Registers a tag once. Two CMS plugins may each load a copy of the guide:
 * the first copy's element stays, and a different copy says so in the console
 * instead of throwing, since the page still works with the first one.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag) as Versioned | undefined;
  if (!existing) {
    (element as Versioned).innovasjonVersion = VERSION;
    customElements.define(tag, element);
    return;
  }
  if (existing === element) return;
  const theirs = existing.innovasjonVersion ?? 'unknown';
  console.warn(
    `innovasjonsguide ${VERSION}: <${tag}> is already defined by another copy (version ${theirs}); ` +
      'that copy is used. Load the guide once per page.',
  );
}
