// Which of the service's addresses a room meets on: every page of a room orders the host's
// `collabUrls` the same way (rendezvous, or highest-random-weight, hashing of address and room),
// so the room's people meet on one instance, rooms spread over the instances, and on failover all
// pages of the room move to the same next address. Adding or removing an address moves only the
// rooms that were, or will be, first on it. The Node load generator and the server's tests import
// this file through bench/room-order.mjs.

/** A 32-bit hash (FNV-1a, then murmur3's finaliser so that similar names spread): the same on every page. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** An address as compared and hashed: without trailing slashes, so `wss://a/` and `wss://a` are one. */
const normalized = (url: string): string => url.replace(/\/+$/, '');

/** The addresses in the order this room tries them: highest weight for (address, room) first, ties by address. */
export function roomOrder(urls: readonly string[], room: string): string[] {
  const weighed = urls.map((url) => ({ url, weight: hash32(`${normalized(url)}\n${room}`) }));
  weighed.sort((a, b) => b.weight - a.weight || (normalized(a.url) < normalized(b.url) ? -1 : normalized(a.url) > normalized(b.url) ? 1 : 0));
  return weighed.map(({ url }) => url);
}

/** The socket's address: the server's, with the room as `?room=` so a load balancer can route by it (never a token). */
export function roomAddress(url: string, room: string): string {
  const address = new URL(url);
  address.searchParams.set('room', room);
  return address.href;
}
