
import { sendKeys } from '@web/test-runner-commands';
import type { RefleksjonLappMenu } from '../../src/refleksjon-lapp/note-menu.js';
import type { RefleksjonLapp } from '../../src/refleksjon-lapp/refleksjon-lapp.component.js';
import { click, deepActiveElement, waitUntil } from '../helpers.js';

/** Every element matching `selector` in the page, inside shadow roots too. */
export function deepQueryAll<T extends Element>(selector: string, root: Element = document.body): T[] {
  const found: T[] = [];
  const walk = (node: Element) => {
    if (node.matches(selector)) found.push(node as T);
    for (const child of [...node.children, ...(node.shadowRoot ? [...node.shadowRoot.children] : [])]) walk(child);
  };
  walk(root);
  return found;
}

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
export class LappHarness {
  constructor(readonly lapp: RefleksjonLapp) {}

  #find<T extends HTMLElement>(selector: string): T {
    const found = this.lapp.shadowRoot!.querySelector<T>(selector);
    if (!found) throw new Error(`No ${selector} in the note «${this.lapp.text}»`);
    return found;
  }

  /** The note's text, the button that opens editing. */
  get textButton(): HTMLElement {
    return this.#find('.edit-text');
  }

  /** The one button that opens the note's actions. */
  get menuButton(): HTMLButtonElement {
    return this.#find('button.menu-button');
  }

  /** The one-click vote button, shown while the team votes. */
  get voteButton(): HTMLButtonElement | null {
    return this.lapp.shadowRoot!.querySelector<HTMLButtonElement>('button.vote-button');
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
