import type { InnovasjonKort } from '../../src/innovasjon-kort/innovasjon-kort.component.js';
import type { InnovasjonRomStatus } from '../../src/innovasjon-rom-status/innovasjon-rom-status.component.js';
import type { InnovasjonOppfolging } from '../../src/innovasjon-oppfolging/innovasjon-oppfolging.component.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { ShadowHarness, squeezed } from '../harness.js';

/**
 * One step, as a person sees it: its title, its phase line (phase, time left,
 * sound), the hidden-writing counts, its cards and its follow-up list.
 */
export class TrinnHarness extends ShadowHarness<InnovasjonTrinn> {
  /** The step's title heading (h2 by default; the level follows `heading-level`). */
  get title(): HTMLElement {
    return this.one('.title', 'title heading');
  }

  /** The step's title heading, checked to be an `h<level>` (2 by default). */
  titleAt(level: number): HTMLElement {
    const title = this.title;
    if (title.localName !== `h${level}`) throw new Error(`The step's title is a <${title.localName}>, not an <h${level}>`);
    return title;
  }

  /** The small «Trinn 2» above the title. */
  get eyebrow(): HTMLElement {
    return this.one('.eyebrow', 'eyebrow');
  }

  /** The step's intro paragraph. */
  get intro(): HTMLElement {
    return this.one('.intro', 'intro');
  }

  /** «Om trinnet», the disclosure of the intro and the phase's guidance (a narrow guide's room, phase Skriv), or null. */
  get aboutToggle(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('.about-toggle');
  }

  /** The cards the step shows, in order. */
  get cards(): InnovasjonKort[] {
    return this.all<InnovasjonKort>('innovasjon-kort');
  }

  /** The card for `id`, or undefined. */
  card(id: string): InnovasjonKort | undefined {
    return this.cards.find((each) => each.card?.id === id);
  }

  /** The step's phase line, spaces squeezed; '' when the step has no phase. */
  get phaseLine(): string {
    return squeezed(this.maybe('.phase')?.textContent);
  }

  /** The phase line's time left (`role=timer`), or null without a timebox. */
  get timeLeft(): HTMLElement | null {
    return this.maybe('.phase [role=timer]');
  }

  /** The clock in the time left («2:00»), trimmed, or undefined. */
  get clock(): string | undefined {
    return this.maybe('.phase [role=timer] .clock')?.textContent?.trim();
  }

  /** The clock anywhere in the phase line, trimmed; '' when none shows. */
  get phaseClock(): string {
    return this.maybe('.phase .clock')?.textContent?.trim() ?? '';
  }

  /** The «sound when time is up» checkbox beside the time left, or null. */
  get soundCheckbox(): HTMLInputElement | null {
    return this.maybe<HTMLInputElement>('.phase .sound input');
  }

  /** The counts of hidden notes per person while writing is hidden, spaces squeezed; '' when not shown. */
  get hiddenCounts(): string {
    return squeezed(this.maybe('.hidden-counts')?.textContent);
  }

  /** Whether the hidden-writing counts show. */
  get showsHiddenCounts(): boolean {
    return this.maybe('.hidden-counts') !== null;
  }

  /** The step's follow-up list. */
  get oppfolging(): InnovasjonOppfolging {
    return this.one<InnovasjonOppfolging>('innovasjon-oppfolging', 'follow-up list');
  }

  /** The room's status line, when the step itself is in a room, or null. */
  get roomStatus(): InnovasjonRomStatus | null {
    return this.maybe<InnovasjonRomStatus>('innovasjon-rom-status');
  }

  /** Whether the shared note menu lives in this step's shadow root. */
  holds(element: Node): boolean {
    return element.getRootNode() === this.host.shadowRoot;
  }
}

export const trinnHarness = (trinn: InnovasjonTrinn) => new TrinnHarness(trinn);
