import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { adoptPresentationLook } from '../internal/presentation-look.js';
import { property, query } from 'lit/decorators.js';
import '../innovasjon-kort/innovasjon-kort.js';
import '../innovasjon-oppfolging/innovasjon-oppfolging.js';
import { commonPartStyles, renderCredit, renderRoomStatus, renderStorageStatus } from '../internal/common-parts.js';
import { GuideElement } from '../internal/guide-element.js';
import { clampLevel, heading } from '../internal/heading.js';
import { LazyNoteDrag } from '../internal/lazy-note-drag.js';
import { StoreSelection } from '../internal/store-selection.js';
import { loadFeature } from '../internal/load-feature.js';
import type { SessionView } from '../features/session-view.js';
import { NoteMenuController } from '../refleksjon-lapp/note-menu.js';
import { controlsFor } from '../store/session.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { trinnStyles } from './innovasjon-trinn.styles.js';
import { plural } from '../internal/intl.js';

/**
 * One step of the guide: its title, intro and question cards with the team's
 * notes. Inside `<innovasjon-guide>` it is the guide's sheet; on its own (for
 * a CMS article about one step) it keeps its notes under `storage-key`, so a
 * step and a guide on the same key show the same notes.
 *
 * @summary One worksheet of the guide, with its question cards.
 *
 * @event innovasjon-note-add - A note was added. Detail: `{note}`.
 * @event innovasjon-note-change - A note was changed. Detail: `{note, previous}`.
 * @event innovasjon-note-remove - A note was removed. Detail: `{note}`.
 * @event innovasjon-vote - A vote was given or taken back. Detail: `{noteId, participant, votes, voted}`.
 * @event innovasjon-action-add - A follow-up action was added. Detail: `{action}`.
 * @event innovasjon-action-change - A follow-up action was changed. Detail: `{action, previous}`.
 * @event innovasjon-action-remove - A follow-up action was removed. Detail: `{action}`.
 * @event innovasjon-change - The document changed in any way. Detail: `{data}`.
 * @event innovasjon-load - The stored document is loaded (localStorage, the `storage` adapter, or none with `no-storage`), once per connect; in a live room (`collab-url`), once the room has first synced with its server. Detail: `{data}`.
 * @event innovasjon-error - Storage failed, or a workshop room could not be started or joined. Detail: `{code, message}`.
 * @event innovasjon-phase-change - The phase changed, here or by the room's facilitator. Detail: `{step, phase, hidden}`.
 * @event innovasjon-reveal - The facilitator revealed hidden writing; again as the notes arrive. Detail: `{step, count}`.
 * @event innovasjon-connection - Where the live room's connection stands (`collab-url`). Detail: `{status, reason?}`.
 * @event innovasjon-presence - Who is in the live room changed. Detail: `{participants}`.
 * @event innovasjon-room-start - This page started a workshop room and leads it. Detail: `{room, linkExpiresAt, codeExpiresAt}`.
 * @event innovasjon-participant-remove - The facilitator removed a person from the workshop room. Detail: `{participant, name}`.
 *
 * @csspart sheet - The worksheet.
 * @csspart title - The step's heading.
 * @csspart intro - The step's intro paragraph.
 * @csspart cards - The grid of question cards.
 * @csspart credit - The credit line.
 * @csspart message - A storage problem message.
 * @csspart phase - The current phase and what to do in it, while the facilitator leads phases.
 *
 * @cssproperty --innovasjon-trinn-heading-size - Font size of the step's title.
 * @cssproperty --innovasjon-trinn-gap - Space between cards.
 */
@localized()
export class InnovasjonTrinn extends GuideElement {
  static override styles = [sharedStyles, commonPartStyles, trinnStyles];

  /** Which step to show, 1 to 4. */
  @property({ type: Number, reflect: true }) number = 1;

  /** Inside a guide in a room the facilitator leads: only one's own notes can be deleted (the guide tells). */
  @property({ type: Boolean, attribute: 'others-fixed' }) othersFixed = false;

  /** Shown in the guide's presentation view: read only, with no controls at all. */
  @property({ type: Boolean, reflect: true }) presentation = false;

  @query('.title') private titleHeading?: HTMLElement;

  protected readonly drag = new LazyNoteDrag(this, () => (this.readonly ? undefined : this.guide.store));
  protected readonly noteMenu = new NoteMenuController(this);

  protected override get currentStep(): number {
    return Number(this.number);
  }

