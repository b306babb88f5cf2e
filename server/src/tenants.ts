// Many kommuner on one service (TENANTS_FILE): each tenant has its own keys, and its rooms are
// named `<tenant>.<room>`. A room token then names its tenant in `aud` and its key in the
// header's `kid`; the key must be one of that tenant's, so one kommune's backend cannot mint a
// token for another's rooms. Several keys per tenant at once allow rotation; SIGHUP reloads.
import { readFileSync } from 'node:fs';
import { ConfigError, MIN_SECRET_LENGTH } from './config.js';

export const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** tenant → kid → key */
export type TenantKeys = ReadonlyMap<string, ReadonlyMap<string, Uint8Array>>;

/**
 * Reads `{"tenants": {"bergen": {"keys": {"2026-11": "…"}}}}`. Every tenant id is 1–32 of
 * a–z 0–9 -, every key at least 32 characters; anything else is refused with the place named.
 */
export function readTenants(file: string): TenantKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`TENANTS_FILE ${file} could not be read as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const tenants = (parsed as { tenants?: unknown })?.tenants;
  if (!tenants || typeof tenants !== 'object' || Array.isArray(tenants)) throw new ConfigError(`TENANTS_FILE ${file} needs {"tenants": {…}}`);
  const result = new Map<string, Map<string, Uint8Array>>();
  for (const [tenant, entry] of Object.entries(tenants)) {
    if (!TENANT_ID.test(tenant)) throw new ConfigError(`TENANTS_FILE: tenant id ${JSON.stringify(tenant)} must be 1–32 of a–z, 0–9 and -`);
    const keys = (entry as { keys?: unknown })?.keys;
    if (!keys || typeof keys !== 'object' || Array.isArray(keys) || !Object.keys(keys).length) {
      throw new ConfigError(`TENANTS_FILE: tenant ${tenant} needs "keys": {"<kid>": "<key>"} with at least one key`);
    }
    const byId = new Map<string, Uint8Array>();
    for (const [kid, key] of Object.entries(keys)) {
      if (!KEY_ID.test(kid)) throw new ConfigError(`TENANTS_FILE: key id ${JSON.stringify(kid)} of ${tenant} must be 1–64 of A–Z a–z 0–9 . _ -`);
      if (typeof key !== 'string' || key.length < MIN_SECRET_LENGTH) {
        throw new ConfigError(`TENANTS_FILE: key ${kid} of ${tenant} must be a string of at least ${MIN_SECRET_LENGTH} characters`);
      }
      byId.set(kid, new TextEncoder().encode(key));
    }
    result.set(tenant, byId);
  }
  return result;
}

/** The tenant a room belongs to (`bergen.verksted` → `bergen`), if its name has one. */
export function tenantOf(room: string): string | undefined {
  const dot = room.indexOf('.');
  return dot > 0 ? room.slice(0, dot) : undefined;
}
