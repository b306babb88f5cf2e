import { localized, msg, str } from '@lit/localize';
import { getLocale } from '../localization.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { emit } from '../events.js';
import '../innovasjon-trinn/innovasjon-trinn.js';
import type { InnovasjonTrinn } from '../innovasjon-trinn/innovasjon-trinn.component.js';
import { commonPartStyles, renderCredit, renderStorageStatus } from '../internal/common-parts.js';
import { GuideElement } from '../internal/guide-element.js';
import { clampLevel, heading } from '../internal/heading.js';
import '../innovasjon-kort/innovasjon-kort.js';
import { notesByCard, unplacedNotes } from '../internal/notes-by-card.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { guideStyles } from './innovasjon-guide.styles.js';

const LAST_STEP = 4;

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
 * @event innovasjon-step-change - The person moved to another step. Detail: `{step, previous}`.
 * @event innovasjon-change - The document changed in any way. Detail: `{data}`.
 * @event innovasjon-error - Storage failed. Detail: `{code, message}`.
 *
 * @csspart nav - The step navigation.
 * @csspart nav-button - One step in the navigation.
 * @csspart sheet - The sheet being shown.
 * @csspart pager - The previous and next buttons.
 * @csspart credit - The credit line.
 * @csspart message - A storage problem message.
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
 */
@localized()
export class InnovasjonGuide extends GuideElement {
  static override styles = [sharedStyles, commonPartStyles, guideStyles];

  /** The sheet shown: 0 is the introduction, 1 to 4 the steps. */
  @property({ type: Number, reflect: true }) step = 0;

  @query('innovasjon-trinn') private trinn?: InnovasjonTrinn;
  @query('.introduction .sheet-title') private introHeading?: HTMLElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const step = Math.trunc(Number(this.step));
    if (!(step >= 0 && step <= LAST_STEP)) this.step = 0;
    else if (step !== this.step) this.step = step;
  }

  override render() {
    const { steps } = this.content;
    const document = this.guide.store.document;
    const groups = notesByCard(document);
    const current = steps.find((step) => step.number === this.step);
    const unplaced = unplacedNotes(document, this.content);
    return html`
      ${this.renderAnnouncer()}
      ${renderStorageStatus(this.guide.error, () => this.guide.dismissError())}
      ${this.renderParticipant()}
      <nav part="nav" aria-label=${msg('Trinn i guiden')}>
        <ol>
          <li>${this.#navButton(0, msg('Introduksjon'), nothing)}</li>
          ${steps.map((step) => {
            const withNotes = step.cards.filter((card) => groups.get(card.id)?.length).length;
            const open = document.actions.filter((action) => action.step === step.number && !action.done).length;
            const notes = step.cards.reduce((sum, card) => sum + (groups.get(card.id)?.length ?? 0), 0);
            return html`<li>
              ${this.#navButton(
                step.number,
                step.title(),
                html`<span class="count">${this.#countLabel(notes)}</span>
                  <span class="progress"
                    >${msg(str`${withNotes} av ${step.cards.length} kort besvart`)}${open
                      ? html`, ${this.#openActionsLabel(open)}`
                      : nothing}</span
                  >`,
              )}
            </li>`;
          })}
        </ol>
      </nav>
      <div part="sheet" class="sheet">
        ${current
          ? html`<innovasjon-trinn
              .store=${this.guide.store}
              .content=${this.content}
              storage-key=${this.storageKey}
              number=${current.number}
              votes-per-person=${this.votesPerPerson}
              heading-level=${this.headingLevel}
              ?readonly=${this.readonly}
            ></innovasjon-trinn>`
          : this.#renderIntroduction()}
      </div>
      ${unplaced.length
        ? html`<innovasjon-kort
            class="unplaced"
            unplaced
            .store=${this.guide.store}
            .content=${this.content}
            .participantId=${this.identity.id}
            .headingLevel=${clampLevel(this.headingLevel) + 1}
            ?readonly=${this.readonly}
          ></innovasjon-kort>`
        : nothing}
      ${this.renderUndo()}
      <div part="pager" class="pager">
        ${this.step > 0
          ? html`<button type="button" class="previous" @click=${() => this.#go(this.step - 1)}>
              <span aria-hidden="true">←</span> ${this.#stepName(this.step - 1)}
            </button>`
          : nothing}
        ${this.step < LAST_STEP
          ? html`<button type="button" class="next primary" @click=${() => this.#go(this.step + 1)}>
              ${this.#stepName(this.step + 1)} <span aria-hidden="true">→</span>
            </button>`
          : nothing}
      </div>
      ${renderCredit()}
    `;
  }

  #navButton(step: number, name: string, count: unknown) {
    return html`<button
      type="button"
      part="nav-button"
      aria-current=${step === this.step ? 'step' : nothing}
      @click=${() => this.#go(step)}
    >
      ${step > 0 ? html`<span class="number">${msg(str`Trinn ${step}`)}</span>` : nothing}
      <span class="name">${name}</span>
      ${count}
    </button>`;
  }

  #countLabel(count: number): string {
    const formatted = new Intl.NumberFormat(getLocale()).format(count);
    return count === 1 ? msg(str`${formatted} lapp`) : msg(str`${formatted} lapper`);
  }

  #openActionsLabel(count: number): string {
    const formatted = new Intl.NumberFormat(getLocale()).format(count);
    return count === 1 ? msg(str`${formatted} åpen oppfølging`) : msg(str`${formatted} åpne oppfølginger`);
  }

  #stepName(step: number): string {
    const target = this.content.steps.find((each) => each.number === step);
    return target ? msg(str`Trinn ${step}: ${target.title()}`) : msg('Introduksjon');
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

  async #go(step: number): Promise<void> {
    const previous = this.step;
    if (step === previous) return this.#focusHeading();
    this.step = step;
    emit(this, 'innovasjon-step-change', { step, previous });
    await this.#focusHeading();
  }

  async #focusHeading(): Promise<void> {
    await this.updateComplete;
    const trinn = this.trinn;
    if (trinn) {
      await trinn.updateComplete;
      trinn.focusTitle();
    } else {
      this.introHeading?.focus();
    }
  }
}
