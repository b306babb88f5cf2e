import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { announceChange } from '../../src/events.js';
import type { InnovasjonActionForm } from '../../src/features/action-forms.js';
import '../../src/innovasjon-oppfolging/innovasjon-oppfolging.js';
import type { InnovasjonOppfolging } from '../../src/innovasjon-oppfolging/innovasjon-oppfolging.component.js';
import { featureLoaders } from '../../src/internal/load-feature.js';
import { GuideStore } from '../../src/store/guide-store.js';
import { LIMITS } from '../../src/store/types.js';
import { click, deepActiveElement, deepText, expectAnnounced, liveRegion, waitUntil } from '../helpers.js';
import { ActionFormHarness, checkboxOf, oppfolgingHarness, rowParts } from './harness.js';

const stops: (() => void)[] = [];

/** `<tag#id.class>` of an element, for messages. */
const nameOf = (element: Element | null) =>
  element ? `<${element.localName}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).trim().split(/\s+/).join('.')}` : ''}>` : 'nothing';

/**
 * Asserts where focus is. Elements are never handed to chai: when an assertion
 * holding a DOM node fails, the runner cannot clone it and hangs instead of
 * reporting (modernweb-dev/web#2967), so messages carry names instead.
 */
function expectFocusOn(expected: Element | null) {
  const actual = deepActiveElement();
  expect(actual === expected, `focus is on ${nameOf(actual)}, not on ${nameOf(expected)}`).to.be.true;
}

/**
 * A store whose changes are announced the way a guide's controller does it:
 * from the element that made the change. The element itself only passes
 * `{ source: this }`, so these tests fail when it forgets to.
 */
function guideStore(): GuideStore {
  const store = new GuideStore();
  stops.push(
    store.subscribe((change) => {
      const source = change.source;
      announceChange(change, source instanceof Element && source.isConnected ? source : document.body);
    }),
  );
  return store;
}

async function make(store = guideStore(), { step = 1, readonly = false } = {}) {
  const element = await fixture<InnovasjonOppfolging>(
    html`<innovasjon-oppfolging .store=${store} step=${step} ?readonly=${readonly}></innovasjon-oppfolging>`,
  );
  return element;
}

// The list and its forms through their harnesses: these names read as the tests' own words.
const list = oppfolgingHarness;
const formOf = (form: InnovasjonActionForm) => new ActionFormHarness(form);
const rows = (element: InnovasjonOppfolging) => list(element).rows;
const rowTexts = (element: InnovasjonOppfolging) => list(element).rowTexts;
const statusText = (_element: InnovasjonOppfolging) => liveRegion()?.textContent?.trim() ?? '';
const addButton = (element: InnovasjonOppfolging) => list(element).addButton!;
const hasAddButton = (element: InnovasjonOppfolging) => list(element).hasAddButton;
/** Form fields anywhere in the element, the forms' shadow roots included. */
const fieldCount = (element: InnovasjonOppfolging) => list(element).fieldCount;
const field = (form: InnovasjonActionForm, name: 'what' | 'who' | 'due') => formOf(form).field(name);
const buttonIn = (form: InnovasjonActionForm, name: 'submit' | 'cancel') => formOf(form).button(name);
/** Presses «Legg til oppfølging» and waits for the form that takes its place. */
const openAddForm = async (element: InnovasjonOppfolging): Promise<InnovasjonActionForm> => (await list(element).openAddForm()).form;
/** Presses an action's «Rediger» and waits for the form in its row. */
const openEditForm = async (element: InnovasjonOppfolging, row = 0): Promise<InnovasjonActionForm> => (await list(element).openEditForm(row)).form;
/** Types into a form as a person does: click a field, type. */
const typeAction = (form: InnovasjonActionForm, what: string, who = '') => formOf(form).type(what, who);

describe('<innovasjon-oppfolging>', function () {
  this.timeout(15_000); // real typing (a protocol round trip per key) and axe: up to 9 s measured on a busy 2-core machine
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  describe('accessibility', () => {
    it('passes axe when empty and with actions, done and not', async () => {
      const store = guideStore();
      const element = await make(store);
      await expect(element).to.be.accessible();
      store.addAction({ step: 1, what: 'Ring rektor', who: 'Kari', due: '2026-12-01' });
      store.addAction({ step: 1, what: 'Booke møterom', done: true });
      await element.updateComplete;
      await expect(element).to.be.accessible();
    });

    it('passes axe while an action is edited, and when read-only', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ring rektor', who: 'Kari', due: '2026-12-01' });
      const element = await make(store);
      await openEditForm(element);
      await expect(element).to.be.accessible();

      const readonly = await make(store, { readonly: true });
      await expect(readonly).to.be.accessible();
    });

    it('passes axe with the add form open and an error shown', async () => {
      const element = await make();
      const form = await openAddForm(element);
      await click(buttonIn(form, 'submit'));
      await waitUntil(() => formOf(form).error('what'), 'the error appears');
      await expect(element).to.be.accessible();
    });
  });

  describe('defaults and attributes', () => {
    it('has step 1, is editable and has no store by default', () => {
      const element = document.createElement('innovasjon-oppfolging');
      expect(element.step).to.equal(1);
      expect(element.readonly).to.be.false;
      expect(element.store).to.equal(undefined);
      expect(element.actions).to.deep.equal([]);
    });

    it('reads step from its attribute and reflects readonly', async () => {
      const element = await make(guideStore(), { step: 3 });
      expect(element.step).to.equal(3);
      element.setAttribute('step', '2');
      element.readonly = true;
      await element.updateComplete;
      expect(element.step).to.equal(2);
      expect(element.hasAttribute('readonly')).to.be.true;
      element.removeAttribute('readonly');
      await element.updateComplete;
      expect(element.readonly).to.be.false;
    });

    it('without a store shows an empty list and no form or button', async () => {
      const element = await fixture<InnovasjonOppfolging>(html`<innovasjon-oppfolging></innovasjon-oppfolging>`);
      expect(list(element).showsAForm || list(element).buttonCount > 0, 'no form or button').to.be.false;
      expect(deepText(element)).to.contain('Ingen oppfølging er skrevet ned ennå.');
    });
  });

  describe('content', () => {
    it('shows an h3 "Fortsett turen!", the intro and one "Legg til oppfølging" button, and no form fields', async () => {
      const element = await make();
      expect(list(element).heading.localName).to.equal('h3');
      expect(list(element).heading.textContent!.trim()).to.equal('Fortsett turen!');
      expect(deepText(element)).to.contain('Hva gjør vi videre? Skriv ned hvem som gjør hva, og når.');
      const buttons = list(element).buttonTexts;
      expect(buttons).to.deep.equal(['Legg til oppfølging']);
      expect(fieldCount(element)).to.equal(0);
    });

    it('fetches the forms only when "Legg til oppfølging" is pressed; the form takes its place with focus in "what"', async () => {
      const original = featureLoaders.actionForms;
      let fetches = 0;
      featureLoaders.actionForms = () => (fetches++, original());
      try {
        const store = guideStore();
        store.addAction({ step: 1, what: 'Ring rektor' });
        const element = await make(store);
        expect(fieldCount(element)).to.equal(0);
        expect(list(element).forms.length + list(element).fieldCount).to.equal(0);
        expect(fetches, 'nothing is fetched for the first render').to.equal(0);

        const form = await openAddForm(element);
        expect(fetches).to.equal(1);
        expect(hasAddButton(element), 'the form replaces the button').to.be.false;
        expectFocusOn(field(form, 'what'));
        const labels = formOf(form).labels;
        expect(labels).to.deep.equal(['Hva skal gjøres?', 'Hvem?', 'Når?']);
        expect(field(form, 'what').required).to.be.true;
        expect(field(form, 'what').maxLength).to.equal(LIMITS.actionText);
        expect(field(form, 'due').type).to.equal('date');
        expect(buttonIn(form, 'submit').textContent!.trim()).to.equal('Legg til oppfølging');
        expect(buttonIn(form, 'cancel').textContent!.trim()).to.equal('Avbryt');
      } finally {
        featureLoaders.actionForms = original;
      }
    });

    it("shows only this step's actions, each with who, a formatted date in <time> and a checkbox named by its text", async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ring rektor', who: 'Kari', due: '2026-12-01' });
      store.addAction({ step: 2, what: 'Ikke her' });
      store.addAction({ step: 1, what: 'Booke møterom' });
      const element = await make(store);
      expect(rowTexts(element)).to.deep.equal(['Ring rektor', 'Booke møterom']);
      const [first, second] = rows(element);
      expect(rowParts(first).who!.textContent).to.equal('Ansvarlig: Kari');
      const time = rowParts(first).time!;
      expect(time.getAttribute('datetime')).to.equal('2026-12-01');
      expect(time.textContent).to.equal(new Intl.DateTimeFormat('nb', { dateStyle: 'medium' }).format(new Date(2026, 11, 1)));
      expect(rowParts(second).meta).to.equal(null);
      // The checkbox is named by the action's text: the label around it holds the text and nothing else.
      const label = checkboxOf(first).closest('label')!;
      expect(label.textContent!.trim()).to.equal('Ring rektor');
      expect(rowParts(first).editButton!.getAttribute('aria-label')).to.equal('Rediger oppfølging: Ring rektor');
      expect(rowParts(first).deleteButton!.getAttribute('aria-label')).to.equal('Slett oppfølging: Ring rektor');
    });

    it('marks a done action with a line-through and the word "Ferdig", not colour alone', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ferdig sak', done: true });
      store.addAction({ step: 1, what: 'Åpen sak' });
      const element = await make(store);
      const [done, open] = rows(element);
      expect(rowParts(done).doneLabel!.textContent).to.equal('Ferdig');
      expect(getComputedStyle(rowParts(done).what!).textDecorationLine).to.equal('line-through');
      expect(checkboxOf(done).checked).to.be.true;
      expect(rowParts(open).doneLabel).to.equal(null);
      expect(getComputedStyle(rowParts(open).what!).textDecorationLine).to.equal('none');
    });

    it('renders markup in the text as text', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: '<img src=x onerror=alert(1)><b>x</b>', who: '<i>Kari</i>' });
      const element = await make(store);
      expect(rowTexts(element)).to.deep.equal(['<img src=x onerror=alert(1)><b>x</b>']);
      expect(list(element).renders('.item img, .item b, .item i'), 'no markup from the text').to.be.false;
    });

    it('read-only shows the list with disabled checkboxes and no form or buttons', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ring rektor' });
      const element = await make(store, { readonly: true });
      expect(rowTexts(element)).to.deep.equal(['Ring rektor']);
      expect(checkboxOf(rows(element)[0]).disabled).to.be.true;
      expect(list(element).showsAForm, 'no form').to.be.false;
      expect(list(element).buttonCount).to.equal(0);
    });
  });

  describe('loading the forms', () => {
    it('a failed fetch leaves the button, sends chunk-load-failed and tells the person; a second press works', async () => {
      const original = featureLoaders.actionForms;
      featureLoaders.actionForms = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      let element: InnovasjonOppfolging;
      try {
        element = await make();
        const failed = oneEvent(element, 'innovasjon-error');
        await click(addButton(element));
        const { detail } = await failed;
        expect(detail.code).to.equal('chunk-load-failed');
        await expectAnnounced('Denne delen av guiden kunne ikke lastes.');
        await element.updateComplete;
        expect(hasAddButton(element), 'the button is still there').to.be.true;
        expect(fieldCount(element)).to.equal(0);
        expect(list(element).forms.length).to.equal(0);
      } finally {
        featureLoaders.actionForms = original;
      }
      const form = await openAddForm(element);
      expectFocusOn(field(form, 'what'));
    });

    it('a failed fetch for Rediger leaves the row as it was', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ring rektor' });
      const element = await make(store);
      const original = featureLoaders.actionForms;
      featureLoaders.actionForms = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      try {
        const failed = oneEvent(element, 'innovasjon-error');
        await click(rowParts(rows(element)[0]).editButton!);
        expect((await failed).detail.code).to.equal('chunk-load-failed');
        await element.updateComplete;
        expect(rowTexts(element)).to.deep.equal(['Ring rektor']);
        expect(list(element).rowButtonCount(rows(element)[0])).to.equal(2);
        expect(list(element).forms.length).to.equal(0);
      } finally {
        featureLoaders.actionForms = original;
      }
    });
  });

  describe('adding', () => {
    it('Enter adds the action, the event carries it, the form closes and focus returns to the add button', async () => {
      const store = guideStore();
      const element = await make(store, { step: 2 });
      const form = await openAddForm(element);
      await typeAction(form, 'Ring rektor', 'Kari');
      field(form, 'due').value = '2026-12-01'; // date fields take keys differently per engine
      await click(field(form, 'what'));
      const added = oneEvent(element, 'innovasjon-action-add');
      await sendKeys({ press: 'Enter' });
      const { detail } = await added;
      expect(detail.action).to.include({ step: 2, what: 'Ring rektor', who: 'Kari', due: '2026-12-01', done: false });
      expect(store.document.actions).to.deep.equal([detail.action]);
      await waitUntil(() => hasAddButton(element), 'the add button is back');
      expect(rowTexts(element)).to.deep.equal(['Ring rektor']);
      expect(fieldCount(element)).to.equal(0);
      expectFocusOn(addButton(element));
      await waitUntil(() => statusText(element) === 'Oppfølging lagt til', 'the addition is announced');
    });

    it("the form's own button adds too and trims the text", async () => {
      const store = guideStore();
      const element = await make(store);
      let form = await openAddForm(element);
      await typeAction(form, '  Lage plan  ');
      const added = oneEvent(element, 'innovasjon-action-add');
      await click(buttonIn(form, 'submit'));
      expect((await added).detail.action.what).to.equal('Lage plan');
      await waitUntil(() => hasAddButton(element), 'the add button is back');
      expectFocusOn(addButton(element));
      await waitUntil(() => statusText(element) === 'Oppfølging lagt til');
      form = await openAddForm(element);
      await sendKeys({ type: 'Neste' });
      await click(buttonIn(form, 'submit'));
      await waitUntil(() => statusText(element) === 'Oppfølging lagt til');
      expect(store.document.actions.map((action) => action.what)).to.deep.equal(['Lage plan', 'Neste']);
    });

    it('Escape and the Cancel button close the add form without adding; focus returns to the add button', async () => {
      const store = guideStore();
      const element = await make(store);
      let heard = 0;
      element.addEventListener('innovasjon-action-add', () => heard++);
      await openAddForm(element);
      await sendKeys({ type: 'Glemt' });
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => hasAddButton(element), 'Escape closes the form');
      expectFocusOn(addButton(element));
      expect(fieldCount(element)).to.equal(0);

      const form = await openAddForm(element);
      expect(field(form, 'what').value, 'a new form starts empty').to.equal('');
      await sendKeys({ type: 'Også glemt' });
      await click(buttonIn(form, 'cancel'));
      await waitUntil(() => hasAddButton(element), 'Cancel closes the form');
      expectFocusOn(addButton(element));
      expect(heard).to.equal(0);
      expect(store.document.actions).to.deep.equal([]);
    });

    it('an empty "what" adds nothing and shows an error tied to the field, with focus in it', async () => {
      const store = guideStore();
      const element = await make(store);
      let heard = 0;
      element.addEventListener('innovasjon-action-add', () => heard++);
      const form = await openAddForm(element);
      await sendKeys({ type: '   ' });
      await sendKeys({ press: 'Enter' });
      // Firefox may answer the key before the form has handled it: wait for the form's answer.
      await waitUntil(() => field(form, 'what').getAttribute('aria-invalid') === 'true', 'Enter marks the field invalid');
      const what = field(form, 'what');
      expect(what.getAttribute('aria-invalid')).to.equal('true');
      expect(what.getAttribute('aria-describedby')).to.equal('what-error');
      expect(formOf(form).error('what')!.textContent).to.equal('Skriv hva som skal gjøres.');
      expectFocusOn(what);
      await waitUntil(() => statusText(element) === 'Skriv hva som skal gjøres.', 'the error is said politely too');

      await click(buttonIn(form, 'submit'));
      await form.updateComplete;
      expectFocusOn(what);
      expect(heard).to.equal(0);
      expect(store.document.actions).to.deep.equal([]);

      await sendKeys({ type: 'Nå' });
      await form.updateComplete;
      expect(what.hasAttribute('aria-invalid')).to.be.false;
      expect(what.hasAttribute('aria-describedby')).to.be.false;
      expect(formOf(form).error('what')).to.equal(null);
    });

    it('a date the document cannot hold is refused with an error by the date field', async () => {
      const store = guideStore();
      const element = await make(store);
      const form = await openAddForm(element);
      await typeAction(form, 'Langt fram');
      const due = field(form, 'due');
      due.value = '12345-01-01'; // a valid date for the field, but not YYYY-MM-DD
      await click(buttonIn(form, 'submit'));
      await form.updateComplete;
      expect(due.getAttribute('aria-invalid')).to.equal('true');
      expect(due.getAttribute('aria-describedby')).to.equal('due-error');
      expect(formOf(form).error('due')!.textContent).to.equal('Skriv en gyldig dato, eller la feltet stå tomt.');
      expect(field(form, 'what').hasAttribute('aria-invalid')).to.be.false;
      expectFocusOn(due);
      expect(store.document.actions).to.deep.equal([]);
    });
  });

  describe('changing', () => {
    it('clicking the checkbox marks the action done and sends a change with the previous action', async () => {
      const store = guideStore();
      const action = store.addAction({ step: 1, what: 'Ring rektor' });
      const element = await make(store);
      const changed = oneEvent(element, 'innovasjon-action-change');
      await click(checkboxOf(rows(element)[0]));
      const { detail } = await changed;
      expect(detail.previous).to.deep.equal(action);
      expect(detail.action).to.include({ id: action.id, done: true });
      expect(store.document.actions[0].done).to.be.true;
      await element.updateComplete;
      expect(rowParts(rows(element)[0]).doneLabel).to.exist;
    });

    it('Space on the focused checkbox toggles it back', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ring rektor', done: true });
      const element = await make(store);
      checkboxOf(rows(element)[0]).focus();
      const changed = oneEvent(element, 'innovasjon-action-change');
      await sendKeys({ press: ' ' });
      expect((await changed).detail.action.done).to.be.false;
      expect(store.document.actions[0].done).to.be.false;
    });

    it('Edit opens the same fields filled in; Enter saves, focus returns to Edit', async () => {
      const store = guideStore();
      const action = store.addAction({ step: 1, what: 'Ring rektor', who: 'Kari', due: '2026-12-01' });
      const element = await make(store);
      const form = await openEditForm(element);
      expectFocusOn(field(form, 'what'));
      expect(field(form, 'what').value).to.equal('Ring rektor');
      expect(field(form, 'who').value).to.equal('Kari');
      expect(field(form, 'due').value).to.equal('2026-12-01');
      expect(buttonIn(form, 'submit').textContent!.trim()).to.equal('Lagre');
      await sendKeys({ type: ' i morgen' });
      const changed = oneEvent(element, 'innovasjon-action-change');
      await sendKeys({ press: 'Enter' });
      const { detail } = await changed;
      expect(detail.previous.what).to.equal('Ring rektor');
      expect(detail.action).to.include({ id: action.id, what: 'Ring rektor i morgen', who: 'Kari', due: '2026-12-01' });
      await waitUntil(() => !list(element).editForm, 'the edit form closes');
      expect(rowTexts(element)).to.deep.equal(['Ring rektor i morgen']);
      expectFocusOn(list(element).firstEditButton);
      await waitUntil(() => statusText(element) === 'Oppfølging lagret');
    });

    it('Escape cancels an edit without a change; so does the Cancel button', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ring rektor' });
      const element = await make(store);
      let heard = 0;
      element.addEventListener('innovasjon-action-change', () => heard++);
      await openEditForm(element);
      await sendKeys({ type: ' nei' });
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !list(element).editForm, 'Escape closes the edit form');
      expectFocusOn(list(element).firstEditButton);

      const form = await openEditForm(element);
      await sendKeys({ type: ' heller ikke' });
      await click(buttonIn(form, 'cancel'));
      await waitUntil(() => !list(element).editForm, 'Cancel closes the edit form');
      expectFocusOn(list(element).firstEditButton);
      expect(heard).to.equal(0);
      expect(store.document.actions[0].what).to.equal('Ring rektor');
    });

    it('the Save button saves who, and an emptied "what" is refused with the error by the field', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ring rektor' });
      const element = await make(store);
      let form = await openEditForm(element);
      await click(field(form, 'who'));
      await sendKeys({ type: 'Ola' });
      const changed = oneEvent(element, 'innovasjon-action-change');
      await click(buttonIn(form, 'submit'));
      expect((await changed).detail.action.who).to.equal('Ola');
      await waitUntil(() => !list(element).editForm, 'the edit form closes');

      form = await openEditForm(element);
      field(form, 'what').select();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Enter' });
      // Firefox may answer the key before the form has handled it: wait for the form's answer.
      await waitUntil(() => field(form, 'what').getAttribute('aria-invalid') === 'true', 'Enter marks the field invalid');
      const what = field(form, 'what');
      expect(what.getAttribute('aria-invalid')).to.equal('true');
      expect(what.getAttribute('aria-describedby')).to.equal('what-error');
      expectFocusOn(what);
      expect(store.document.actions[0].what).to.equal('Ring rektor');
    });

    it('an action can be edited while the add form is open, and each form keeps its own text', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Ring rektor' });
      const element = await make(store);
      const add = await openAddForm(element);
      await sendKeys({ type: 'Halvskrevet' });
      const edit = await openEditForm(element);
      expectFocusOn(field(edit, 'what'));
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !list(element).editForm, 'the edit form closes');
      expect(field(add, 'what').value).to.equal('Halvskrevet');
      expect(hasAddButton(element)).to.be.false;
    });
  });

  describe('deleting', () => {
    it('Delete removes the action, sends its event, and moves focus to the next checkbox', async () => {
      const store = guideStore();
      const first = store.addAction({ step: 1, what: 'Første' });
      store.addAction({ step: 1, what: 'Andre' });
      const element = await make(store);
      const removed = oneEvent(element, 'innovasjon-action-remove');
      await click(rowParts(rows(element)[0]).deleteButton!);
      expect((await removed).detail.action).to.deep.equal(first);
      expect(store.document.actions.map((action) => action.what)).to.deep.equal(['Andre']);
      await element.updateComplete;
      expect(rowTexts(element)).to.deep.equal(['Andre']);
      expectFocusOn(checkboxOf(rows(element)[0]));
      await waitUntil(() => statusText(element) === 'Oppfølging slettet');
    });

    it('deleting the last action moves focus to the add button, never to <body>', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Første' });
      store.addAction({ step: 1, what: 'Andre' });
      const element = await make(store);
      rowParts(rows(element)[1]).deleteButton!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => rows(element).length === 1, 'Enter on Slett deletes the action');
      expect(rowTexts(element)).to.deep.equal(['Første']);
      expectFocusOn(addButton(element));
      expect(document.activeElement === document.body, 'focus fell to <body>').to.be.false;
    });

    it('deleting an action whose next row is being edited moves focus into that form', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'Første' });
      store.addAction({ step: 1, what: 'Andre' });
      const element = await make(store);
      const form = await openEditForm(element, 1);
      rowParts(rows(element)[0]).deleteButton!.focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(store.document.actions.map((action) => action.what)).to.deep.equal(['Andre']);
      expectFocusOn(field(form, 'what'));
    });
  });

  describe('the store', () => {
    it('re-renders only when the actions of its own step change', async () => {
      const store = guideStore();
      const element = await make(store, { step: 1 });
      store.addAction({ step: 2, what: 'Annet trinn' });
      store.addNote({ cardId: 't1-mal', text: 'En lapp' });
      expect(element.isUpdatePending).to.be.false;
      store.addAction({ step: 1, what: 'Dette trinnet' });
      expect(element.isUpdatePending).to.be.true;
      await element.updateComplete;
      expect(rowTexts(element)).to.deep.equal(['Dette trinnet']);
    });

    it('follows a change of step and of store', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'En' });
      store.addAction({ step: 4, what: 'Fire' });
      const element = await make(store);
      element.step = 4;
      await element.updateComplete;
      expect(rowTexts(element)).to.deep.equal(['Fire']);
      const other = guideStore();
      other.addAction({ step: 4, what: 'Annen' });
      element.store = other;
      await element.updateComplete;
      expect(rowTexts(element)).to.deep.equal(['Annen']);
      store.addAction({ step: 4, what: 'Gammel butikk' });
      expect(element.isUpdatePending).to.be.false;
    });

    it('changes nothing and sends no event when code sets its properties', async () => {
      const store = guideStore();
      store.addAction({ step: 1, what: 'En' });
      const element = await make(store);
      let changes = 0;
      stops.push(store.subscribe(() => changes++));
      let heard = 0;
      const hear = () => heard++;
      const types = ['innovasjon-action-add', 'innovasjon-action-change', 'innovasjon-action-remove', 'innovasjon-change'];
      for (const type of types) document.addEventListener(type, hear);
      stops.push(() => types.forEach((type) => document.removeEventListener(type, hear)));
      element.step = 2;
      element.readonly = true;
      await element.updateComplete;
      element.step = 1;
      element.readonly = false;
      element.store = guideStore();
      await element.updateComplete;
      element.store = store;
      await element.updateComplete;
      expect(changes).to.equal(0);
      expect(heard).to.equal(0);
      expect(rowTexts(element)).to.deep.equal(['En']);
    });
  });
});
