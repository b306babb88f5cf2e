// One "other machine" in a live room, loaded in an iframe by the live tests: its own realm, so
// its own modules, store, provider and connection, as another browser would have.
import '../../src/innovasjon-guide/innovasjon-guide.js';

const params = new URLSearchParams(location.search);
// Every frame this page sends, as text, so a test can look for what must not leave the device.
const sent: string[] = [];
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
  if (typeof data === 'string') sent.push(data);
  else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) sent.push(new TextDecoder().decode(data as ArrayBuffer));
  return send.call(this, data);
};
// A device whose clock is off by `skew` milliseconds (a laptop set by hand, another time zone done wrong).
const skew = Number(params.get('skew') ?? 0);
if (skew) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + skew;
}
const guide = document.createElement('innovasjon-guide');
if (params.get('urls')) guide.collabUrls = JSON.parse(params.get('urls')!) as string[];
else guide.collabUrl = params.get('url')!;
if (params.get('room')) guide.collabRoom = params.get('room')!;
guide.storageKey = params.get('key') ?? 'innovasjon-guide';
guide.collabToken = params.get('token') ?? '';
guide.step = Number(params.get('step') ?? 1);
const events: { type: string; detail: unknown }[] = [];
for (const type of ['innovasjon-load', 'innovasjon-connection', 'innovasjon-presence', 'innovasjon-error', 'innovasjon-note-add', 'innovasjon-change', 'innovasjon-phase-change', 'innovasjon-step-change', 'innovasjon-reveal']) {
  document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
}
Object.assign(window, { guide, events, sent });
document.body.append(guide);
