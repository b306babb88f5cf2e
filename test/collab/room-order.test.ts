import { expect } from '@open-wc/testing';
import * as Y from 'yjs';
import { RoomConnection, offlineName } from '../../src/collab/room-connection.js';
import { roomAddress, roomOrder } from '../../src/collab/room-order.js';
import { waitUntil } from '../helpers.js';

// Closed loopback ports: nothing answers, the room stays offline on its device copy.
const A = 'ws://127.0.0.1:9/a';
const B = 'ws://127.0.0.1:9/b';
const rooms = Array.from({ length: 1000 }, (_, i) => `verksted-${i}`);
/** A room name whose order over [A, B] starts with `first`. */
const roomFirstOn = (first: string, prefix: string) => {
  for (let i = 0; ; i++) if (roomOrder([A, B], `${prefix}-${i}`)[0] === first) return `${prefix}-${i}`;
};

describe('roomOrder: which address a room meets on', () => {
  it('is the same whatever order the host lists its addresses in, and with or without a trailing slash', () => {
    const urls = ['wss://samarbeid-1.kommune.no', 'wss://samarbeid-2.kommune.no', 'wss://samarbeid-3.kommune.no/'];
    for (const room of rooms.slice(0, 200)) {
      const order = roomOrder(urls, room);
      expect(order).to.have.members(urls);
      expect(roomOrder([...urls].reverse(), room)).to.deep.equal(order);
      expect(roomOrder(['wss://samarbeid-1.kommune.no/', ...urls.slice(1)], room).map((u) => u.replace(/\/$/, ''))).to.deep.equal(order.map((u) => u.replace(/\/$/, '')));
    }
  });

  it('spreads rooms over the addresses: each within 5 points of an even share', () => {
    for (const count of [2, 3, 4]) {
      const urls = Array.from({ length: count }, (_, i) => `wss://samarbeid-${i + 1}.kommune.no`);
      const firsts = new Map<string, number>();
      for (const room of rooms) firsts.set(roomOrder(urls, room)[0], (firsts.get(roomOrder(urls, room)[0]) ?? 0) + 1);
      expect(firsts.size).to.equal(count);
      for (const n of firsts.values()) expect(Math.abs(n / rooms.length - 1 / count)).to.be.below(0.05, `${count} addresses: ${[...firsts.values()]}`);
    }
  });

  it('when an address is removed, only the rooms that met on it move, and all of each room to one next address', () => {
    const urls = ['wss://s1.no', 'wss://s2.no', 'wss://s3.no'];
    for (const room of rooms) {
      const before = roomOrder(urls, room);
      const after = roomOrder(urls.filter((u) => u !== 'wss://s2.no'), room);
      expect(after).to.deep.equal(before.filter((u) => u !== 'wss://s2.no'), room);
    }
  });

  it('puts the room in the address as ?room= (and nothing else)', () => {
    expect(roomAddress('wss://samarbeid.kommune.no', 'bergen.verksted-1')).to.equal('wss://samarbeid.kommune.no/?room=bergen.verksted-1');
    expect(roomAddress('wss://samarbeid.kommune.no/collab?x=1', 'rom')).to.equal('wss://samarbeid.kommune.no/collab?x=1&room=rom');
  });
});

describe('RoomConnection with several addresses', () => {
  const opened: string[] = [];
  const NativeWebSocket = globalThis.WebSocket;
  before(() => {
    globalThis.WebSocket = class RecordingWebSocket extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        opened.push(String(url));
      }
    };
  });
  after(() => {
    globalThis.WebSocket = NativeWebSocket;
  });

  it("connects to the room's first address with the room in it, whichever address the host listed first", async () => {
    const room = roomFirstOn(B, 'orden');
    const connection = new RoomConnection({ url: A, urls: [A, B], room, participant: { id: 'p1', name: 'Kari' }, offline: false });
    try {
      expect(connection.server).to.equal(B);
      await waitUntil(() => opened.some((url) => url.startsWith(B)), 'a socket opens');
      expect(opened.find((url) => url.startsWith(B))).to.equal(`${B}?room=${room}`);
      // Failover goes on to the next address in the room's order: every page of the room goes the same way.
      await waitUntil(() => opened.some((url) => url.startsWith(A)), 'the next attempt goes to the other address', { timeout: 10_000 });
      expect(opened.find((url) => url.startsWith(A))).to.equal(`${A}?room=${room}`);
    } finally {
      connection.destroy();
    }
  });

  it("keeps the device copy under the host's first address, so offline edits are found again whatever the room's order", async () => {
    const room = roomFirstOn(B, 'enhet');
    const first = new RoomConnection({ url: A, urls: [A, B], room, participant: { id: 'p1', name: 'Kari' } });
    await first.offlineLoaded;
    first.doc.getMap('notes').set('n1', new Y.Map([['text', 'Skrevet uten nett']]));
    const databases = async () => (await indexedDB.databases()).map((db) => db.name);
    await waitUntil(async () => (await databases()).includes(offlineName(A, room)), 'the device copy is stored under the first address');
    expect(await databases()).not.to.include(offlineName(B, room));
    // y-indexeddb writes each update as it happens; give it the moment to land, then open the room again.
    await waitUntil(async () => {
      const probe = new RoomConnection({ url: A, urls: [B, A], room, participant: { id: 'p2', name: 'Kari' }, offline: true });
      await probe.offlineLoaded;
      const text = (probe.doc.getMap('notes').get('n1') as Y.Map<string> | undefined)?.get('text');
      probe.destroy();
      return text === 'Skrevet uten nett';
    }, 'a page opened again finds the offline edit');
    first.destroy();
    await first.clearDevice();
  });
});
