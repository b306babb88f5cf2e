import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { turguide } from '../content/turguide.js';
import type { GuideContent } from '../content/types.js';
import { summarize } from '../export/summary.js';
import { clampLevel, heading } from '../internal/heading.js';
import { StoreSelection } from '../internal/store-selection.js';
import type { GuideStore } from '../store/guide-store.js';
import type { Action, GuideDocument } from '../store/types.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { oppsummeringStyles } from './innovasjon-oppsummering.styles.js';
import { dateFormat } from '../internal/intl.js';
import { voteCount } from '../internal/note-count.js';

/**
 * The whole journey on one sheet: for each step its most-voted notes and its
 * follow-up actions, and the actions still open across the journey.
 * Shown after step 4 in `<innovasjon-guide>`, and printed with it.
 *
 * @summary The summary sheet of the guide.
 *
 * @csspart sheet - The summary sheet.
 */
@localized()
export class InnovasjonOppsummering extends LitElement {
  static override styles = [sharedStyles, oppsummeringStyles];

  /** A store to show when used outside a guide or step; inside one, the enclosing store is used. */
  @property({ attribute: false }) store?: GuideStore;

  /** The guide's content. */
  @property({ attribute: false }) content: GuideContent = turguide;

  /** The level of the sheet's heading. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @query('.sheet-title') private sheetTitle?: HTMLElement;

  readonly #document = new StoreSelection<GuideDocument | undefined>(this, (document) => document, undefined, () => this.store);

  /** The store shown: the enclosing guide's (through context), or the one given to `store`. */
  get #store(): GuideStore | undefined {
    return this.#document.store;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#document.follow();
  }

  /** Moves keyboard focus to the sheet's title. */
  focusTitle(): void {
    this.sheetTitle?.focus();
  }

  override render() {
    const document = this.#document.value ?? this.#store?.document;
    if (!document) return nothing;
    const summary = summarize(document, this.content);
    const level = clampLevel(this.headingLevel);
    const date = dateFormat();
    const stepTitle = new Map(this.content.steps.map((step) => [step.number, step.title()]));
    const action = (each: Action, withStep = false) => html`<li class=${each.done ? 'done' : ''}>
      <span class="text">${each.what}</span>
      <span class="meta">
        ${each.done ? html`(${msg('ferdig')})` : nothing} ${each.who ? html`· ${each.who}` : nothing}
        ${each.due ? html`· <time datetime=${each.due}>${date.format(new Date(`${each.due}T12:00:00`))}</time>` : nothing}
        ${withStep ? html`· ${msg(str`Trinn ${each.step}: ${stepTitle.get(each.step) ?? ''}`)}` : nothing}
      </span>
    </li>`;
    return html`<article part="sheet" aria-labelledby="summary-title">
      ${heading(level, 'sheet-title', msg('Oppsummering'), { id: 'summary-title', focusable: true })}
      <div class="steps">
        ${summary.steps.map(
          ({ step, topNotes, actions }) => html`<section aria-labelledby=${`summary-step-${step.number}`}>
            ${heading(level + 1, 'step-title', msg(str`Trinn ${step.number}: ${step.title()}`), {
              id: `summary-step-${step.number}`,
            })}
            <p class="label">${msg('Flest stemmer')}</p>
            ${topNotes.length
              ? html`<ul>
                  ${topNotes.map(
                    ({ note, card }) => html`<li>
                      <span class="text">${note.text}</span>
                      <span class="meta"
                        >· ${voteCount(note.votes.length)} ·
                        ${card.question()}</span
                      >
                    </li>`,
                  )}
                </ul>`
              : html`<p class="empty">${msg('Ingen lapper har fått stemmer ennå.')}</p>`}
            <p class="label">${msg('Oppfølging')}</p>
            ${actions.length
              ? html`<ul>
                  ${actions.map((each) => action(each))}
                </ul>`
              : html`<p class="empty">${msg('Ingen oppfølging er skrevet ned ennå.')}</p>`}
          </section>`,
        )}
      </div>
      <section class="open" aria-labelledby="summary-open">
        ${heading(level + 1, 'open-title', msg('Åpne oppfølgingspunkter'), { id: 'summary-open' })}
        ${summary.openActions.length
          ? html`<ul>
              ${summary.openActions.map((each) => action(each, true))}
            </ul>`
          : html`<p class="empty">${msg('Ingen åpne oppfølgingspunkter.')}</p>`}
      </section>
    </article>`;
  }
}
