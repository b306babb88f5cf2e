import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { readWorkshopConfig, type WorkshopConfig } from './workshop/config.js';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** The HS256 key from COLLAB_SECRET; null in the open development mode. */
  secret: Uint8Array | null;
  /** The open development mode (COLLAB_OPEN_MODE=1, no COLLAB_SECRET): this machine only. */
  openMode: boolean;
  retentionDays: number;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed. */
  trustProxy: ReadonlySet<string>;
  maxConnectionsPerAddress: number;
  /** Origins (scheme://host[:port]) whose pages may open a WebSocket (ALLOWED_ORIGINS); empty: any. */
  allowedOrigins: ReadonlySet<string>;
  /** The longest a room token may still be valid when it is shown (TOKEN_MAX_HOURS). */
  tokenMaxMs: number;
  /** Every socket is pinged this often (PING_INTERVAL_SECONDS); one that missed the last ping is ended. */
  pingIntervalMs: number;
  /** Rooms the storage may hold at most (MAX_ROOMS); a new room past it is refused. */
  maxRooms: number;
  /** Sockets from one address that may wait for admission at once (a kommune's staff often share one egress address). */
  maxUnadmittedPerAddress: number;
  /** PostgreSQL shared by several instances (DATABASE_URL); null keeps the SQLite file in DATA_DIR. */
  databaseUrl: string | null;
  /** Redis that carries changes and presence between instances (REDIS_URL); null for one server. */
  redisUrl: string | null;
  /** A bearer token that lets a Prometheus on another machine read /metrics (METRICS_TOKEN). */
  metricsToken: string | null;
  /** Many kommuner on one service: their keys, in this file (TENANTS_FILE); re-read on SIGHUP. */
  tenantsFile: string | null;
  /** How often a changing room gets a snapshot (SNAPSHOT_INTERVAL_MINUTES) and how long they are kept (SNAPSHOT_RETENTION_DAYS). */
  snapshots: { intervalMs: number; keepMs: number };
  /** Rooms made on request, invitations and join codes (issue #22; workshop/config.ts). */
  workshop: WorkshopConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** HS256 wants a key of at least 256 bits. */
export const MIN_SECRET_LENGTH = 32;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** A Host header (or an Origin's host) that names this machine: localhost, 127.x.y.z or [::1], with any port. */
export function namesLoopback(host: string | undefined): boolean {
  if (!host) return false;
  const name = /^\[([^\]]+)\](?::\d+)?$/.exec(host)?.[1] ?? host.replace(/:\d+$/, '');
  return isLoopback(name.toLowerCase());
}

/**
 * In the open development mode only requests made on this machine, to this machine, are served:
 * none through a proxy, none naming another host (DNS rebinding), none from a page elsewhere.
 */
export function localOnly(headers: Record<string, string | string[] | undefined>): string | undefined {
  if (headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined || headers['x-real-ip'] !== undefined) return 'open-mode-proxied';
  if (!namesLoopback(typeof headers.host === 'string' ? headers.host : undefined)) return 'open-mode-host';
  const origin = headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = typeof origin === 'string' && origin !== 'null' ? new URL(origin).host : undefined;
    } catch {
      host = undefined;
    }
    if (!namesLoopback(host)) return 'open-mode-origin';
  }
  return undefined;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one address. */
export const normalizeAddress = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, check: (value: number) => boolean, what: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new ConfigError(`${name} must be ${what}, got ${JSON.stringify(raw)}`);
  return value;
}

function metricsToken(env: NodeJS.ProcessEnv): string | null {
  const token = env.METRICS_TOKEN ?? '';
  if (!token) return null;
  if (token.length < MIN_SECRET_LENGTH) throw new ConfigError(`METRICS_TOKEN must be at least ${MIN_SECRET_LENGTH} characters`);
  return token;
}

/**
 * Redis and PostgreSQL off this machine carry every room: they must ask for a password, and be
 * reached over TLS (`rediss:`, `sslmode=require` or stricter). On loopback (tests) neither is required.
 */
