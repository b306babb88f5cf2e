// Making and reading workshop links (`#innovasjon-join=<invitation>`), for the workshop's chunk.

const PARAMETER = 'innovasjon-join';

/** The fragment without our parameter, and the invitation it held. */
function fragmentWithout(hash: string): { invitation?: string; rest: string } {
  let invitation: string | undefined;
  const kept = hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => {
      if (!part.startsWith(`${PARAMETER}=`)) return part !== '';
      invitation = decodeURIComponent(part.slice(PARAMETER.length + 1));
      return false;
    });
  return { invitation, rest: kept.join('&') };
}

/** The link to share: `base` (the page's own address, or `collab-join-url`) with the invitation in its fragment, other anchors kept. */
export function joinLink(base: string, invitation: string): string {
  const url = new URL(base, location.href);
  const { rest } = fragmentWithout(url.hash);
  url.hash = `${rest ? `${rest}&` : ''}${PARAMETER}=${encodeURIComponent(invitation)}`;
  return url.href;
}

/** The invitation in a link a person pasted (`joinRoom(link)`), or undefined when the text is not such a link. */
export function invitationInLink(text: string): string | undefined {
  const at = text.indexOf('#');
  return at < 0 ? undefined : fragmentWithout(text.slice(at)).invitation;
}
