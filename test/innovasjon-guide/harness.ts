import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import type { InnovasjonKort } from '../../src/innovasjon-kort/innovasjon-kort.component.js';
import type { InnovasjonRomStatus } from '../../src/innovasjon-rom-status/innovasjon-rom-status.component.js';
import type { InnovasjonTidtaker } from '../../src/innovasjon-tidtaker/innovasjon-tidtaker.component.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import { ShadowHarness } from '../harness.js';
import { waitUntil } from '../helpers.js';
import { TrinnHarness } from '../innovasjon-trinn/harness.js';

/**
 * A whole guide, as a person sees it: the step list, the sheet (introduction,
 * a step, or the summary), the toolbar (presentation, timer, import), the
 * session controls (lead, follow, the phase panel), the Undo offer, storage
 * messages, the name field and the room status. The step on the sheet:
 * `guide.sheet` (a TrinnHarness).
 */
export class GuideHarness extends ShadowHarness<InnovasjonGuide> {
  /** The list of steps. */
  get nav(): HTMLElement {
    return this.one('nav', 'step list');
  }

  /** The step list's buttons, the introduction and the summary included. */
  get stepButtons(): HTMLButtonElement[] {
    return this.all<HTMLButtonElement>('nav button');
  }

  /** The step list's texts, spaces squeezed. */
  get stepTexts(): string[] {
    return this.stepButtons.map((button) => button.textContent!.replace(/\s+/g, ' ').trim());
  }

  /** The step list's first button whose text contains `text` («Trinn 2»). */
  stepButton(text: string): HTMLButtonElement {
    const found = this.stepButtons.find((button) => button.textContent!.includes(text));
    if (!found) throw new Error(`No step button «${text}» in the guide`);
    return found;
  }

