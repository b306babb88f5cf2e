// The workshop's HTTP routes (docs/workshop-api.md): CORS only for ALLOWED_ORIGINS (loopback in
// the open development mode), JSON bodies (so browsers preflight), no cookies, and refusals that
// name a reason and never echo what was sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { localOnly, namesLoopback, type Config } from '../config.js';
import { log } from '../log.js';
import { WorkshopRefusal } from './credentials.js';
import type { Workshop } from './service.js';

const ROUTE = /^\/workshop(?:\/(exchange|join|rooms)(?:\/([^/]{1,100})(?:\/(link|door|remove|hand-over|end))?)?)?$/;
const MAX_BODY = 8192;

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(`${JSON.stringify(body)}\n`);
};

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new WorkshopRefusal('bad-request', 415);
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > MAX_BODY) throw new WorkshopRefusal('bad-request', 413);
  }
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new WorkshopRefusal('bad-request', 400);
  }
}

export function workshopHandler(config: Config, workshop: Workshop, clientAddress: (request: IncomingMessage) => string) {
  /** An origin whose pages may call these routes. */
  const allowed = (origin: string | undefined): boolean => {
    if (origin === undefined) return false;
    if (config.allowedOrigins.has(origin)) return true;
    if (!config.openMode) return false;
    try {
      return namesLoopback(new URL(origin).host);
    } catch {
      return false;
    }
  };

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://server');
    const route = ROUTE.exec(url.pathname);
    if (!route) return false;
    const notLocal = config.openMode ? localOnly(request.headers) : undefined;
    if (notLocal) return send(response, 403, { error: notLocal }), true;
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
    const cors: Record<string, string> = allowed(origin) ? { 'Access-Control-Allow-Origin': origin!, Vary: 'Origin' } : { Vary: 'Origin' };
    if (request.method === 'OPTIONS') {
      if (!allowed(origin)) return send(response, 403, { error: 'origin-not-allowed' }, cors), true;
      response.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization, Innovasjon-Proof',
        'Access-Control-Max-Age': '600',
      });
      response.end();
      return true;
    }
    const [, kind, rawRoom, action] = route;
    const address = clientAddress(request);
    try {
      // A page elsewhere gets nothing; a request without Origin (curl, the kommune's backend) may go on.
      if (origin !== undefined && !allowed(origin)) throw new WorkshopRefusal('origin-not-allowed', 403);
      const bearer = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '')?.[1];
      const proof = typeof request.headers['innovasjon-proof'] === 'string' ? request.headers['innovasjon-proof'] : undefined;
      let status = 200;
      let body: unknown;
      if (kind === undefined && request.method === 'GET') {
        body = workshop.capabilities(config.openMode || (origin !== undefined && allowed(origin)));
      } else if (kind === 'rooms' && rawRoom === undefined && request.method === 'POST') {
        await jsonBody(request);
        body = await workshop.create({ address, bearer });
        status = 201;
      } else if (kind === 'exchange' && rawRoom === undefined && request.method === 'POST') {
        body = await workshop.exchange(await jsonBody(request));
      } else if (kind === 'join' && rawRoom === undefined && request.method === 'POST') {
        body = await workshop.join(await jsonBody(request), address);
      } else if (kind === 'rooms' && rawRoom !== undefined) {
        const room = decodeURIComponent(rawRoom);
        const purpose = action ?? 'status';
        if ((action === undefined) !== (request.method === 'GET') || (action !== undefined && request.method !== 'POST')) throw new WorkshopRefusal('bad-request', 405);
        const input = action === undefined ? {} : await jsonBody(request);
        const claims = await workshop.facilitator(room, bearer, proof, purpose);
        if (action === undefined) body = await workshop.status(room);
        else if (action === 'link') body = await workshop.newLink(room);
        else if (action === 'door') body = await workshop.door(room, input.open);
        else if (action === 'remove') body = await workshop.remove(claims, input.sub);
        else if (action === 'hand-over') body = await workshop.handOver(claims);
        else body = await workshop.end(room);
      } else {
        throw new WorkshopRefusal('not-found', 404);
      }
      send(response, status, body, cors);
    } catch (error) {
      if (!(error instanceof WorkshopRefusal)) {
        // Storage away, or a fault: the page waits and tries again. The message is ours, never the request's.
        log('error', { during: 'workshop', error: error instanceof Error ? error.name : 'unknown' });
        send(response, 503, { error: 'unavailable' }, { ...cors, 'Retry-After': '5' });
        return true;
      }
      workshop.refused(error.reason);
      log('refuse', { reason: error.reason, addr: address, route: kind ?? 'capabilities', ...(action && { action }) });
      const retry: Record<string, string> = error.status === 429 ? { 'Retry-After': error.reason === 'code-attempts-exceeded' ? String(Math.ceil((3_600_000 - (Date.now() % 3_600_000)) / 1000)) : '2' } : error.status === 503 ? { 'Retry-After': '5' } : {};
      send(response, error.status, { error: error.reason }, { ...cors, ...retry });
    }
    return true;
  };
}
