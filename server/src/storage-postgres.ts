// The rooms in PostgreSQL (DATABASE_URL), shared by several server instances: the same tables
// as the SQLite file (storage.ts), migrated in order on start under an advisory lock.
//
// Several instances may save one room: each appends its own updates, and fetching merges them
// all, so nothing is overwritten. Saving, compacting and deleting a room take the room's
// advisory lock, so a save racing a deletion cannot bring the room back.
import pg from 'pg';
import * as Y from 'yjs';
import {
  compactState,
  mergeVectors,
  StorageError,
  type DeletedRoom,
  type DeletionReason,
  type RoomInfo,
  type RoomStorage,
  type SeenVote,
  type SnapshotInfo,
  type SnapshotPolicy,
} from './storage.js';

/** In order, as in storage.ts; version 1 is what 0.1.0 created. */
export const POSTGRES_MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY NOT NULL, data BYTEA NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS rooms (name TEXT PRIMARY KEY NOT NULL, created_at BIGINT NOT NULL, last_activity BIGINT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS deleted_rooms (name TEXT PRIMARY KEY NOT NULL, deleted_at BIGINT NOT NULL, reason TEXT NOT NULL)`,
  ],
  [
    `CREATE TABLE updates (seq BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, data BYTEA NOT NULL)`,
    `CREATE INDEX updates_by_name ON updates (name, seq)`,
    `CREATE TABLE snapshots (name TEXT NOT NULL, taken_at BIGINT NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (name, taken_at))`,
    `ALTER TABLE deleted_rooms ADD COLUMN clients BYTEA`,
    `CREATE TABLE reused_rooms (name TEXT PRIMARY KEY NOT NULL, generation INTEGER NOT NULL, clients BYTEA NOT NULL, reused_at BIGINT NOT NULL)`,
  ],
  [`CREATE TABLE vote_clients (name TEXT NOT NULL, client BIGINT NOT NULL, sub TEXT NOT NULL, end_clock BIGINT NOT NULL, PRIMARY KEY (name, client))`],
];

/** Advisory lock keys: one for the schema, one per room (hashtext of its name, in its own key space). */
const SCHEMA_LOCK = 0x1ee7;
const ROOM_LOCK_SPACE = 0x6775;
const COMPACT_MIN_BYTES = 64 * 1024;
const COMPACT_MAX_UPDATES = 500;

const bytes = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
const buffer = (state: Uint8Array): Buffer => Buffer.from(state.buffer, state.byteOffset, state.byteLength);

export class PostgresRoomStore implements RoomStorage {
  readonly kind = 'postgres';
  writtenBytes = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly policy: SnapshotPolicy,
  ) {}

  static async open(url: string, policy: SnapshotPolicy): Promise<PostgresRoomStore> {
    const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 5000 });
    // An idle client that loses its server must not end the process; the next query reports it.
    pool.on('error', () => {});
    const store = new PostgresRoomStore(pool, policy);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end().catch(() => {});
      if (error instanceof StorageError) throw error;
      throw new StorageError(`PostgreSQL at DATABASE_URL could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    // Two instances starting at once would race; the lock makes one wait for the other.
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
      let version = rows[0]?.version ?? 0;
      if (version > POSTGRES_MIGRATIONS.length) {
        throw new StorageError(`PostgreSQL has schema version ${version}, newer than this server's ${POSTGRES_MIGRATIONS.length}: run the newer server`);
      }
      for (; version < POSTGRES_MIGRATIONS.length; version += 1) {
        for (const statement of POSTGRES_MIGRATIONS[version]) await client.query(statement);
      }
      await client.query('DELETE FROM schema_version');
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
    });
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private lockRoom(client: pg.PoolClient, name: string) {
    return client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ROOM_LOCK_SPACE, name]);
  }

  private async isDeleted(client: pg.PoolClient, name: string): Promise<boolean> {
    return Boolean((await client.query('SELECT 1 FROM deleted_rooms WHERE name = $1', [name])).rowCount);
  }

  private async pieces(client: pg.Pool | pg.PoolClient, name: string): Promise<Uint8Array[]> {
    const base = await client.query<{ data: Buffer }>('SELECT data FROM documents WHERE name = $1', [name]);
    const updates = await client.query<{ data: Buffer }>('SELECT data FROM updates WHERE name = $1 ORDER BY seq', [name]);
    return [...base.rows, ...updates.rows].map((row) => bytes(row.data));
  }

  async fetch(name: string): Promise<Uint8Array | null> {
    const pieces = await this.pieces(this.pool, name);
    if (!pieces.length) return null;
    return pieces.length === 1 ? pieces[0] : Y.mergeUpdates(pieces);
  }

  async append(name: string, update: Uint8Array, now = Date.now()): Promise<boolean> {
    return this.transaction(async (client) => {
      await this.lockRoom(client, name);
      if (await this.isDeleted(client, name)) return false;
      await client.query('INSERT INTO updates (name, data) VALUES ($1, $2)', [name, buffer(update)]);
      this.writtenBytes += update.length;
      await this.touchWith(client, name, now);
      await this.compactIfDue(client, name, now);
      return true;
    });
  }

  async replace(name: string, state: Uint8Array, now = Date.now()): Promise<boolean> {
    return this.transaction(async (client) => {
      await this.lockRoom(client, name);
      if (await this.isDeleted(client, name)) return false;
      await this.writeBase(client, name, state);
      await this.touchWith(client, name, now);
      return true;
    });
  }

  private async writeBase(client: pg.PoolClient, name: string, state: Uint8Array): Promise<void> {
    await client.query('INSERT INTO documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = excluded.data', [name, buffer(state)]);
    await client.query('DELETE FROM updates WHERE name = $1', [name]);
    this.writtenBytes += state.length;
  }

  private async compactIfDue(client: pg.PoolClient, name: string, now: number): Promise<void> {
    const { rows } = await client.query<{ count: string; bytes: string; base: number | null; snapped: string | null }>(
      `SELECT (SELECT count(*) FROM updates WHERE name = $1) AS count,
              (SELECT coalesce(sum(octet_length(data)), 0) FROM updates WHERE name = $1) AS bytes,
              (SELECT octet_length(data) FROM documents WHERE name = $1) AS base,
              (SELECT max(taken_at) FROM snapshots WHERE name = $1) AS snapped`,
      [name],
    );
    const sizes = rows[0];
    const grown = Number(sizes.count) >= COMPACT_MAX_UPDATES || Number(sizes.bytes) > Math.max(COMPACT_MIN_BYTES, Number(sizes.base ?? 0));
    const snapshotDue = sizes.snapped === null || now - Number(sizes.snapped) >= this.policy.intervalMs;
    if (!grown && !snapshotDue) return;
    const state = compactState(await this.pieces(client, name));
    await this.writeBase(client, name, state);
    if (snapshotDue) {
      await client.query('INSERT INTO snapshots (name, taken_at, data) VALUES ($1, $2, $3) ON CONFLICT (name, taken_at) DO UPDATE SET data = excluded.data', [
        name,
        now,
        buffer(state),
      ]);
      this.writtenBytes += state.length;
    }
  }

  private async touchWith(client: pg.Pool | pg.PoolClient, name: string, now: number): Promise<void> {
    await client.query(
      `INSERT INTO rooms (name, created_at, last_activity) SELECT $1, $2, $2
         WHERE NOT EXISTS (SELECT 1 FROM deleted_rooms WHERE name = $1)
         ON CONFLICT (name) DO UPDATE SET last_activity = GREATEST(rooms.last_activity, excluded.last_activity)`,
      [name, now],
    );
  }

  async touch(name: string, now = Date.now()): Promise<void> {
    await this.touchWith(this.pool, name, now);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async deletedAt(name: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ deleted_at: string }>('SELECT deleted_at FROM deleted_rooms WHERE name = $1', [name]);
    return rows[0] ? Number(rows[0].deleted_at) : null;
  }

  async info(name: string): Promise<RoomInfo | undefined> {
    return (await this.listRooms(name))[0];
  }

  list(): Promise<RoomInfo[]> {
    return this.listRooms(null);
  }

  private async listRooms(only: string | null): Promise<RoomInfo[]> {
    const { rows } = await this.pool.query<{ name: string; created_at: string; last_activity: string; bytes: string }>(
      `SELECT rooms.name, rooms.created_at, rooms.last_activity,
              coalesce(octet_length(documents.data), 0) + coalesce((SELECT sum(octet_length(data)) FROM updates WHERE updates.name = rooms.name), 0) AS bytes
         FROM rooms LEFT JOIN documents ON documents.name = rooms.name
         WHERE $1::text IS NULL OR rooms.name = $1
         ORDER BY rooms.name`,
      [only],
    );
    return rows.map((row) => ({ name: row.name, createdAt: Number(row.created_at), lastActivity: Number(row.last_activity), bytes: Number(row.bytes) }));
  }

  async listDeleted(): Promise<DeletedRoom[]> {
    const { rows } = await this.pool.query<{ name: string; deleted_at: string; reason: string }>('SELECT * FROM deleted_rooms ORDER BY name');
    return rows.map((row) => ({ name: row.name, deletedAt: Number(row.deleted_at), reason: row.reason }));
  }

  async rememberDeleted({ name, deletedAt, reason }: DeletedRoom): Promise<void> {
    await this.pool.query('INSERT INTO deleted_rooms (name, deleted_at, reason) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, deletedAt, reason]);
  }

  async countRooms(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM rooms WHERE name NOT LIKE '%/session'");
    return Number(rows[0].n);
  }

  async idleSince(cutoff: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>('SELECT name FROM rooms WHERE last_activity < $1', [cutoff]);
    return rows.map((row) => row.name);
  }

  async deleteRoom(name: string, reason: DeletionReason, now = Date.now(), clients?: Uint8Array): Promise<boolean> {
    return this.transaction(async (client) => {
      await this.lockRoom(client, name);
      const pieces = await this.pieces(client, name);
      const stored = pieces.length ? Y.encodeStateVectorFromUpdate(Y.mergeUpdates(pieces)) : undefined;
      const vector = mergeVectors([clients, stored, await this.reusedVector(client, name)]);
      await client.query('INSERT INTO deleted_rooms (name, deleted_at, reason, clients) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING', [
        name,
        now,
        reason,
        buffer(vector),
      ]);
      let count = 0;
      for (const table of ['documents', 'updates', 'rooms', 'snapshots']) count += (await client.query(`DELETE FROM ${table} WHERE name = $1`, [name])).rowCount ?? 0;
      await client.query('DELETE FROM vote_clients WHERE name = $1', [name]);
      return count > 0;
    });
  }

  private async reusedVector(client: pg.Pool | pg.PoolClient, name: string): Promise<Uint8Array | undefined> {
    const { rows } = await client.query<{ clients: Buffer }>('SELECT clients FROM reused_rooms WHERE name = $1', [name]);
    return rows[0] ? bytes(rows[0].clients) : undefined;
  }

  async reuse(name: string, now = Date.now()): Promise<number | null> {
    return this.transaction(async (client) => {
      await this.lockRoom(client, name);
      const deleted = await client.query<{ clients: Buffer | null }>('SELECT clients FROM deleted_rooms WHERE name = $1', [name]);
      if (!deleted.rowCount) return null;
      const earlier = await client.query<{ generation: number; clients: Buffer }>('SELECT generation, clients FROM reused_rooms WHERE name = $1', [name]);
      const generation = earlier.rows[0] ? earlier.rows[0].generation + 1 : 2;
      const clients = mergeVectors([deleted.rows[0].clients ? bytes(deleted.rows[0].clients) : undefined, earlier.rows[0] ? bytes(earlier.rows[0].clients) : undefined]);
      await client.query(
        `INSERT INTO reused_rooms (name, generation, clients, reused_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (name) DO UPDATE SET generation = excluded.generation, clients = excluded.clients, reused_at = excluded.reused_at`,
        [name, generation, buffer(clients), now],
      );
      await client.query('DELETE FROM deleted_rooms WHERE name = $1', [name]);
      return generation;
    });
  }

  async retiredClients(name: string): Promise<Map<number, number>> {
    const vector = await this.reusedVector(this.pool, name);
    return vector ? Y.decodeStateVector(vector) : new Map();
  }

  async rememberVotes(name: string, votes: SeenVote[]): Promise<void> {
    if (!votes.length) return;
    // One statement for all of them (one round trip while a vote waits to be applied).
    const rows = votes.map((_, i) => `($1, $${i * 3 + 2}, $${i * 3 + 3}, $${i * 3 + 4})`).join(', ');
    await this.pool.query(
      `INSERT INTO vote_clients (name, client, sub, end_clock) VALUES ${rows}
         ON CONFLICT (name, client) DO UPDATE SET end_clock = GREATEST(vote_clients.end_clock, excluded.end_clock) WHERE vote_clients.sub = excluded.sub`,
      [name, ...votes.flatMap(({ client, sub, end }) => [client, sub, end])],
    );
  }

  async seenVotes(name: string): Promise<Map<number, Omit<SeenVote, 'client'>>> {
    const { rows } = await this.pool.query<{ client: string; sub: string; end_clock: string }>('SELECT client, sub, end_clock FROM vote_clients WHERE name = $1', [name]);
    return new Map(rows.map((row) => [Number(row.client), { sub: row.sub, end: Number(row.end_clock) }]));
  }

  async snapshots(name: string): Promise<SnapshotInfo[]> {
    const { rows } = await this.pool.query<{ name: string; taken_at: string; bytes: number }>(
      'SELECT name, taken_at, octet_length(data) AS bytes FROM snapshots WHERE name = $1 ORDER BY taken_at',
      [name],
    );
    return rows.map((row) => ({ name: row.name, takenAt: Number(row.taken_at), bytes: Number(row.bytes) }));
  }

  async snapshot(name: string, takenAt: number): Promise<Uint8Array | null> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM snapshots WHERE name = $1 AND taken_at = $2', [name, takenAt]);
    return rows[0] ? bytes(rows[0].data) : null;
  }

  async addSnapshot(name: string, takenAt: number, state: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO snapshots (name, taken_at, data) VALUES ($1, $2, $3) ON CONFLICT (name, taken_at) DO NOTHING', [name, takenAt, buffer(state)]);
  }

  async pruneSnapshots(now = Date.now()): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM snapshots WHERE taken_at < $1', [now - this.policy.keepMs]);
    return rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
