// A copy of src/collab/room-order.ts for the Node load generator (the bench runs plain JavaScript);
// test/collab/room-order.test.ts checks that both order every room alike.

function hash32(text) {
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

const normalized = (url) => url.replace(/\/+$/, '');

/** @param {readonly string[]} urls @param {string} room @returns {string[]} */
export function roomOrder(urls, room) {
  const weighed = urls.map((url) => ({ url, weight: hash32(`${normalized(url)}\n${room}`) }));
  weighed.sort((a, b) => b.weight - a.weight || (normalized(a.url) < normalized(b.url) ? -1 : normalized(a.url) > normalized(b.url) ? 1 : 0));
  return weighed.map(({ url }) => url);
}

/** @param {string} url @param {string} room */
export function roomAddress(url, room) {
  const address = new URL(url);
  address.searchParams.set('room', room);
  return address.href;
}
