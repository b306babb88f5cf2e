// One "machine" on a CMS page with `<innovasjon-guide collab-start>`, loaded in an iframe by the workshop
// tests: its own realm and its own storage key (so its own credential and name), as another browser would have.
// It records every WebSocket address and frame, and every event, so a test can look for what must not leak.
import '../../src/innovasjon-guide/innovasjon-guide.js';

const params = new URLSearchParams(location.search);
const sockets: string[] = [];
const sent: string[] = [];
/** The address's fragment when each socket opened: the invitation must be gone before the room connects. */
const hashes: string[] = [];
const NativeSocket = window.WebSocket;
window.WebSocket = class extends NativeSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.push(String(url));
    hashes.push(location.hash);
  }
  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    if (typeof data === 'string') sent.push(data);
    else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) sent.push(new TextDecoder().decode(data as ArrayBuffer));
    return super.send(data);
  }
};
const guide = document.createElement('innovasjon-guide');
guide.collabUrl = params.get('url')!;
// Several instances of one service (`collabUrls`), as JSON, when the test names them.
if (params.get('urls')) guide.collabUrls = JSON.parse(params.get('urls')!) as string[];
guide.collabStart = true;
guide.storageKey = params.get('key') ?? 'innovasjon-guide';
guide.step = Number(params.get('step') ?? 1);
const events: { type: string; detail: unknown }[] = [];
for (const type of ['innovasjon-connection', 'innovasjon-presence', 'innovasjon-error', 'innovasjon-note-add', 'innovasjon-room-start', 'innovasjon-participant-remove', 'innovasjon-phase-change']) {
  document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
}
Object.assign(window, { guide, events, sent, sockets, hashes });
document.body.append(guide);

/** axe-core run in this frame's own document (an element of another document cannot be checked from the test's). */
async function violations(element: Element): Promise<string[]> {
  // @ts-expect-error axe-core's browser build registers itself on window and has no module types here
  await import('axe-core/axe.min.js');
  const { axe } = window as unknown as { axe: { run(element: Element): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } };
  const result = await axe.run(element);
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}
Object.assign(window, { violations });
