import { ShadowHarness } from '../harness.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';

/**
 * The workshop's parts of a guide (`collab-start`): start, share panel, code and name
 * fields, as the workshop tests look for them.
 */
export class WorkshopHarness extends ShadowHarness<InnovasjonGuide> {
  /** The workshop part matching `selector`, or null while it is not shown. */
  part<T extends Element = HTMLElement>(selector: string): T | null {
    return this.maybe<T>(selector);
  }
}

export const workshopHarness = (guide: InnovasjonGuide) => new WorkshopHarness(guide);

/** Everything `node` shows, shadow roots and attributes included, as one string (to search it for secrets). */
export function deepMarkup(node: Node): string {
  let out = '';
  const walk = (each: Node) => {
    if (each instanceof Element) {
      out += `<${each.localName} ${[...each.attributes].map((a) => `${a.name}="${a.value}"`).join(' ')}>`;
      if (each instanceof HTMLInputElement || each instanceof HTMLTextAreaElement) out += each.value;
      if (each.shadowRoot) walk(each.shadowRoot);
    } else if (each.nodeType === Node.TEXT_NODE) out += each.textContent;
    for (const child of each.childNodes) walk(child);
  };
  walk(node);
  return out;
}
