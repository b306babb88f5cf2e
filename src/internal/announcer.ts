// One polite live region for the whole page, as Designsystemet's announce():
// every element speaks through it, inside a guide or on its own, so a screen
// reader hears each message once however many elements are on the page.

const ATTRIBUTE = 'data-innovasjon-announcer';
let region: HTMLElement | undefined;
let queued: string[] = [];
let pending = false;
let frame = 0;
let fallback = 0;
/** A page that draws no frames (hidden, or a throttled frame) still speaks, this much later at most. */
const NO_FRAME_MS = 250;

function liveRegion(): HTMLElement {
  if (region?.isConnected) return region;
  region = document.querySelector<HTMLElement>(`[${ATTRIBUTE}]`) ?? document.createElement('div');
  region.setAttribute(ATTRIBUTE, '');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  // Visually hidden through the CSSOM, which a strict Content-Security-Policy allows.
  Object.assign(region.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: '0',
  });
  if (!region.isConnected) (document.body ?? document.documentElement).append(region);
  return region;
}

/**
 * Says `message` politely. Messages in the same frame are spoken together;
 * the region is emptied first, so the same words twice are still spoken twice.
 */
export function announce(message: string): void {
  if (!message) return;
  queued.push(message);
  if (pending) return;
  pending = true;
  const target = liveRegion();
  target.textContent = '';
  const speak = () => {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    pending = false;
    target.textContent = queued.join(' ');
    queued = [];
  };
  frame = requestAnimationFrame(speak);
  fallback = window.setTimeout(speak, NO_FRAME_MS);
}

/** What the region says now (for tests and hosts that log what a screen reader hears). */
export function currentAnnouncement(): string {
  return region?.isConnected ? (region.textContent ?? '') : '';
}
