// A workshop link is the page's own address with `#innovasjon-join=<invitation>`. The workshop's
// chunk takes the invitation out of the address (history.replaceState) as soon as it arrives, before
// any room code loads (a guide in workshop mode without a credential keeps its notes on the device
// only, so no room loads until the person has joined), and keeps it in memory only.

let taken: string | undefined;

/**
 * Takes the invitation out of the page's address, if it has one, leaving other anchors (`#trinn-2`):
 * the address bar, the history entry and a later bookmark no longer hold it. Returns it, once.
 */
export function takeJoinFragment(): string | undefined {
  const parts = location.hash.slice(1).split('&');
  const found = parts.find((part) => part.startsWith('innovasjon-join='));
  if (found) {
    taken = decodeURIComponent(found.slice(16));
    const rest = parts.filter((part) => part !== found).join('&');
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest && `#${rest}`}`);
  }
  const invitation = taken;
  taken = undefined;
  return invitation;
}
