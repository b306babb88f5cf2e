
import { sendKeys } from '@web/test-runner-commands';
import type { RefleksjonLappMenu } from '../../src/refleksjon-lapp/note-menu.js';
import type { RefleksjonLapp } from '../../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { click, deepActiveElement, deepQueryAll, waitUntil } from '../helpers.js';
import { ShadowHarness } from '../harness.js';

/** Every note menu element in the page (a board's shared one, or notes' own). */
export const menusIn = (root: Element = document.body) => deepQueryAll<RefleksjonLappMenu>('refleksjon-lapp-menu', root);

const popupOf = (menu: RefleksjonLappMenu) => menu.shadowRoot?.querySelector<HTMLElement>('[role=menu]') ?? null;

/** The popups shown right now. */
export const openPopups = (root: Element = document.body) =>
  menusIn(root)
    .map(popupOf)
    .filter((popup): popup is HTMLElement => !!popup?.matches(':popover-open'));

/** The visible text of an element, spaces squeezed, without the check mark. */
const label = (element: Element) => (element.textContent ?? '').replace('✓', '').replace(/\s+/g, ' ').trim();

/**
 * One note, as a person reaches it: its text (focusable: a click or Enter opens editing),
 * its menu button, its vote button, and the menu those open. Tests go through
 * this, so a change of markup touches one file.
 */
export class LappHarness extends ShadowHarness<RefleksjonLapp> {
  constructor(readonly lapp: RefleksjonLapp) {
    super(lapp);
  }

  #find<T extends HTMLElement>(selector: string): T {
    return this.one<T>(selector, `${selector} in the note «${this.lapp.text}»`);
  }

  /** The note's text, the button that opens editing. */
  get textButton(): HTMLElement {
    return this.#find('.edit-text');
  }

  /** The element that shows the note's text (the text button while not editing). */
  get textElement(): HTMLElement {
    return this.#find('.text');
  }

  /** The note itself, the coloured paper with its accessible name. */
  get note(): HTMLElement {
    return this.#find('.note');
  }

  /** The line under the text: author and time. */
  get meta(): HTMLElement {
    return this.#find('.meta');
  }

  /** The author's name as shown, or null when the note shows none. */
  get author(): HTMLElement | null {
    return this.maybe('.author');
  }

  /** The vote count shown on the note, or null at zero votes. */
  get votes(): HTMLElement | null {
    return this.maybe('.votes');
  }

  /** The drag handle (moving the note with a pointer). */
  get handle(): HTMLElement {
    return this.#find('.handle');
  }

  /** The text field while the note is being written or edited. */
  get textarea(): HTMLTextAreaElement {
    return this.#find('textarea');
  }

  /** «Lagre» while editing. */
  get saveButton(): HTMLButtonElement {
    return this.#find('button.save');
  }

  /** «Avbryt» while editing. */
  get cancelButton(): HTMLButtonElement {
    return this.#find('button.cancel');
  }

  /** The message shown when the text is too long. */
  get tooLongMessage(): HTMLElement {
    return this.#find('#too-long');
  }

  /** Every button the note shows. */
  get buttons(): HTMLButtonElement[] {
    return this.all<HTMLButtonElement>('button');
  }

  /** The one button that opens the note's actions. */
  get menuButton(): HTMLButtonElement {
    return this.#find('button.menu-button');
  }

  /** The one-click vote button, shown while the team votes. */
  get voteButton(): HTMLButtonElement | null {
    return this.maybe<HTMLButtonElement>('button.vote-button');
  }

  /** The menu popup open for this note, if any. */
  get menu(): HTMLElement | null {
    const menu = menusIn().find((each) => each.target === this.lapp);
    const popup = menu ? popupOf(menu) : null;
    return popup?.matches(':popover-open') ? popup : null;
  }

  /** The items of the open menu. */
  get items(): HTMLElement[] {
    return [...(this.menu?.querySelectorAll<HTMLElement>('[role^=menuitem]') ?? [])];
  }

  /** The open menu's item whose visible text is `name` (a colour by its name: "rosa"). */
  item(name: string): HTMLElement {
    const found = this.items.find((each) => label(each) === name);
    if (!found) throw new Error(`No item «${name}» in the menu (${this.items.map(label).join(', ')})`);
    return found;
  }

  /** The visible names of the open menu's items. */
  get itemNames(): string[] {
    return this.items.map(label);
  }

  /** Opens the menu with a click, or by focusing its button and pressing a key. */
  async openMenu(how: 'click' | 'Enter' | ' ' | 'ArrowDown' | 'ArrowUp' = 'click'): Promise<HTMLElement> {
    if (how === 'click') await click(this.menuButton);
    else {
      this.menuButton.focus();
      await sendKeys({ press: how });
    }
    await waitUntil(() => this.menu && this.items.includes(deepActiveElement() as HTMLElement), 'the menu opens with focus in it');
    return this.menu!;
  }

  /** Opens the menu and clicks the item named `name`. */
  async choose(name: string): Promise<void> {
    if (!this.menu) await this.openMenu();
    await click(this.item(name));
    await this.lapp.updateComplete;
  }
}

export const harness = (lapp: RefleksjonLapp) => new LappHarness(lapp);