  /** The step list's button for the step shown (aria-current=step). */
  get currentStepButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('nav button[aria-current=step]', 'current step in the step list');
  }

  /** Who the step list says is on the step shown (its «here» line), or undefined. */
  get hereOnCurrentStep(): string | undefined {
    return this.maybe('nav button[aria-current="step"] .here')?.textContent ?? undefined;
  }

  /** The first step button that is not the current one. */
  get otherStepButton(): HTMLButtonElement {
    const found = this.stepButtons.find((button) => !button.hasAttribute('aria-current'));
    if (!found) throw new Error('No step button besides the current one');
    return found;
  }

  /** «Neste» under the sheet. */
  get nextButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.pager .next', '«Neste»');
  }

  /** «Forrige» under the sheet. */
  get previousButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.pager .previous', '«Forrige»');
  }

  /** The `<innovasjon-trinn>` on the sheet, or null on the introduction and the summary. */
  get trinn(): InnovasjonTrinn | null {
    return this.maybe<InnovasjonTrinn>('.sheet innovasjon-trinn');
  }

  /** The step on the sheet, as a harness; throws when the sheet shows no step. */
  get sheet(): TrinnHarness {
    const trinn = this.trinn;
    if (!trinn) throw new Error('The guide shows no step on its sheet');
    return new TrinnHarness(trinn);
  }

  /** The sheet's heading: the step's title, or the introduction's heading. */
  get sheetHeading(): HTMLElement {
    const trinn = this.maybe<InnovasjonTrinn>('innovasjon-trinn');
    return trinn ? new TrinnHarness(trinn).titleAt(2) : this.one('.introduction h2', 'introduction heading');
  }

  /** The heading of the sheet when it is not a step (the summary's, the introduction's). */
  get sheetTitle(): HTMLElement {
    return this.one('.sheet-title', 'sheet title');
  }

  /** The introduction's numbered instructions. */
  get introductionSteps(): HTMLElement[] {
    return this.all('.introduction ol li');
  }

  /** The card of notes whose card no longer exists, or null. */
  get unplacedCard(): InnovasjonKort | null {
    return this.maybe<InnovasjonKort>('innovasjon-kort.unplaced');
  }

  /** A message about storage or import (`.message`), or null. */
  get message(): HTMLElement | null {
    return this.maybe('.message');
  }

  /** The button in the storage message (closing it). */
  get messageButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.message button', 'button in the message');
  }

  /** The Undo offer after a delete, or null. */
  get toast(): HTMLElement | null {
    return this.maybe('.toast');
  }

  /** The Undo offer's «Angre». */
  get undoButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.toast button.undo', 'Undo button');
  }

  /** The import question (merge, replace or cancel), or null. */
  get importDialog(): HTMLDialogElement | null {
    return this.maybe<HTMLDialogElement>('dialog.import-dialog');
  }

  /** The import question's Cancel. */
  get importCancelButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>(
      'dialog.import-dialog button.cancel, dialog.import-dialog button:not(.merge):not(.replace)',
      'Cancel in the import question',
    );
  }

  /** The import question's «Slå sammen». */
  get mergeButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('dialog button.merge', '«Slå sammen» in the import question');
  }

  /** The import question's «Erstatt». */
  get replaceButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('dialog button.replace', '«Erstatt» in the import question');
  }

  /** The toolbar's download as Markdown. */
  get downloadMarkdownButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('button.download-markdown', 'Markdown download');
  }

  /** The message that says why a file could not be imported, or null. */
  get importError(): HTMLElement | null {
    return this.maybe('.import-error');
  }

  /** The toolbar's file input for importing. */
  get importFileInput(): HTMLInputElement {
    return this.one<HTMLInputElement>('input.import-file', 'import file input');
  }

  /** «Presenter». */
  get startPresentationButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.start-presentation', 'Presenter');
  }

  /** «Avslutt presentasjonen», shown while presenting. */
  get endPresentationButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.end-presentation', 'end of presentation button');
  }

  /** The presentation view's board (the presented sheet), while presenting. */
  get presentedSheet(): HTMLElement {
    return this.one('.presented', 'presented sheet');
  }

  /** The presentation view's join code and QR code (a workshop's facilitator, door open), or null. */
  get projectorShare(): HTMLElement | null {
    return this.maybe('.projector-share');
  }

  /** The toolbar's «Tidtaker», until the timer shows. */
  get showTimerButton(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.show-timer', 'Tidtaker');
  }

  /** The timer, once shown, or null. */
  get timer(): InnovasjonTidtaker | null {
    return this.maybe<InnovasjonTidtaker>('innovasjon-tidtaker');
  }

  /** «Led økten», or null for a participant. */
  get leadToggle(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('.lead-toggle');
  }

  /** The offer to take the lead in an open room (its words and «Jeg leder økten»), or null. */
  get takeLead(): HTMLElement | null {
    return this.maybe('.take-lead');
  }

  /** «Jeg leder økten», or null. */
  get takeLeadButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('.take-lead button');
  }

  /** The facilitator's phase panel, or null while closed. */
  get phasePanel(): HTMLElement | null {
    return this.maybe('.phase-panel');
  }

  /** The label in the phase panel whose text contains `text` (a phase's radio: «Stem»). */
  phasePanelLabel(text: string): HTMLLabelElement {
    const found = this.all<HTMLLabelElement>('.phase-panel label').find((label) => label.textContent!.includes(text));
    if (!found) throw new Error(`No «${text}» in the phase panel`);
    return found;
  }

  /** The phase panel's legend («Fase på trinn 2»). */
  get phasePanelLegend(): HTMLElement {
    return this.one('.phase-panel legend', 'phase panel legend');
  }

  /** The phase panel's timebox form, or null. */
  get timebox(): HTMLElement | null {
    return this.maybe('.phase-panel .timebox');
  }

  /** The timebox's minutes field. */
  get minutesInput(): HTMLInputElement {
    return this.one<HTMLInputElement>('.phase-panel input[name=minutes]', 'minutes field');
  }

  /** The timebox's «ends the phase» checkbox. */
  get endsPhaseInput(): HTMLInputElement {
    return this.one<HTMLInputElement>('.phase-panel input[name=ends-phase]', '«ends the phase» checkbox');
  }

  /** The timebox's Stop, or null while no timebox runs. */
  get stopTimerButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('.stop-timer');
  }

  /** The line that says whether this person follows the facilitator, or null without a phase. */
  get follow(): HTMLElement | null {
    return this.maybe('.follow');
  }

  /** «Gå på egen hånd» / «Følg prosesslederen». */
  get followToggle(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.follow-toggle', 'follow toggle');
  }

  /** This person's name field, or null when the guide asks for no name. */
  get nameField(): HTMLInputElement | null {
    return this.maybe<HTMLInputElement>('.participant input[type=text]');
  }

  /** «Skriv anonymt» beside the name field, or null. */
  get anonymousCheckbox(): HTMLInputElement | null {
    return this.maybe<HTMLInputElement>('.participant input[type=checkbox]');
  }

  /** The room's compact bar (status, who is here, phase, time left, its buttons), or null outside a room. */
  get roomBar(): HTMLElement | null {
    return this.maybe('.room-bar');
  }

  /** The room bar's «Flere valg», the disclosure button of its menu. */
  get menuToggle(): HTMLButtonElement {
    return this.one<HTMLButtonElement>('.room-bar .menu-toggle', '«Flere valg»');
  }

  /** The menu's «Gå på egen hånd» / «Følg prosesslederen» (a narrow guide shows it there, not in the bar), or null. */
  get menuFollowToggle(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('#room-menu .menu-follow-toggle');
  }

  /** The sheet shown (introduction, step or summary), as a box on the page. */
  get sheetBox(): DOMRect {
    return this.one('.sheet', 'sheet').getBoundingClientRect();
  }

  /** The room bar's menu of rare actions, or null while closed. */
  get roomMenu(): HTMLElement | null {
    return this.maybe('#room-menu');
  }

  /** Opens the room bar's menu with a click on «Flere valg», unless it is open or the guide shows no bar. */
  async openRoomMenu(): Promise<void> {
    if (!this.roomBar || this.roomMenu) return;
    this.menuToggle.click();
    await waitUntil(() => this.roomMenu, 'the room bar’s menu opens');
  }

  /** The menu's «Fjern fra denne enheten», or null while the menu is closed. */
  get removeDeviceButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('#room-menu .remove-device');
  }

  /** The menu's «Fjern» that confirms the removal, or null until asked. */
  get confirmRemoveButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('#room-menu .confirm-remove');
  }

  /** The menu's question before the removal. */
  get removeQuestion(): HTMLElement {
    return this.one('#room-menu #remove-question', 'the removal question');
  }

  /** The room bar's phase and time left, spaces squeezed, or undefined without a phase. */
  get barPhase(): string | undefined {
    return this.maybe('.room-bar .bar-phase')?.textContent?.replace(/\s+/g, ' ').trim();
  }

  /** The part of the guide matching `selector` (a room bar's button or panel), or null. */
  part<T extends Element = HTMLElement>(selector: string): T | null {
    return this.maybe<T>(selector);
  }

  /** Pixels from the guide's top to the top of the sheet shown (what stands above it is controls). */
  get sheetOffset(): number {
    return this.one('.sheet', 'sheet').getBoundingClientRect().top - this.host.getBoundingClientRect().top;
  }

  /** Pixels from the guide's top to the top of the first question card on the sheet shown. */
  get firstCardOffset(): number {
    const card = this.sheet.cards[0];
    return card.getBoundingClientRect().top - this.host.getBoundingClientRect().top;
  }

  /** The room's status line, or null when the guide is not in a room. */
  get roomStatus(): InnovasjonRomStatus | null {
    return this.maybe<InnovasjonRomStatus>('innovasjon-rom-status');
  }
}

export const guideHarness = (guide: InnovasjonGuide) => new GuideHarness(guide);