  /** The votes this person gave on the step's cards: the step re-renders when the count changes, not on every change. */
  readonly #votesUsed = new StoreSelection<number>(
    this,
    (document) => {
      const step = this.content.steps.find((each) => each.number === Number(this.number));
      if (!step || this.votesPerPerson <= 0) return 0;
      const participant = this.identity.participantId;
      const cards = new Set(step.cards.map((card) => card.id));
      return document.notes.filter((note) => cards.has(note.cardId) && note.votes.includes(participant)).length;
    },
    0,
    () => this.guide.store,
  );

  /** What the cards show of the session on this step: its phase's controls, hidden writing, votes left. */
  protected override sheetView() {
    this.#votesUsed.follow();
    this.#votesUsed.refresh();
    const session = this.guide.session;
    const number = Number(this.number);
    const phased = session.state.phase !== null && session.state.step === number;
    const controls = controlsFor(session.state, number, session.canLead);
    // Until a live room's session is known (offline after a reload), nobody can tell whether writing is
    // hidden: new notes wait on this device as hidden ones do, and go in once it is known and not hidden.
    const sessionUnknown = session.ready === false;
    return {
      ...super.sheetView(),
      readonly: this.readonly || this.presentation,
      voting: phased ? controls.voteButtons : this.votesPerPerson > 0,
      votesUsedUp: this.votesPerPerson > 0 && this.#votesUsed.value >= this.votesPerPerson,
      noVotes: !controls.votes,
      noNewNotes: !controls.addNotes,
      hiddenWriting: (phased && session.state.hidden) || sessionUnknown,
      sessionUnknown,
      othersFixed: this.othersFixed || this.othersNotesFixed,
    };
  }

  /** The session's view (phase, guidance, time left, hidden counts): a chunk, fetched when a phase is first set. */
  #sessionView?: SessionView;

  #loadSessionView(): void {
    if (this.#sessionView) return;
    void loadFeature(this, 'session').then(
      (view) => {
        this.#sessionView = view;
        this.requestUpdate();
      },
      () => undefined, // told already; the notes work on without the phase's guidance
    );
  }

  /** The intro, then the phase and its guidance and the hidden notes' counts (the session view's chunk). */
  #renderSession(intro: unknown) {
    const view = this.#sessionView;
    if (!view) {
      this.#loadSessionView();
      return intro;
    }
    return view.renderSession(this, intro, this.guide);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.presentation) void adoptPresentationLook(this, 'trinn');
  }

  /** Moves keyboard focus to the step's title. */
  focusTitle(): void {
    this.titleHeading?.focus();
  }

  override render() {
    const step = this.content.steps.find((each) => each.number === Number(this.number));
    if (!step) return nothing;
    const standalone = !this.guide.nested;
    const session = this.guide.session;
    const phased = session.state.phase !== null && session.state.step === step.number;
    const controls = controlsFor(session.state, step.number, session.canLead);
    const voting = phased ? controls.voteButtons : this.votesPerPerson > 0;
    const votesUsed = this.#votesUsed.value;
    const intro = html`<p part="intro" class="intro">${step.intro()}</p>`;
    return html`
      <article part="sheet" class="sheet" aria-labelledby="title">
        ${standalone ? renderStorageStatus(this.guide.error, () => this.guide.dismissError()) : nothing}
        ${standalone ? renderRoomStatus(this.guide.live, this.guide.room) : nothing}
        ${this.workshop?.render()} ${standalone ? this.identity.render() : nothing}
        <p class="eyebrow" aria-hidden="true">${msg(str`Trinn ${step.number}`)}</p>
        ${heading(
          this.headingLevel,
          'title',
          html`<span class="visually-hidden">${msg(str`Trinn ${step.number}:`)}</span> ${step.title()}`,
          { id: 'title', part: 'title', focusable: true },
        )}
        ${phased ? this.#renderSession(intro) : intro}
        ${this.votesPerPerson > 0 && voting && !this.readonly && !this.presentation
          ? html`<p class="vote-budget">
              ${plural(this.votesPerPerson, {
                one: () => msg(str`Du har brukt ${votesUsed} av ${this.votesPerPerson} stemme på dette trinnet.`, { id: 'votes-used.one' }),
                two: () => msg(str`Du har brukt ${votesUsed} av ${this.votesPerPerson} stemmer på dette trinnet.`, { id: 'votes-used.two' }),
                other: () => msg(str`Du har brukt ${votesUsed} av ${this.votesPerPerson} stemmer på dette trinnet.`, { id: 'votes-used.other' }),
              })}
            </p>`
          : nothing}
        <div part="cards" class="cards">
          ${step.cards.map(
            (card) =>
              html`<innovasjon-kort
                .card=${card}
                .headingLevel=${clampLevel(this.headingLevel) + 1}
                ?presentation=${this.presentation}
              ></innovasjon-kort>`,
          )}
        </div>
        <innovasjon-oppfolging
          step=${step.number}
          heading-level=${clampLevel(this.headingLevel) + 1}
          ?readonly=${this.readonly || this.presentation || !controls.actions}
        ></innovasjon-oppfolging>
        ${standalone ? this.undoOffer.render() : nothing}
        ${standalone ? renderCredit() : nothing}
      </article>
    `;
  }
}
