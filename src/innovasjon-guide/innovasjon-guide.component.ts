import { numberFormat, plural } from '../internal/intl.js';
import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { emit } from '../events.js';
import '../innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonTrinn } from '../innovasjon-trinn/innovasjon-trinn.component.js';
import { commonPartStyles, renderCredit, renderRoomStatus, renderStorageStatus } from '../internal/common-parts.js';
import { GuideElement } from '../internal/guide-element.js';
import { loadFeature } from '../internal/load-feature.js';
import { clampLevel, heading } from '../internal/heading.js';
import '../innovasjon-kort/innovasjon-kort.js';
import { noteCount } from '../internal/note-count.js';
import { notesByCard, unplacedNotes } from '../internal/notes-by-card.js';
import { NoteMenuController } from '../refleksjon-lapp/note-menu.js';
import { sharedStyles } from '../styles/shared.styles.js';
import '../innovasjon-oppsummering/innovasjon-oppsummering.js';
import type { InnovasjonOppsummering } from '../innovasjon-oppsummering/innovasjon-oppsummering.component.js';
import { GuideToolbar } from './guide-toolbar.js';
import type { SessionControls } from './session-controls.js';
import { guideStyles } from './innovasjon-guide.styles.js';
import { StoreSelection } from '../internal/store-selection.js';
import { adoptPresentationLook } from '../internal/presentation-look.js';
import type { PresentationFit } from '../features/presentation.js';

/** The sheets: 0 the introduction, 1–4 the steps, 5 the summary. */
const SUMMARY = 5;


/**
 * The whole «Turguide for innovasjon»: an introduction sheet and four
 * worksheets, one at a time, with a step navigation that shows how many
 * notes each step holds. Notes are kept in localStorage under `storage-key`
 * unless `no-storage` or a `storage` adapter says otherwise.
 *
 * @summary The interactive innovation guide, introduction and four steps.
 *
 * @event innovasjon-note-add - A note was added. Detail: `{note}`.
 * @event innovasjon-note-change - A note was changed. Detail: `{note, previous}`.
 * @event innovasjon-note-remove - A note was removed. Detail: `{note}`.
 * @event innovasjon-step-change - The person moved to another sheet. Detail: `{step, previous}`.
 * @event innovasjon-vote - A vote was given or taken back. Detail: `{noteId, participant, votes, voted}`.
 * @event innovasjon-action-add - A follow-up action was added. Detail: `{action}`.
 * @event innovasjon-action-change - A follow-up action was changed. Detail: `{action, previous}`.
 * @event innovasjon-action-remove - A follow-up action was removed. Detail: `{action}`.
 * @event innovasjon-change - The document changed in any way. Detail: `{data}`.
 * @event innovasjon-load - The stored document is loaded (localStorage, the `storage` adapter, or none with `no-storage`), once per connect; in a live room (`collab-url`), once the room has first synced with its server. Detail: `{data}`.
 * @event innovasjon-error - Storage or an import failed, or a workshop room could not be started or joined. Detail: `{code, message}`.
 * @event innovasjon-phase-change - The phase changed, here or by the room's facilitator. Detail: `{step, phase, hidden}`.
 * @event innovasjon-reveal - The facilitator revealed hidden writing; again as the notes arrive. Detail: `{step, count}`.
 * @event innovasjon-connection - Where the live room's connection stands (`collab-url`). Detail: `{status, reason?}`.
 * @event innovasjon-presence - Who is in the live room changed. Detail: `{participants}`.
 * @event innovasjon-room-start - This page started a workshop room and leads it. Detail: `{room, linkExpiresAt, codeExpiresAt}`.
 * @event innovasjon-participant-remove - The facilitator removed a person from the workshop room. Detail: `{participant, name}`.
 *
 * @csspart nav - The step navigation.
 * @csspart nav-button - One step in the navigation.
 * @csspart sheet - The sheet being shown.
 * @csspart pager - The previous and next buttons.
 * @csspart credit - The credit line.
 * @csspart toolbar - Print, download and import.
 * @csspart participant - The name field and the anonymous choice.
 * @csspart toast - The Undo offer after a delete.
 * @csspart timer - The timebox for silent writing.
 * @csspart message - A storage problem message.
 * @csspart room - The live room's status (`<innovasjon-rom-status>`), in the room bar once it is there.
 * @csspart room-bar - In a live room: the one compact bar (status, who is here, phase, time left, its buttons and menu).
 *
 * @cssproperty --innovasjon-font-family - Font of all text; the host page's by default.
 * @cssproperty --innovasjon-color-text - Text colour.
 * @cssproperty --innovasjon-color-text-subtle - Colour of secondary text.
 * @cssproperty --innovasjon-color-heading - Colour of headings.
 * @cssproperty --innovasjon-color-surface - Background of cards and buttons.
 * @cssproperty --innovasjon-color-surface-alt - Hover background.
 * @cssproperty --innovasjon-color-border - Borders of cards and controls.
 * @cssproperty --innovasjon-color-accent - Accent: the current step and primary buttons.
 * @cssproperty --innovasjon-color-on-accent - Text on the accent colour.
 * @cssproperty --innovasjon-color-focus - The focus ring.
 * @cssproperty --innovasjon-color-danger - Border of error messages.
 * @cssproperty --innovasjon-radius - Corner radius.
 * @cssproperty --innovasjon-guide-background - Background behind the whole guide.
 * @cssproperty --innovasjon-color-scheme - `light`, `dark` or `light dark` (the device decides): the scheme where the page sets none.
 */
