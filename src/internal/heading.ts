import { nothing } from 'lit';
import { html, unsafeStatic } from 'lit/static-html.js';

// The six heading tags, made static once: the guide lives inside someone
// else's page, so the host chooses where its outline starts.
const TAGS = [1, 2, 3, 4, 5, 6].map((level) => unsafeStatic(`h${level}`));

export const clampLevel = (level: number): number => Math.min(6, Math.max(1, Math.trunc(Number(level)) || 2));

/** A real `<hN>` at `level` (1–6), with an id, a class and, if asked, focusable by script. */
export function heading(level: number, className: string, content: unknown, options: { id?: string; part?: string; focusable?: boolean } = {}) {
  const tag = TAGS[clampLevel(level) - 1];
  return html`<${tag}
    id=${options.id ?? nothing}
    class=${className}
    part=${options.part ?? nothing}
    tabindex=${options.focusable ? '-1' : nothing}
  >${content}</${tag}>`;
}
