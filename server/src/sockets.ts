// The WebSocket side: upgrades (a cap per address), the budget for messages to rooms a socket
// has not been admitted to, and handing each socket to Hocuspocus 4 (which takes any
// WebSocket-like object and a web Request).
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { isIP } from 'node:net';
import type { Hocuspocus } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { WebSocketServer } from 'ws';
import { localOnly, normalizeAddress, type Config } from './config.js';
import { documentOf, type ReportRefusal, type SocketState } from './context.js';
import { MAX_MESSAGE_BYTES, ROOM_NAME, roomOf } from './limits.js';

/** What a socket may send for rooms it has not been admitted to yet (Hocuspocus queues it in memory). */
const MAX_UNAUTHENTICATED_BYTES = 64 * 1024;
/** A socket never admitted to a document is ended after this long. */
export const ADMISSION_TIMEOUT_MS = 10_000;
/** Sockets not yet admitted to any document, at once, in all (per address: MAX_UNADMITTED_PER_ADDRESS). */
export const MAX_UNADMITTED = 500;

export class Sockets {
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  readonly #byRequest = new WeakMap<Request, SocketState>();
  readonly #perAddress = new Map<string, number>();
  readonly #unadmitted = new Map<string, number>();
  #unadmittedTotal = 0;
  readonly #alive = new WeakSet<object>();
  readonly #addressOf = new WeakMap<object, string>();
  readonly #pinger: ReturnType<typeof setInterval>;
  stopping = false;

  constructor(
    private readonly config: Config,
    private readonly hocuspocus: () => Hocuspocus,
    private readonly report: ReportRefusal,
    private readonly counted: () => void = () => {},
  ) {
    // A missed pong ends any socket, admitted or not (Hocuspocus's own check covers only sockets with a document).
    this.#pinger = setInterval(() => {
      for (const ws of this.wss.clients) {
        if (!this.#alive.has(ws)) {
          this.report({ addr: this.#addressOf.get(ws) ?? 'unknown', reason: 'missed-ping' });
          ws.terminate();
          continue;
        }
        this.#alive.delete(ws);
        ws.ping();
      }
    }, config.pingIntervalMs);
    this.#pinger.unref();
  }

