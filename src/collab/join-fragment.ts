// The workshop link: the page's own address with `#innovasjon-join=<invitation>`. A page opened
// through it takes the invitation out of the address (history.replaceState) before anything else
// loads, and keeps it in memory only, for the guide that joins with it. Lit-free and tiny: it is
// part of the first render of a guide with `collab-url`.

const PARAMETER = 'innovasjon-join';

let taken: string | undefined;

/** The fragment without our parameter: other anchors (`#trinn-2`) are left as they were. */
function fragmentWithout(hash: string): { invitation?: string; rest: string } {
  const body = hash.replace(/^#/, '');
  if (!body) return { rest: '' };
  const parts = body.split('&');
  let invitation: string | undefined;
  const kept = parts.filter((part) => {
    if (!part.startsWith(`${PARAMETER}=`)) return true;
    invitation = decodeURIComponent(part.slice(PARAMETER.length + 1));
    return false;
  });
  return { invitation, rest: kept.length ? `#${kept.join('&')}` : '' };
}

/**
 * Takes the invitation out of the page's address, if it has one: the address bar, the history
 * entry and a later bookmark no longer hold it. Returns whether one is waiting to be used.
 */
export function takeJoinFragment(): boolean {
  if (typeof location === 'undefined' || !location.hash.includes(`${PARAMETER}=`)) return taken !== undefined;
  const { invitation, rest } = fragmentWithout(location.hash);
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest}`);
  if (invitation) taken = invitation;
  return taken !== undefined;
}

/** Whether an invitation from the address waits to be used. */
export const joinWaiting = (): boolean => taken !== undefined;

/** The invitation from the address, handed over once. */
export function claimInvitation(): string | undefined {
  const invitation = taken;
  taken = undefined;
  return invitation;
}

/** The link to share: `base` (the page's own address, or `collab-join-url`) with the invitation as its fragment. */
export function joinLink(base: string, invitation: string): string {
  const url = new URL(base, typeof location === 'undefined' ? undefined : location.href);
  const { rest } = fragmentWithout(url.hash);
  url.hash = `${rest ? `${rest.slice(1)}&` : ''}${PARAMETER}=${encodeURIComponent(invitation)}`;
  return url.href;
}

/** The invitation in a link a person pasted (`joinRoom(link)`), or undefined when the text is not such a link. */
export function invitationInLink(text: string): string | undefined {
  const at = text.indexOf('#');
  if (at < 0) return undefined;
  return fragmentWithout(text.slice(at)).invitation;
}
