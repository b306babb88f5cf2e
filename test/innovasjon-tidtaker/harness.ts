import type { InnovasjonTidtaker } from '../../src/innovasjon-tidtaker/innovasjon-tidtaker.component.js';
import { ShadowHarness } from '../harness.js';

/** The timer, as a person uses it: the time shown, the length to choose, Start/Pause/Fortsett, Nullstill and «Tiden er ute!». */
export class TidtakerHarness extends ShadowHarness<InnovasjonTidtaker> {
  /** The time shown (`role=timer`). */
  get timer(): HTMLElement {
    return this.one('[role="timer"]', 'timer');
  }

  /** The time shown, trimmed («05:00»). */
  get shown(): string {
    return this.timer.textContent!.trim();
  }

  /** The choice of length. */
  get select(): HTMLSelectElement {
    return this.one<HTMLSelectElement>('select', 'choice of length');
  }

  /** The label of the choice of length. */
  get selectLabel(): HTMLLabelElement {
    return this.one<HTMLLabelElement>('label[for="minutes"]', 'label of the choice of length');
  }

  /** Start / Pause / Fortsett. */
  get toggle(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('button.toggle', 'Start/Pause button');
  }

  /** Nullstill. */
  get resetButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('button.reset', 'Nullstill');
  }

  /** «Tiden er ute!», or null while time is left. */
  get message(): HTMLElement | null {
    return this.maybe('.message');
  }
}

export const tidtakerHarness = (element: InnovasjonTidtaker) => new TidtakerHarness(element);
