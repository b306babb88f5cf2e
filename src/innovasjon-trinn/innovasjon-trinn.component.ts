import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import '../innovasjon-kort/innovasjon-kort.js';
import '../innovasjon-oppfolging/innovasjon-oppfolging.js';
import { commonPartStyles, renderCredit, renderRoomStatus, renderStorageStatus } from '../internal/common-parts.js';
import { GuideElement } from '../internal/guide-element.js';
import { clampLevel, heading } from '../internal/heading.js';
import { LazyNoteDrag } from '../internal/lazy-note-drag.js';
import { noteCount } from '../internal/note-count.js';
import { notesByCard } from '../internal/notes-by-card.js';
import { setSound, soundOn } from '../internal/chime.js';
import { countdown } from '../internal/countdown.js';
import { phaseName } from '../internal/phase-name.js';
import { NoteMenuController } from '../refleksjon-lapp/note-menu.js';
import { controlsFor, type SessionState } from '../store/session.js';
import type { Note } from '../store/types.js';
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
 * @event innovasjon-error - Storage failed, or a workshop room could not be started or joined. Detail: `{code, message}`.
 * @event innovasjon-room-start - This page started a workshop room and leads it. Detail: `{room, linkExpiresAt, codeExpiresAt}`.
 * @event innovasjon-participant-remove - The facilitator removed a person from the workshop room. Detail: `{participant, name}`.
 *
 * @csspart sheet - The worksheet.
 * @csspart title - The step's heading.
 * @csspart intro - The step's intro paragraph.
 * @csspart cards - The grid of question cards.
 * @csspart credit - The credit line.
 * @csspart message - A storage problem message.
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

  #isOwn = (note: Note) => this.isOwnNote(note);

  /** While writing is hidden: how many notes each person holds, never what they say. */
  #renderHiddenCounts(own: number) {
    const others = (this.guide.room?.presence ?? []).filter((person) => !person.self && person.hidden);
    const names = others.map((person) => msg(str`${person.name || msg('uten navn')}: ${noteCount(person.hidden ?? 0)}`, { id: 'collab.hidden-count-of' }));
    return html`<p class="hidden-counts">
      ${msg(str`Skjulte lapper – du: ${noteCount(own)}`, { id: 'hidden.counts-own' })}${names.length ? html`; ${names.join('; ')}` : nothing}.
    </p>`;
  }

  /** Moves keyboard focus to the step's title. */
  focusTitle(): void {
    this.titleHeading?.focus();
  }

  override render() {
    const step = this.content.steps.find((each) => each.number === Number(this.number));
    if (!step) return nothing;
    const standalone = !this.guide.nested;
    const document = this.guide.store.document;
    const groups = notesByCard(document);
    const votesUsed = step.cards.reduce(
      (sum, card) => sum + (groups.get(card.id) ?? []).filter((note) => note.votes.includes(this.identity.participantId)).length,
      0,
    );
    const votesUsedUp = this.votesPerPerson > 0 && votesUsed >= this.votesPerPerson;
    const session = this.guide.session;
    const phased = session.state.phase !== null && session.state.step === step.number;
    const controls = controlsFor(session.state, step.number, session.canLead);
    const voting = phased ? controls.voteButtons : this.votesPerPerson > 0;
    const hidden = this.guide.hiddenNotes.notes;
    // Until a live room's session is known (offline after a reload), nobody can tell whether writing is
    // hidden: new notes wait on this device as hidden ones do, and go in once it is known and not hidden.
    const sessionUnknown = session.ready === false;
    // One unchanged empty list where nothing is hidden: a card given a new one would render again.
    const hiddenOn = (cardId: string) => (hidden.length ? hidden.filter((note) => note.cardId === cardId) : NO_NOTES);
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
        <p part="intro" class="intro">${step.intro()}</p>
        ${phased ? renderPhase(session.state, () => session.now()) : nothing}
        ${phased && session.state.hidden ? this.#renderHiddenCounts(hidden.length) : nothing}
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
                .content=${this.content}
                .author=${this.author}
                .participantId=${this.identity.participantId}
                .votesUsedUp=${votesUsedUp}
                .voting=${voting}
                ?no-votes=${!controls.votes}
                ?no-new-notes=${!controls.addNotes}
                ?hidden-writing=${(phased && session.state.hidden) || sessionUnknown}
                ?session-unknown=${sessionUnknown}
                ?live=${this.guide.source?.kind === 'room'}
                ?others-fixed=${this.othersFixed || this.othersNotesFixed}
                .isOwn=${this.#isOwn}
                .hiddenNotes=${hiddenOn(card.id)}
                .headingLevel=${clampLevel(this.headingLevel) + 1}
                ?readonly=${this.readonly || this.presentation}
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

/** The phase the facilitator set on this step, and what it asks of the team. */
function renderPhase({ phase, notesWhileVoting, timer }: SessionState, now: () => number) {
  if (phase === null) return nothing;
  const guidance = {
    write: () => msg('Skriv lappene dine. Avstemming og oppfølging kommer senere.', { id: 'phase.write.guidance' }),
    share: () => msg('Del lappene med hverandre, og sorter dem sammen.', { id: 'phase.share.guidance' }),
    vote: () =>
      notesWhileVoting
        ? msg('Stem på lappene som betyr mest.', { id: 'phase.vote.guidance-open' })
        : msg('Stem på lappene som betyr mest. Nye lapper venter til neste fase.', { id: 'phase.vote.guidance' }),
    agree: () => msg('Bli enige om hva som skal skje videre, og skriv det inn under Oppfølging.', { id: 'phase.agree.guidance' }),
  }[phase];
  return html`<p part="phase" class="phase">
    <strong>${msg(str`Fase: ${phaseName(phase)}`, { id: 'phase.current' })}.</strong> ${guidance()}
    ${timer && timer.startedAt > 0
      ? html`<span class="time-left" role="timer">${msg('Tid igjen:', { id: 'phase.time-left' })}
            <span class="clock">${countdown(timer.startedAt + timer.duration, timer.duration, now)}</span></span
          ><label class="sound"
            ><input type="checkbox" .checked=${soundOn()} @change=${(event: Event) => setSound((event.target as HTMLInputElement).checked)} />
            ${msg('Lyd når tiden er ute', { id: 'phase.sound' })}</label
          >`
      : nothing}
  </p>`;
}

const NO_NOTES: readonly Note[] = Object.freeze([]);