function requireSafeService(name: string, raw: string): void {
  const parsed = new URL(raw);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isLoopback(host)) return;
  if (!parsed.password) throw new ConfigError(`${name} must carry a password (…://user:password@${parsed.host}/…): ${host} is not this machine`);
  const tls = name === 'REDIS_URL' ? parsed.protocol === 'rediss:' : ['require', 'verify-ca', 'verify-full'].includes(parsed.searchParams.get('sslmode') ?? '');
  if (!tls) {
    throw new ConfigError(
      name === 'REDIS_URL'
        ? `REDIS_URL must use TLS (rediss://…): ${host} is not this machine`
        : `DATABASE_URL must use TLS (?sslmode=verify-full, or require): ${host} is not this machine`,
    );
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  const port = number(env, 'PORT', 1234, (v) => Number.isInteger(v) && v >= 0 && v <= 65535, 'a port number (0 picks a free one)');
  const rawSecret = env.COLLAB_SECRET ?? '';
  if (rawSecret && rawSecret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`COLLAB_SECRET must be at least ${MIN_SECRET_LENGTH} characters (try: openssl rand -base64 48)`);
  }
  if (env.TENANTS_FILE && !rawSecret) {
    throw new ConfigError('TENANTS_FILE needs COLLAB_SECRET too: it signs the operator\'s admin calls (the tenants\' keys open only their rooms)');
  }
  const openMode = !rawSecret;
  if (openMode && env.COLLAB_OPEN_MODE !== '1') {
    // A broken EnvironmentFile must not open every room to everyone: the open mode is asked for by name.
    throw new ConfigError(
      'COLLAB_SECRET is not set. Set it (at least 32 characters; try: openssl rand -base64 48), or set COLLAB_OPEN_MODE=1 to run the open development mode on this machine only.',
    );
  }
  if (openMode && env.TRUST_PROXY) {
    throw new ConfigError('The open development mode takes no TRUST_PROXY: it serves this machine only, never through a proxy. Set COLLAB_SECRET to serve others.');
  }
  if (!rawSecret && !isLoopback(host)) {
    throw new ConfigError(
      `Without COLLAB_SECRET the server runs in the open development mode and binds only to loopback (127.0.0.1, ::1, localhost), not ${host}. Set COLLAB_SECRET to serve other machines.`,
    );
  }
  const trustProxy = new Set(
    (env.TRUST_PROXY ?? '')
      .split(',')
      .map((each) => each.trim())
      .filter(Boolean)
      .map((each) => {
        if (!isIP(each)) throw new ConfigError(`TRUST_PROXY must list IP addresses separated by commas, got ${JSON.stringify(each)}`);
        return normalizeAddress(each);
      }),
  );
  const url = (name: string, protocols: string[]) => {
    const raw = env[name] ?? '';
    if (!raw) return null;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${name} must be a URL (${protocols.join('//… or ')}//…)`);
    }
    if (!protocols.includes(parsed.protocol)) throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got ${parsed.protocol}`);
    return raw;
  };
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
  if (databaseUrl) requireSafeService('DATABASE_URL', databaseUrl);
  if (redisUrl) requireSafeService('REDIS_URL', redisUrl);
  const allowedOrigins = new Set(
    (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((each) => each.trim())
      .filter(Boolean)
      .map((each) => {
        let origin: string;
        try {
          origin = new URL(each).origin;
        } catch {
          origin = 'null';
        }
        if (origin === 'null' || origin !== each.replace(/\/$/, '')) throw new ConfigError(`ALLOWED_ORIGINS must list origins such as https://www.kommune.no, separated by commas; got ${JSON.stringify(each)}`);
        return origin;
      }),
  );
  const tokenMaxMs = number(env, 'TOKEN_MAX_HOURS', 12, (v) => v > 0 && v <= 24 * 30, 'a number of hours from 0 to 720') * 3_600_000;
  return {
    workshop: readWorkshopConfig(env, { openMode, allowedOrigins, tokenMaxMs }),
    databaseUrl,
    redisUrl,
    allowedOrigins,
    tokenMaxMs,
    pingIntervalMs: number(env, 'PING_INTERVAL_SECONDS', 30, (v) => v >= 1 && v <= 300, 'a number of seconds from 1 to 300') * 1000,
    maxRooms: number(env, 'MAX_ROOMS', 10_000, (v) => Number.isInteger(v) && v > 0, 'a positive whole number'),
    metricsToken: metricsToken(env),
    tenantsFile: env.TENANTS_FILE ? resolve(env.TENANTS_FILE) : null,
    host,
    port,
    dataDir: resolve(env.DATA_DIR || './collab-data'),
    secret: rawSecret ? new TextEncoder().encode(rawSecret) : null,
    openMode,
    retentionDays: number(env, 'RETENTION_DAYS', 180, (v) => v > 0, 'a positive number of days'),
    trustProxy,
    maxConnectionsPerAddress: number(env, 'MAX_CONNECTIONS_PER_ADDRESS', 100, (v) => Number.isInteger(v) && v > 0, 'a positive whole number'),
    maxUnadmittedPerAddress: number(env, 'MAX_UNADMITTED_PER_ADDRESS', 50, (v) => Number.isInteger(v) && v > 0, 'a positive whole number'),
    snapshots: {
      intervalMs: number(env, 'SNAPSHOT_INTERVAL_MINUTES', 60, (v) => v > 0, 'a positive number of minutes') * 60_000,
      keepMs: number(env, 'SNAPSHOT_RETENTION_DAYS', 30, (v) => v > 0, 'a positive number of days') * 86_400_000,
    },
  };
}
