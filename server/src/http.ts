// The server's HTTP side: /health, /ready, /metrics, and the operator's admin routes (used by the CLI
// while the server runs), all through the room service.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback, localOnly, normalizeAddress, type Config } from './config.js';
import { ROOM_NAME } from './limits.js';
import type { RoomService } from './room-service.js';
import { verifyAdminToken } from './tokens.js';

/** What /ready answers: whether this instance can serve now, and what fails if it cannot. */
export interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

export interface HttpState {
  stopping: () => boolean;
  ready: () => Promise<Readiness>;
  rooms: () => number;
  connections: () => number;
  metrics: () => string;
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${JSON.stringify(body)}\n`);
};

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** From this machine, and not through a proxy (a proxy on this machine passes others' requests). */
export function fromThisMachine(request: IncomingMessage): boolean {
  const remote = normalizeAddress(request.socket.remoteAddress ?? '');
  const sameMachine = isLoopback(remote) || remote === normalizeAddress(request.socket.localAddress ?? '');
  return sameMachine && request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
}

async function readBody(request: IncomingMessage, limit = 4096): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > limit) throw new Error('body too large');
  }
  return text ? JSON.parse(text) : {};
}

export function requestHandler(config: Config, service: RoomService, state: HttpState, adminKey: Uint8Array) {
  /** Metrics: from this machine, or with METRICS_TOKEN as a bearer token (for a Prometheus elsewhere). */
  const mayReadMetrics = (request: IncomingMessage): boolean => {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (config.metricsToken && bearer !== undefined) return safeEqual(bearer, config.metricsToken);
    return fromThisMachine(request);
  };

  const isAdmin = async (request: IncomingMessage): Promise<boolean> => {
    // A proxied request is never the operator's CLI, even when the proxy runs on this machine.
    if (!fromThisMachine(request)) return false;
    if (config.openMode) return true;
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return bearer !== undefined && (await verifyAdminToken(bearer, adminKey));
  };

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://server');
    const notLocal = config.openMode ? localOnly(request.headers) : undefined;
    if (notLocal) return json(response, 403, { error: notLocal });
    if (url.pathname === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
      const stopping = state.stopping();
      return json(response, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok', rooms: state.rooms(), connections: state.connections() });
    }
    // Liveness (/health: the process answers) and readiness (/ready: storage and Redis answer) apart:
    // a load balancer checks /health, so one shared database away does not take every instance out.
    if (url.pathname === '/ready' && (request.method === 'GET' || request.method === 'HEAD')) {
      const { ready, body } = await state.ready();
      return json(response, ready ? 200 : 503, body);
    }
    if (url.pathname === '/metrics' && request.method === 'GET') {
      if (!mayReadMetrics(request)) return json(response, 403, { error: 'forbidden' });
      response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(state.metrics());
      return;
    }
    const admin = /^\/admin\/rooms(?:\/([^/]+)(?:\/(snapshots|restore))?)?$/.exec(url.pathname);
    if (!admin) return json(response, 404, { error: 'not-found' });
    if (!(await isAdmin(request))) return json(response, 403, { error: 'forbidden' });
    const [, rawName, action] = admin;
    const name = rawName === undefined ? undefined : decodeURIComponent(rawName);
    if (name === undefined && request.method === 'GET') return json(response, 200, await service.list());
    if (name === undefined || !ROOM_NAME.test(name)) return json(response, 400, { error: 'room-name-invalid' });
    if (action === 'snapshots' && request.method === 'GET') return json(response, 200, { snapshots: await service.snapshots(name) });
    if (action === 'restore' && request.method === 'POST') {
      const { at } = (await readBody(request)) as { at?: unknown };
      if (typeof at !== 'number') return json(response, 400, { error: 'at-missing' });
      try {
        return json(response, 200, { restored: await service.restore(name, at) });
      } catch (error) {
        return json(response, 409, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (action) return json(response, 405, { error: 'method-not-allowed' });
    if (request.method === 'GET') {
      const exported = await service.export(name);
      if (exported === 'deleted') return json(response, 410, { error: 'room-deleted' });
      return exported ? json(response, 200, exported) : json(response, 404, { error: 'no-such-room' });
    }
    if (request.method === 'DELETE') return json(response, 200, { deleted: await service.delete(name, 'operator') });
    json(response, 405, { error: 'method-not-allowed' });
  };
}
