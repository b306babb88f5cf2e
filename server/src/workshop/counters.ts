// Counters and short-lived memories for rooms made on request: failed code joins per address and
// in total (per hour), used proofs (for their freshness window), and the news that a person was
// removed. In Redis when REDIS_URL is set, so every instance counts together; in memory otherwise.
// With Redis configured but away, counting fails: code joins and creation are then refused
// (fail closed); link joins never count anything.
import IORedis from 'ioredis';
import { log } from '../log.js';

const PREFIX = 'innovasjonsguide:workshop';
const REVOCATIONS = `${PREFIX}:revoked`;

export class CountersUnavailable extends Error {
  override name = 'CountersUnavailable';
}

export interface Counters {
  /** Adds one to `key` in the current hour window and returns the new count. */
  increment(key: string, hour: number): Promise<number>;
  decrement(key: string, hour: number): Promise<void>;
  get(key: string, hour: number): Promise<number>;
  /** Remembers `key` for `ms`; false if it was remembered already (a replay). */
  remember(key: string, ms: number): Promise<boolean>;
  /** Takes a lock for `ms`; false if it is held. */
  lock(key: string, ms: number): Promise<boolean>;
  unlock(key: string): Promise<void>;
  /** Tells every instance (this one too) that a person was removed. */
  announceRevoked(room: string, sub: string): Promise<void>;
  onRevoked(listener: (room: string, sub: string) => void): void;
  readonly shared: boolean;
  close(): void;
}

export class MemoryCounters implements Counters {
  readonly shared = false;
  readonly #counts = new Map<string, number>();
  readonly #until = new Map<string, number>();
  #listeners: ((room: string, sub: string) => void)[] = [];

  #sweep(now: number): void {
    if (this.#until.size < 10_000) return;
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key);
  }
  async increment(key: string, hour: number): Promise<number> {
    const name = `${key}:${hour}`;
    // Only this hour and the last are asked for; older windows go.
    for (const each of this.#counts.keys()) if (Number(each.slice(each.lastIndexOf(':') + 1)) < hour - 1) this.#counts.delete(each);
    const count = (this.#counts.get(name) ?? 0) + 1;
    this.#counts.set(name, count);
    return count;
  }
  async decrement(key: string, hour: number): Promise<void> {
    const name = `${key}:${hour}`;
    this.#counts.set(name, Math.max(0, (this.#counts.get(name) ?? 0) - 1));
  }
  async get(key: string, hour: number): Promise<number> {
    return this.#counts.get(`${key}:${hour}`) ?? 0;
  }
  async remember(key: string, ms: number): Promise<boolean> {
    const now = Date.now();
    this.#sweep(now);
    if ((this.#until.get(key) ?? 0) > now) return false;
    this.#until.set(key, now + ms);
    return true;
  }
  lock(key: string, ms: number): Promise<boolean> {
    return this.remember(`lock:${key}`, ms);
  }
  async unlock(key: string): Promise<void> {
    this.#until.delete(`lock:${key}`);
  }
  async announceRevoked(room: string, sub: string): Promise<void> {
    for (const listener of this.#listeners) listener(room, sub);
  }
  onRevoked(listener: (room: string, sub: string) => void): void {
    this.#listeners.push(listener);
  }
  close(): void {}
}

export class RedisCounters implements Counters {
  readonly shared = true;
  readonly #client: IORedis;
  readonly #sub: IORedis;
  #listeners: ((room: string, sub: string) => void)[] = [];

  constructor(url: string) {
    // No offline queue: while Redis is away a command fails at once, and the request is refused.
    this.#client = new IORedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: (times) => Math.min(times * 200, 2000) });
    this.#sub = new IORedis(url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(times * 200, 2000) });
    for (const client of [this.#client, this.#sub]) client.on('error', () => {});
    void this.#sub.subscribe(REVOCATIONS).catch(() => {});
    this.#sub.on('message', (channel: string, message: string) => {
      if (channel !== REVOCATIONS) return;
      try {
        const { room, sub } = JSON.parse(message) as { room: string; sub: string };
        for (const listener of this.#listeners) listener(room, sub);
      } catch {
        // not ours
      }
    });
  }

  async #do<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new CountersUnavailable(error instanceof Error ? error.message : String(error));
    }
  }
  increment(key: string, hour: number): Promise<number> {
    const name = `${PREFIX}:${key}:${hour}`;
    return this.#do(async () => {
      const [[, count]] = (await this.#client.multi().incr(name).expire(name, 7200).exec()) as [[unknown, number]];
      return Number(count);
    });
  }
  async decrement(key: string, hour: number): Promise<void> {
    await this.#do(() => this.#client.decr(`${PREFIX}:${key}:${hour}`));
  }
  async get(key: string, hour: number): Promise<number> {
    return Number((await this.#do(() => this.#client.get(`${PREFIX}:${key}:${hour}`))) ?? 0);
  }
  async remember(key: string, ms: number): Promise<boolean> {
    return (await this.#do(() => this.#client.set(`${PREFIX}:seen:${key}`, '1', 'PX', ms, 'NX'))) === 'OK';
  }
  async lock(key: string, ms: number): Promise<boolean> {
    return (await this.#do(() => this.#client.set(`${PREFIX}:lock:${key}`, '1', 'PX', ms, 'NX'))) === 'OK';
  }
  async unlock(key: string): Promise<void> {
    await this.#do(() => this.#client.del(`${PREFIX}:lock:${key}`)).catch(() => {});
  }
  async announceRevoked(room: string, sub: string): Promise<void> {
    // This instance closes at once; the others hear it through Redis, or find it in the database.
    for (const listener of this.#listeners) listener(room, sub);
    await this.#do(() => this.#client.publish(REVOCATIONS, JSON.stringify({ room, sub }))).catch((error: unknown) =>
      log('warning', { during: 'revocation-publish', error: error instanceof Error ? error.message : String(error) }),
    );
  }
  onRevoked(listener: (room: string, sub: string) => void): void {
    this.#listeners.push(listener);
  }
  close(): void {
    this.#client.disconnect();
    this.#sub.disconnect();
  }
}
