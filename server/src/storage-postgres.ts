// The rooms in PostgreSQL (DATABASE_URL), shared by several server instances. The same three
// tables as the SQLite file; the schema is created on start (docs in the server README).
//
// Several instances may save one room: a save MERGES the incoming Yjs state with what is
// stored (Y.mergeUpdates), never overwrites it, under a per-room advisory lock that deletion
// takes too, so a save racing a deletion cannot bring the room back.
import pg from 'pg';
import * as Y from 'yjs';
import type { DeletedRoom, RoomInfo, RoomStorage } from './storage.js';

export const POSTGRES_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY NOT NULL,
    data BYTEA NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS rooms (
    name TEXT PRIMARY KEY NOT NULL,
    created_at BIGINT NOT NULL,
    last_activity BIGINT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS deleted_rooms (
    name TEXT PRIMARY KEY NOT NULL,
    deleted_at BIGINT NOT NULL,
    reason TEXT NOT NULL
  )`,
];

/** Advisory lock keys: one for the schema, one per room (hashtext of its name, in its own key space). */
const SCHEMA_LOCK = 0x1ee7;
const ROOM_LOCK_SPACE = 0x6775;

const bytes = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
const buffer = (state: Uint8Array): Buffer => Buffer.from(state.buffer, state.byteOffset, state.byteLength);

export class PostgresRoomStore implements RoomStorage {
  readonly kind = 'postgres';

  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresRoomStore> {
    const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 5000 });
    // An idle client that loses its server must not end the process; the next query reports it.
    pool.on('error', () => {});
    const store = new PostgresRoomStore(pool);
    try {
      // Two instances starting at once would race on CREATE TABLE IF NOT EXISTS.
      await store.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        for (const statement of POSTGRES_SCHEMA) await client.query(statement);
      });
    } catch (error) {
      await pool.end().catch(() => {});
      throw new Error(`PostgreSQL at DATABASE_URL could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
    return store;
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

  async fetch(name: string): Promise<Uint8Array | null> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM documents WHERE name = $1', [name]);
    return rows[0] ? bytes(rows[0].data) : null;
  }

  async store(name: string, state: Uint8Array, now = Date.now()): Promise<boolean> {
    return this.transaction(async (client) => {
      await this.lockRoom(client, name);
      const deleted = await client.query('SELECT 1 FROM deleted_rooms WHERE name = $1', [name]);
      if (deleted.rowCount) return false;
      const { rows } = await client.query<{ data: Buffer }>('SELECT data FROM documents WHERE name = $1', [name]);
      const merged = rows[0] ? Y.mergeUpdates([bytes(rows[0].data), state]) : state;
      await client.query(
        `INSERT INTO documents (name, data) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET data = excluded.data`,
        [name, buffer(merged)],
      );
      await this.touchWith(client, name, now);
      return true;
    });
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

  async deletedAt(name: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ deleted_at: string }>('SELECT deleted_at FROM deleted_rooms WHERE name = $1', [name]);
    return rows[0] ? Number(rows[0].deleted_at) : null;
  }

  async info(name: string): Promise<RoomInfo | undefined> {
    return (await this.list(name))[0];
  }

  async list(only?: string): Promise<RoomInfo[]> {
    const { rows } = await this.pool.query<{ name: string; created_at: string; last_activity: string; bytes: number | null }>(
      `SELECT rooms.name, rooms.created_at, rooms.last_activity, octet_length(documents.data) AS bytes
         FROM rooms LEFT JOIN documents ON documents.name = rooms.name
         WHERE $1::text IS NULL OR rooms.name = $1
         ORDER BY rooms.name`,
      [only ?? null],
    );
    return rows.map((row) => ({
      name: row.name,
      createdAt: Number(row.created_at),
      lastActivity: Number(row.last_activity),
      bytes: row.bytes ?? 0,
    }));
  }

  async listDeleted(): Promise<DeletedRoom[]> {
    const { rows } = await this.pool.query<{ name: string; deleted_at: string; reason: string }>('SELECT * FROM deleted_rooms ORDER BY name');
    return rows.map((row) => ({ name: row.name, deletedAt: Number(row.deleted_at), reason: row.reason }));
  }

  async idleSince(cutoff: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>('SELECT name FROM rooms WHERE last_activity < $1', [cutoff]);
    return rows.map((row) => row.name);
  }

  async deleteRoom(name: string, reason: 'operator' | 'retention', now = Date.now()): Promise<boolean> {
    return this.transaction(async (client) => {
      await this.lockRoom(client, name);
      await client.query('INSERT INTO deleted_rooms (name, deleted_at, reason) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
        name,
        now,
        reason,
      ]);
      const documents = await client.query('DELETE FROM documents WHERE name = $1', [name]);
      const rooms = await client.query('DELETE FROM rooms WHERE name = $1', [name]);
      return (documents.rowCount ?? 0) + (rooms.rowCount ?? 0) > 0;
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
