import type { LitElement } from 'lit';
import { loadFeature } from './load-feature.js';

/** Gives an element in the presentation view its presentation sheet (the `presentation` chunk), once. */
export function adoptPresentationLook(element: LitElement, which: 'guide' | 'trinn' | 'kort'): Promise<void> {
  return loadFeature(element, 'presentation').then(
    ({ presentationStyles }) => {
      const root = element.shadowRoot;
      const sheet = presentationStyles[which].styleSheet;
      if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    },
    () => undefined, // told already; the view shows in the ordinary look
  );
}