  #count(map: Map<string, number>, key: string, delta: number): void {
    const value = (map.get(key) ?? 0) + delta;
    if (value > 0) map.set(key, value);
    else map.delete(key);
  }

  socketOf = (request: Request): SocketState | undefined => this.#byRequest.get(request);

  /** The client's address: the socket's peer, or behind a trusted proxy the nearest untrusted hop. */
  clientAddress(request: IncomingMessage): string {
    const remote = normalizeAddress(request.socket.remoteAddress ?? '');
    const forwarded = request.headers['x-forwarded-for'];
    if (!this.config.trustProxy.has(remote) || typeof forwarded !== 'string') return remote;
    // The nearest untrusted hop is the client; anything left of it could be made up.
    const hops = forwarded.split(',').map((hop) => normalizeAddress(hop.trim()));
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      if (!isIP(hops[index])) break;
      if (!this.config.trustProxy.has(hops[index])) return hops[index];
    }
    return remote;
  }

  attach(httpServer: HttpServer): void {
    httpServer.on('upgrade', (request: IncomingMessage, socket, head) => {
      const address = this.clientAddress(request);
      const refuse = (status: string, reason: string) => {
        this.report({ addr: address, reason });
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
      };
      if (this.stopping) return refuse('503 Service Unavailable', 'server-stopping');
      const addressRoom = roomInAddress(request.url);
      if (addressRoom === null) return refuse('400 Bad Request', 'room-name-invalid');
      const notLocal = this.config.openMode ? localOnly(request.headers) : undefined;
      if (notLocal) return refuse('403 Forbidden', notLocal);
      // A page elsewhere may not open rooms with the person's credentials; clients that are not browsers send no Origin.
      const origin = request.headers.origin;
      if (this.config.allowedOrigins.size && origin !== undefined && !this.config.allowedOrigins.has(origin)) return refuse('403 Forbidden', 'origin-not-allowed');
      if ((this.#perAddress.get(address) ?? 0) >= this.config.maxConnectionsPerAddress) return refuse('429 Too Many Requests', 'too-many-connections');
      if ((this.#unadmitted.get(address) ?? 0) >= this.config.maxUnadmittedPerAddress || this.#unadmittedTotal >= MAX_UNADMITTED) {
        return refuse('429 Too Many Requests', 'too-many-unadmitted');
      }
      // Until the socket is admitted, every byte it sends counts, also a frame that never ends.
      let rawBytes = 0;
      const countRaw = (chunk: Buffer) => {
        rawBytes += chunk.length;
        // Twice the message budget: whole messages meet that budget first (and get its reason); this ends unfinished frames.
        if (rawBytes > 2 * MAX_UNAUTHENTICATED_BYTES) {
          this.report({ addr: address, reason: 'message-too-large' });
          socket.destroy();
        }
      };
      socket.on('data', countRaw);
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        this.#count(this.#perAddress, address, 1);
        this.#count(this.#unadmitted, address, 1);
        this.#unadmittedTotal += 1;
        this.#alive.add(ws);
        this.#addressOf.set(ws, address);
        ws.on('pong', () => this.#alive.add(ws));
        let waiting = true;
        const admitted = () => {
          if (!waiting) return;
          waiting = false;
          clearTimeout(deadline);
          socket.off('data', countRaw);
          this.#count(this.#unadmitted, address, -1);
          this.#unadmittedTotal -= 1;
        };
        const deadline = setTimeout(() => {
          this.report({ addr: address, reason: 'not-admitted' });
          ws.terminate();
        }, ADMISSION_TIMEOUT_MS);
        const state: SocketState = { ws, address, admitted: new Set(), unauthenticatedBytes: 0, onAdmitted: admitted, room: addressRoom };
        const webRequest = toWebRequest(request);
        this.#byRequest.set(webRequest, state);
        const client = this.hocuspocus().handleConnection(ws, webRequest);
        ws.on('close', (code, reason) => {
          admitted();
          client.handleClose({ code, reason: reason.toString() });
          const left = (this.#perAddress.get(address) ?? 1) - 1;
          if (left > 0) this.#perAddress.set(address, left);
          else this.#perAddress.delete(address);
        });
        // ws closes the socket itself after these (1009 for a message over maxPayload); unhandled, they would end the process.
        ws.on('error', (error: Error & { code?: string }) => {
          const tooLarge = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
          this.report({ addr: address, reason: tooLarge ? 'message-too-large' : 'protocol-error', error: tooLarge ? undefined : error.code });
        });
        ws.on('message', (data: Buffer, isBinary: boolean) => {
          this.counted();
          if (!isBinary) return void ws.close(4400, 'malformed-update');
          if (!this.#withinBudget(state, data)) return;
          client.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        });
      });
    });
  }

  /** Counts what a socket sends for rooms it is not admitted to; past the budget the socket is closed. */
  #withinBudget(state: SocketState, data: Buffer): boolean {
    let room: string;
    try {
      room = documentOf(decoding.readVarString(decoding.createDecoder(data)));
    } catch {
      return true; // Hocuspocus closes the socket on an undecodable message
    }
    // A load balancer routed this socket by the room in its address (`?room=`): no other room on it.
    if (state.room !== undefined && roomOf(room) !== state.room) {
      this.report({ addr: state.address, room: ROOM_NAME.test(roomOf(room)) ? room : undefined, reason: 'room-not-in-address' });
      state.ws.close(4403, 'room-not-in-address');
      return false;
    }
    if (state.admitted.has(room)) return true;
    state.unauthenticatedBytes += data.length;
    if (state.unauthenticatedBytes <= MAX_UNAUTHENTICATED_BYTES) return true;
    this.report({ addr: state.address, reason: 'message-too-large' });
    state.ws.close(4403, 'message-too-large');
    return false;
  }

  closeAll(code: number, reason: string): void {
    for (const ws of this.wss.clients) ws.close(code, reason);
  }

  terminateAll(): void {
    clearInterval(this.#pinger);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}

/**
 * The room the page named in its address (`/?room=NAME`, so that a load balancer can route by it):
 * undefined when there is none (older pages), null when it is not a room name.
 */
export function roomInAddress(url: string | undefined): string | undefined | null {
  const rooms = new URL(url ?? '/', 'http://collab.invalid').searchParams.getAll('room');
  if (rooms.length === 0) return undefined;
  return rooms.length === 1 && ROOM_NAME.test(rooms[0]) ? rooms[0] : null;
}

/** The upgrade request as the web Request Hocuspocus 4's hooks receive (headers and query only). */
function toWebRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const each of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, each);
      } catch {
        // a header a web Request cannot carry: nothing of ours reads it
      }
    }
  }
  return new Request(new URL(request.url ?? '/', 'http://collab.invalid'), { headers });
}