@localized()
export class InnovasjonGuide extends GuideElement {
  static override styles = [sharedStyles, commonPartStyles, guideStyles];

  /** The sheet shown: 0 is the introduction, 1 to 4 the steps, 5 the summary. */
  @property({ type: Number, reflect: true }) step = 0;

  /**
   * The presentation view, for a projector or a screen shared in a meeting: the
   * step's cards and notes in large type, nothing to edit, following the
   * facilitator's step. *Avslutt presentasjonen* (or Escape) leaves it.
   */
  @property({ type: Boolean, reflect: true }) presentation = false;

  /** Every sheet is rendered, one per printed page, while the page prints. */
  @property({ type: Boolean, reflect: true, attribute: 'printing' }) protected printing = false;

  @query('.sheet innovasjon-trinn') private trinn?: InnovasjonTrinn;
  @query('.sheet innovasjon-oppsummering') private summary?: InnovasjonOppsummering;
  @query('.introduction .sheet-title') private introHeading?: HTMLElement;

  protected readonly toolbar = new GuideToolbar(this);
  protected readonly noteMenu = new NoteMenuController(this);

  /** The timebox is shown (its code fetched) once a person asks for it. */
  @state() private timerShown = false;

  /** The session's controls and the room's bar: a chunk, fetched when a session starts, a room opens, or «Led økten» is first pressed. */
  @state() private sessionControls?: SessionControls;
  #sessionControlsLoading?: Promise<SessionControls | undefined>;
  /** A fetch started by a room or a session failed (told once): only a press of «Led økten» tries again. */
  #sessionControlsFailed = false;
  /**
   * What the navigation shows of the document, as numbers: open actions, unplaced notes (0 or 1), then per
   * step its notes, cards with notes and open actions. The guide re-renders when one of them changes, not
   * on every keystroke in a note.
   */
  readonly #progress = new StoreSelection<readonly number[]>(
    this,
    (document) => {
      const groups = notesByCard(document);
      const open = document.actions.filter((action) => !action.done);
      return [
        open.length,
        unplacedNotes(document, this.content).length ? 1 : 0,
        ...this.content.steps.flatMap((step) => [
          step.cards.reduce((sum, card) => sum + (groups.get(card.id)?.length ?? 0), 0),
          step.cards.filter((card) => groups.get(card.id)?.length).length,
          open.filter((action) => action.step === step.number).length,
        ]),
      ];
    },
    [],
    () => this.guide.store,
  );

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.#beforePrint);
    window.addEventListener('afterprint', this.#afterPrint);
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.#beforePrint);
    window.removeEventListener('afterprint', this.#afterPrint);
    this.removeEventListener('keydown', this.#onKeydown);
    this.#leaveFullscreen?.();
    this.#leaveFullscreen = undefined;
    this.#afterPrint();
  }

  protected override get currentStep(): number {
    return this.step;
  }

  /** Prints the five worksheets and the summary, each on its own A4 landscape page. */
  async print(): Promise<void> {
    this.#beforePrint();
    await this.updateComplete;
    window.print();
  }

  #beforePrint = (): void => {
    this.printing = true;
    addPageStyle();
  };

  #afterPrint = (): void => {
    this.printing = false;
    removePageStyle();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('content' as keyof InnovasjonGuide)) this.#progress.refresh();
    const step = Math.trunc(Number(this.step));
    if (!(step >= 0 && step <= SUMMARY)) this.step = 0;
    else if (step !== this.step) this.step = step;
    if (!this.sessionControls && !this.#sessionControlsFailed && (this.guide.live || this.session.phase !== null)) void this.#loadSessionControls();
  }

  #loadSessionControls(): Promise<SessionControls | undefined> {
    this.#sessionControlsLoading ??= loadFeature(this, 'sessionControls').then(
      ({ SessionControls }) => (this.sessionControls = new SessionControls(this, () => this.guide.session)),
      () => {
        // Told already (chunk-load-failed); «Led økten» tries again.
        this.#sessionControlsLoading = undefined;
        this.#sessionControlsFailed = true;
        return undefined;
      },
    );
    return this.#sessionControlsLoading;
  }

  /** «Led økten» outside a room: its session chunk (and the phase panel's) are fetched when it is first pressed. */
  #renderLead() {
    const controls = this.sessionControls;
    if (this.readonly || !this.canLead) return controls?.render() ?? nothing;
    return html`<div class="lead">
      <button
        type="button"
        class="lead-toggle"
        aria-expanded=${controls?.leadOpen ? 'true' : 'false'}
        @click=${async () => (this.sessionControls ?? (await this.#loadSessionControls()))?.toggleLead()}
      >
        ${msg('Led økten', { id: 'session.lead-toggle' })}
      </button>
      ${controls?.renderLeadPanel() ?? nothing}
    </div>`;
  }

  /**
   * The sheet the presentation shows: the facilitator's step while a phase is set, else the guide's; on the
   * introduction, the first step (a projector shows the board, not the intro).
   */
  get #presented(): number {
    const sheet = this.session.step ?? this.step;
    return sheet === 0 ? 1 : sheet;
  }

  #renderPresentation() {
    return html`<div class="presentation">
      <div class="presentation-bar">
        <button type="button" class="end-presentation" @click=${() => this.#endPresentation()}>
          ${msg('Avslutt presentasjonen', { id: 'presentation.end' })}
        </button>
      </div>
      <div part="sheet" class="sheet presented">${this.#renderSheet(this.#presented, true)}</div>
      ${this.workshop?.renderProjector() ?? nothing} ${renderCredit()}
    </div>`;
  }

  /** Leaves full screen, while this presentation holds it. */
  #leaveFullscreen?: () => void;

  /**
   * Opens the presentation view, full screen where the browser allows it (an iframe from another origin needs
   * `allow="fullscreen"`; refused, the view fills the page or frame all the same); focus goes to the button that ends it.
   */
  async startPresentation(): Promise<void> {
    // Its looks and full screen are a chunk: the person's gesture still counts for full screen a moment later.
    await adoptPresentationLook(this, 'guide');
    this.presentation = true;
    const chunk = await import('../features/presentation.js').catch(() => undefined);
    if (this.presentation && !this.#leaveFullscreen) {
      // Leaving full screen (Escape included) ends the view.
      this.#leaveFullscreen = chunk?.fullScreen(this, () => {
        this.#leaveFullscreen = undefined;
        if (this.presentation) void this.#endPresentation();
      });
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.end-presentation')?.focus();
  }

  async #endPresentation(): Promise<void> {
    this.presentation = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.start-presentation')?.focus();
  }

  /** Fits the board to the screen while presenting (from the presentation chunk). */
  #fit?: PresentationFit;

  #onKeydown = (event: KeyboardEvent): void => {
    if (this.presentation && event.key === 'Escape' && !event.defaultPrevented) void this.#endPresentation();
  };

  override render() {
    if (this.presentation && !this.printing) return this.#renderPresentation();
    const { steps } = this.content;
    this.#progress.follow();
    const [open, unplaced, ...perStep] = this.#progress.value;
    // A narrow guide's room: the step list goes below the sheet, so the step follows the bar (in the DOM too, for focus).
    const below = this.guide.live && this.sessionControls?.narrow;
    const nav = html`<nav part="nav" aria-label=${msg('Trinn i guiden')}>
        <ol>
          <li>${this.#navButton(0, msg('Introduksjon'), nothing)}</li>
          ${steps.map((step, index) => {
            const [notes, withNotes, openHere] = perStep.slice(index * 3, index * 3 + 3);
            return html`<li>
              ${this.#navButton(
                step.number,
                step.title(),
                html`<span class="count">${noteCount(notes)}</span>
                  <span class="progress"
                    >${msg(str`${withNotes} av ${step.cards.length} kort besvart`)}${openHere
                      ? html`, ${this.#openActionsLabel(openHere)}`
                      : nothing}</span
                  >`,
              )}
            </li>`;
          })}
          <li>
            ${this.#navButton(
              SUMMARY,
              msg('Oppsummering'),
              open ? html`<span class="progress">${this.#openActionsLabel(open)}</span>` : nothing,
            )}
          </li>
        </ol>
      </nav>`;
    return html`
      ${renderStorageStatus(this.guide.error, () => this.guide.dismissError())}
      ${this.guide.live && this.sessionControls
        ? this.#renderRoomBar(this.sessionControls)
        : html`${renderRoomStatus(this.guide.live, this.guide.room)} ${this.toolbar.render()}
            <div class="workshop">
              ${this.workshop?.render()} ${this.identity.render()} ${this.readonly ? nothing : this.#renderTimer()}
              ${this.#renderLead()}
            </div>`}
      ${below ? nothing : nav}
      <div part="sheet" class="sheet">${this.#renderSheet(this.step)}</div>
      ${this.printing
        ? [0, ...steps.map((step) => step.number), SUMMARY].map(
            (sheet) => html`<div class="print-sheet" aria-hidden="true">${this.#renderSheet(sheet)} ${renderCredit()}</div>`,
          )
        : nothing}
      ${unplaced
        ? html`<innovasjon-kort class="unplaced" unplaced .headingLevel=${clampLevel(this.headingLevel) + 1}></innovasjon-kort>`
        : nothing}
      ${this.undoOffer.render()}
      <div part="pager" class="pager">
        ${this.step > 0
          ? html`<button type="button" class="previous" @click=${() => this.#go(this.step - 1)}>
              <span aria-hidden="true">←</span> ${this.#sheetName(this.step - 1)}
            </button>`
          : nothing}
        ${this.step < SUMMARY
          ? html`<button type="button" class="next primary" @click=${() => this.#go(this.step + 1)}>
              ${this.#sheetName(this.step + 1)} <span aria-hidden="true">→</span>
            </button>`
          : nothing}
      </div>
      ${below ? nav : nothing} ${renderCredit()}
    `;
  }

  /** In a live room: one compact bar; the toolbar, the name and the timer wait in its menu. */
  #renderRoomBar(controls: SessionControls) {
    return controls.renderBar({
      room: this.guide.room,
      status: html`<innovasjon-rom-status part="room" compact .room=${this.guide.room}
        >${this.guide.room ? nothing : html`<p>${msg('Kobler til rommet …')}</p>`}</innovasjon-rom-status
      >`,
      menu: html`${this.toolbar.render()} ${this.identity.render()} ${this.readonly ? nothing : this.#renderTimer()}`,
      workshop: this.workshop?.renderBar?.(),
    });
  }

  #renderSheet(sheet: number, presented = false) {
    if (sheet === 0) return this.#renderIntroduction();
    if (sheet === SUMMARY) {
      return html`<innovasjon-oppsummering
        .content=${this.content}
        heading-level=${this.headingLevel}
      ></innovasjon-oppsummering>`;
    }
    return html`<innovasjon-trinn
      .content=${this.content}
      storage-key=${this.storageKey}
      number=${sheet}
      votes-per-person=${this.votesPerPerson}
      heading-level=${this.headingLevel}
      ?readonly=${this.readonly}
      ?others-fixed=${this.othersNotesFixed}
      ?presentation=${presented}
    ></innovasjon-trinn>`;
  }

  #renderTimer() {
    if (this.timerShown) return html`<innovasjon-tidtaker part="timer"></innovasjon-tidtaker>`;
    return html`<button type="button" class="show-timer" aria-expanded="false" @click=${this.#showTimer}>
      ${msg('Tidtaker')}
    </button>`;
  }

  async #showTimer(): Promise<void> {
    try {
      await loadFeature(this, 'timer');
    } catch {
      return; // told already; the button stays for another try
    }
    this.timerShown = true;
    await this.updateComplete;
    // Focus goes on into the timer, where the button was.
    const timer = this.renderRoot.querySelector('innovasjon-tidtaker');
    await timer?.updateComplete;
    timer?.shadowRoot?.querySelector<HTMLElement>('select, button')?.focus();
  }

  #navButton(step: number, name: string, extra: unknown) {
    const numbered = step > 0 && step < SUMMARY;
    return html`<button
      type="button"
      part="nav-button"
      aria-current=${step === this.step ? 'step' : nothing}
      @click=${() => this.#go(step)}
    >
      ${numbered ? html`<span class="number">${msg(str`Trinn ${step}`)}</span>` : nothing}
      <span class="name">${name}</span>
      ${extra} ${this.#presenceOn(step)}
    </button>`;
  }

  /** Who else in the live room looks at this sheet now. */
  #presenceOn(step: number) {
    const here = this.guide.room?.presence.filter((person) => !person.self && person.step === step) ?? [];
    if (here.length === 0) return nothing;
    const names = here.map((person) => person.name || msg('uten navn'));
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
    return html`<span class="here">${msg(str`Her nå: ${shown}`)}</span>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('presentation') || changed.has('printing' as keyof InnovasjonGuide)) {
      if (this.presentation && !this.printing) {
        void adoptPresentationLook(this, 'guide')
          .then(() => import('../features/presentation.js'))
          .then(({ PresentationFit }) => {
            if (this.shadowRoot) (this.#fit ??= new PresentationFit(this.shadowRoot)).follow();
          })
          .catch(() => undefined);
      } else {
        this.#fit?.follow();
      }
      // The view ended some other way than leaving full screen (its button, Escape, the property): full screen ends too.
      if (!this.presentation) {
        this.#leaveFullscreen?.();
        this.#leaveFullscreen = undefined;
      }
    }
    // Tells the room which sheet this person looks at (for the others' navigation); unchanged, nothing is sent.
    if (!this.guide.nested) this.guide.room?.setStep(this.step);
  }

  #openActionsLabel(count: number): string {
    const n = numberFormat().format(count);
    return plural(count, {
      one: () => msg(str`${n} åpen oppfølging`, { id: 'open-actions.one' }),
      two: () => msg(str`${n} åpne oppfølginger`, { id: 'open-actions.two' }),
      other: () => msg(str`${n} åpne oppfølginger`, { id: 'open-actions.other' }),
    });
  }

  #sheetName(sheet: number): string {
    if (sheet === SUMMARY) return msg('Oppsummering');
    const target = this.content.steps.find((each) => each.number === sheet);
    return target ? msg(str`Trinn ${sheet}: ${target.title()}`) : msg('Introduksjon');
  }

  #renderIntroduction() {
    const intro = this.content.introduction;
    return html`<article class="introduction" aria-labelledby="intro-title">
      ${heading(this.headingLevel, 'sheet-title', intro.title(), { id: 'intro-title', focusable: true })}
      ${intro.paragraphs.map((paragraph) => html`<p>${paragraph()}</p>`)}
      <p>${intro.instructionsLead()}</p>
      <ol>
        ${intro.instructions.map((instruction) => html`<li>${instruction()}</li>`)}
      </ol>
    </article>`;
  }

  /** The person's own navigation (step list, pager). */
  #go(step: number): Promise<void> {
    this.sessionControls?.wentElsewhere(step);
    return this.goTo(step);
  }

  /**
   * Shows a sheet (0 the introduction, 1–4 the steps, 5 the summary) as the
   * guide's navigation does: sends `innovasjon-step-change`, and moves focus to
   * the sheet's title unless `focus` is false.
   */
  async goTo(step: number, { focus = true }: { focus?: boolean } = {}): Promise<void> {
    const previous = this.step;
    if (step !== previous) {
      this.step = step;
      emit(this, 'innovasjon-step-change', { step, previous });
    }
    await this.updateComplete;
    if (!focus) return;
    const sheet = this.trinn ?? this.summary;
    if (sheet) {
      await sheet.updateComplete;
      sheet.focusTitle();
    } else {
      this.introHeading?.focus();
    }
  }
}

// @page cannot be set from inside a shadow root: while printing, the guide
// adds one constructed sheet to the document (allowed under a strict CSP).
let pageStyle: CSSStyleSheet | undefined;

function addPageStyle(): void {
  if (pageStyle) return;
  pageStyle = new CSSStyleSheet();
  pageStyle.replaceSync('@page { size: A4 landscape; margin: 10mm; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageStyle];
}

function removePageStyle(): void {
  if (!pageStyle) return;
  const sheet = pageStyle;
  pageStyle = undefined;
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((each) => each !== sheet);
}
