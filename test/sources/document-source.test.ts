import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/innovasjon-trinn/innovasjon-trinn.js';
import '../../src/innovasjon-guide/innovasjon-guide.js';
import type { InnovasjonTrinn } from '../../src/innovasjon-trinn/innovasjon-trinn.component.js';
import type { InnovasjonGuide } from '../../src/innovasjon-guide/innovasjon-guide.component.js';
import { collabServers } from '../../src/sources/document-source.js';
import type { StorageAdapter } from '../../src/storage/storage-adapter.js';
import type { GuideDocument } from '../../src/store/types.js';
import { cardIn, lappsIn, settled, waitUntil } from '../helpers.js';
import { guideHarness } from '../innovasjon-guide/harness.js';
import { harness } from '../refleksjon-lapp/harness.js';

/** A host's backend: async, counting its calls, pushing outside changes when told. */
class HostAdapter implements StorageAdapter {
  loads = 0;
  saved: GuideDocument[] = [];
  #listener?: (document: GuideDocument) => void;
  constructor(private stored: GuideDocument | null = null) {}
  async load() {
    this.loads += 1;
    return this.stored;
  }
  async save(document: GuideDocument) {
    this.saved.push(document);
    this.stored = document;
  }
  subscribe(listener: (document: GuideDocument) => void) {
    this.#listener = listener;
    return () => (this.#listener = undefined);
  }
  push(document: GuideDocument) {
    this.#listener?.(document);
  }
}

describe('Document sources', () => {
  it('takes the servers from collabUrls when it lists any, else from collab-url', () => {
    expect(collabServers({ collabUrl: 'wss://a.no', collabUrls: ['wss://b.no', ' wss://c.no ', ''] })).to.deep.equal(['wss://b.no', 'wss://c.no']);
    expect(collabServers({ collabUrl: 'wss://a.no', collabUrls: [] })).to.deep.equal(['wss://a.no']);
    expect(collabServers({ collabUrl: 'wss://a.no', collabUrls: 'wss://b.no,wss://c.no' as unknown as string[] })).to.deep.equal(['wss://a.no']);
    expect(collabServers({ collabUrls: [42, null] as unknown as string[] })).to.deep.equal([]);
    expect(collabServers({})).to.deep.equal([]);
  });

  it('joins a live room through collabUrls alone, shared by every element naming the same servers and room', async () => {
    // Closed loopback ports: the room is there at once (offline), nothing answers.
    const urls = ['ws://127.0.0.1:9/eins', 'ws://127.0.0.1:9/zwei'];
    const first = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key="urls-shared" .collabUrls=${urls}></innovasjon-guide>`);
    const second = await fixture<InnovasjonGuide>(html`<innovasjon-guide storage-key="urls-shared" .collabUrls=${[...urls]}></innovasjon-guide>`);
    await waitUntil(() => guideHarness(first).roomStatus !== null, 'the guide shows the room status');
    const note = first.addNote('t1-mal', 'Delt mellom to elementer');
    expect(second.data.notes.map((each) => each.id)).to.include(note.id);
    expect(localStorage.getItem('urls-shared')).to.equal(null);
    first.remove();
    second.remove();
  });

  it('shares one host adapter between the elements given it: one load, one store, both show every note', async () => {
    const adapter = new HostAdapter();
    const page = await fixture<HTMLElement>(html`<div>
      <innovasjon-trinn number="1" .storage=${adapter}></innovasjon-trinn>
      <innovasjon-trinn number="1" .storage=${adapter}></innovasjon-trinn>
    </div>`);
    const [first, second] = [...page.querySelectorAll<InnovasjonTrinn>('innovasjon-trinn')];
    first.addNote('t1-mal', 'Fra den første');
    await second.updateComplete;
    expect(second.data.notes.map((note) => note.text)).to.deep.equal(['Fra den første']);
    await waitUntil(() => lappsIn(cardIn(second, 't1-mal')).length === 1, 'the second element shows the note');
    expect(adapter.loads).to.equal(1);
    await waitUntil(() => adapter.saved.at(-1)?.notes.length === 1, 'the note is saved through the adapter');
  });

  it('keeps host adapters apart when they are different objects, on the same storage key', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <innovasjon-trinn number="1" storage-key="same" .storage=${new HostAdapter()}></innovasjon-trinn>
      <innovasjon-trinn number="1" storage-key="same" .storage=${new HostAdapter()}></innovasjon-trinn>
    </div>`);
    const [first, second] = [...page.querySelectorAll<InnovasjonTrinn>('innovasjon-trinn')];
    first.addNote('t1-mal', 'Bare her');
    expect(second.data.notes).to.have.length(0);
  });

  it('lets a change the host adapter pushes in appear on the page', async () => {
    const adapter = new HostAdapter();
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide step="1" .storage=${adapter}></innovasjon-guide>`);
    await waitUntil(() => adapter.loads === 1, 'loaded');
    const now = new Date().toISOString();
    adapter.push({
      format: 'innovasjon-guide',
      version: 2,
      notes: [{ id: 'pushed', cardId: 't1-team', text: 'Fra backend', color: 'blue', author: '', votes: [], createdAt: now, updatedAt: now }],
      actions: [],
      participants: [],
      deleted: [],
    });
    await waitUntil(() => guide.data.notes.some((note) => note.id === 'pushed'), 'the pushed note arrives');
  });

  it('gives a guide’s sheets the identity its source keeps', async () => {
    localStorage.removeItem('identity-source:participant');
    const guide = await fixture<InnovasjonGuide>(html`<innovasjon-guide step="1" storage-key="identity-source"></innovasjon-guide>`);
    const input = guideHarness(guide).nameField!;
    input.focus();
    await sendKeys({ type: 'Kari' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Escape' }); // Firefox's name suggestions
    await waitUntil(() => localStorage.getItem('identity-source:participant')?.includes('Kari'), 'the name is kept');
    guide.votesPerPerson = 3;
    const note = guide.addNote('t1-mal', 'Stem her');
    const trinn = guideHarness(guide).trinn!;
    await settled(guide);
    // The step's vote uses the id the guide's source keeps for this person.
    const stored = JSON.parse(localStorage.getItem('identity-source:participant')!) as { id: string; name: string };
    expect(stored.name).to.equal('Kari');
    const voteButton = () => {
      const lapp = lappsIn(cardIn(trinn, 't1-mal'))[0];
      return lapp ? harness(lapp).voteButton : null;
    };
    await waitUntil(voteButton, 'the note offers a vote');
    voteButton()!.click();
    await waitUntil(() => guide.data.notes.find((each) => each.id === note.id)?.votes.length, 'the vote is given');
    expect(guide.data.notes.find((each) => each.id === note.id)!.votes).to.deep.equal([stored.id]);
    guide.removeNote(note.id);
    localStorage.removeItem('identity-source:participant');
    localStorage.removeItem('identity-source');
  });
});
