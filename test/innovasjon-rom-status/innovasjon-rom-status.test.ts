import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-rom-status/innovasjon-rom-status.js';
import type { InnovasjonRomStatus } from '../../src/innovasjon-rom-status/innovasjon-rom-status.js';
import { click, deepText, expectFocusOn, waitUntil } from '../helpers.js';
import { FakeRoom } from './fake-room.js';
import { romStatusHarness as status } from './harness.js';

const people = [
  { id: 'kari', name: 'Kari', step: 1, self: true },
  { id: 'ola', name: 'Ola', step: 2, self: false },
  { id: 'x', name: '', step: 1, self: false },
];

async function show(room: FakeRoom) {
  const element = await fixture<InnovasjonRomStatus>(html`<innovasjon-rom-status .room=${room.asRoom}></innovasjon-rom-status>`);
  return element;
}

describe('<innovasjon-rom-status>', () => {
  it('says where the connection stands, in words, and follows the room', async () => {
    const room = new FakeRoom({ state: { status: 'connecting' } });
    const element = await show(room);
    expect(deepText(element)).to.contain('Kobler til rommet');
    room.set({ state: { status: 'offline' } });
    await element.updateComplete;
    expect(deepText(element)).to.contain('Endringene dine lagres på denne enheten og sendes når forbindelsen er tilbake');
    room.set({ state: { status: 'unauthorized', reason: 'token-expired' } });
    await element.updateComplete;
    expect(deepText(element)).to.contain('Ikke tilgang til rommet');
    expect(status(element).statusLine!.getAttribute('data-status')).to.equal('unauthorized');
    await expect(element).to.be.accessible();
  });

  it('says while the page cannot write to the room, and that what is written is kept on this device', async () => {
    const room = new FakeRoom();
    const element = await show(room);
    expect(status(element).readOnlyNote).to.equal(null);
    room.set({ readOnly: true });
    await element.updateComplete;
    expect(status(element).readOnlyNote!.textContent).to.contain('denne siden kan ikke skrive i rommet');
    expect(status(element).readOnlyNote!.textContent).to.contain('lagres på denne enheten');
    await expect(element).to.be.accessible();
    room.set({ readOnly: false });
    await element.updateComplete;
    expect(status(element).readOnlyNote).to.equal(null);
  });

  it('lists who is here, by name, with this person marked', async () => {
    const element = await show(new FakeRoom({ presence: people }));
    const items = status(element).people;
    expect(items).to.deep.equal(['Kari (deg)', 'Ola', 'Uten navn']);
    expect(status(element).peopleList.getAttribute('aria-label')).to.equal('Her nå, 3 personer');
    await expect(element).to.be.accessible();
  });

  it('offers this device’s earlier notes; both answers work by mouse and keyboard', async () => {
    const room = new FakeRoom({ localOffer: { notes: 3, actions: 0 } });
    const element = await show(room);
    expect(deepText(element)).to.contain('Denne enheten har 3 lapper');
    await expect(element).to.be.accessible();
    await click(status(element).bringInButton!);
    expect(room.calls).to.deep.equal(['bringInLocal']);
    await element.updateComplete;
    expect(status(element).offer).to.equal(null);

    room.set({ localOffer: { notes: 1, actions: 0 } });
    await element.updateComplete;
    expect(deepText(element)).to.contain('én lapp');
    status(element).keepApartButton.focus();
    await sendKeys({ press: 'Enter' });
    expect(room.calls).to.deep.equal(['bringInLocal', 'keepLocalApart']);
  });

  it('asks once more before removing the room from this device; Avbryt takes focus back', async () => {
    const room = new FakeRoom();
    const element = await show(room);
    status(element).removeButton!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => status(element).cancelRemoveButton, 'the question shows');
    expectFocusOn(status(element).cancelRemoveButton, 'focus on Avbryt');
    expect(deepText(element)).to.contain('Det som er lagret på serveren, og de andres lapper, er ikke rørt');
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => status(element).removeButton, 'back to the button');
    expectFocusOn(status(element).removeButton, 'focus back on the button');
    expect(room.calls).to.deep.equal([]);

    await click(status(element).removeButton!);
    await waitUntil(() => status(element).confirmRemoveButton, 'the question shows');
    await click(status(element).confirmRemoveButton!);
    await waitUntil(() => room.calls.includes('removeFromDevice'), 'removed');
    await element.updateComplete;
    expect(deepText(element)).to.contain('Fjernet fra denne enheten');
    expect(status(element).removeButton).to.equal(null);
  });

  it('shows a name from the room as text, never as markup', async () => {
    const element = await show(new FakeRoom({ presence: [{ id: 'evil', name: '<img src=x onerror=alert(1)>', self: false }] }));
    expect(status(element).renders('img'), 'no <img> from the name').to.be.false;
    expect(deepText(element)).to.contain('<img src=x onerror=alert(1)>');
  });
});
