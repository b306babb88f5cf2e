// The rooms on disk: one SQLite file in DATA_DIR. The `documents` table is
// @hocuspocus/extension-sqlite's own (same schema and queries, so its data stays readable
// by the stock extension); `rooms` and `deleted_rooms` are ours, for retention and erasure.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { schema as documentsSchema, selectQuery } from '@hocuspocus/extension-sqlite';
import sqlite3 from 'sqlite3';

export interface RoomInfo {
  name: string;
  /** Milliseconds since 1970. */
  createdAt: number;
  lastActivity: number;
  /** Size of the stored Yjs state, 0 if nothing is stored yet. */
  bytes: number;
}

export interface DeletedRoom {
  name: string;
  deletedAt: number;
  reason: string;
}

const OWN_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS rooms (
    name TEXT PRIMARY KEY NOT NULL,
    created_at INTEGER NOT NULL,
    last_activity INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS deleted_rooms (
    name TEXT PRIMARY KEY NOT NULL,
    deleted_at INTEGER NOT NULL,
    reason TEXT NOT NULL
  )`,
];

export const DATABASE_FILE = 'rooms.sqlite';

/** Where the rooms are kept: SQLite in DATA_DIR (one server), or PostgreSQL shared by several (DATABASE_URL). */
export interface RoomStorage {
  readonly kind: 'sqlite' | 'postgres';
  fetch(name: string): Promise<Uint8Array | null>;
  /** Saves a room's state unless the room was deleted; returns whether it was saved. */
  store(name: string, state: Uint8Array, now?: number): Promise<boolean>;
  touch(name: string, now?: number): Promise<void>;
  deletedAt(name: string): Promise<number | null>;
  info(name: string): Promise<RoomInfo | undefined>;
  list(): Promise<RoomInfo[]>;
  listDeleted(): Promise<DeletedRoom[]>;
  idleSince(cutoff: number): Promise<string[]>;
  deleteRoom(name: string, reason: 'operator' | 'retention', now?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
export async function openRoomStorage(config: { dataDir: string; databaseUrl: string | null }): Promise<RoomStorage> {
  if (config.databaseUrl) {
    const { PostgresRoomStore } = await import('./storage-postgres.js');
    return PostgresRoomStore.open(config.databaseUrl);
  }
  return RoomStore.open(config.dataDir);
}

export class RoomStore implements RoomStorage {
  readonly kind = 'sqlite';

  private constructor(private readonly db: sqlite3.Database) {}

  static async open(dataDir: string): Promise<RoomStore> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened = new sqlite3.Database(join(dataDir, DATABASE_FILE), (error) => (error ? reject(error) : resolve(opened)));
    });
    const store = new RoomStore(db);
    // WAL lets the CLI read while the server writes; secure_delete overwrites erased rooms' pages with zeros.
    await store.run('PRAGMA journal_mode = WAL');
    await store.run('PRAGMA secure_delete = ON');
    await store.run('PRAGMA busy_timeout = 5000');
    for (const statement of [documentsSchema, ...OWN_SCHEMA]) await store.run(statement);
    return store;
  }

  private run(sql: string, params: Record<string, unknown> = {}): Promise<number> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve(this.changes);
      }),
    );
  }

  private get<T>(sql: string, params: Record<string, unknown> = {}): Promise<T | undefined> {
    return new Promise((resolve, reject) => this.db.get(sql, params, (error, row) => (error ? reject(error) : resolve(row as T | undefined))));
  }

  private all<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
  }

  async fetch(name: string): Promise<Uint8Array | null> {
    const row = await this.get<{ data: Buffer }>(selectQuery, { $name: name });
    return row ? new Uint8Array(row.data) : null;
  }

  /**
   * Saves a room's state, unless the room was deleted meanwhile (in one statement, so a
   * save racing a deletion cannot bring it back). Returns whether it was saved.
   */
  async store(name: string, state: Uint8Array, now = Date.now()): Promise<boolean> {
    const saved = await this.run(
      `INSERT INTO documents (name, data) SELECT $name, $data
         WHERE NOT EXISTS (SELECT 1 FROM deleted_rooms WHERE name = $name)
         ON CONFLICT(name) DO UPDATE SET data = excluded.data`,
      { $name: name, $data: Buffer.from(state.buffer, state.byteOffset, state.byteLength) },
    );
    if (saved) await this.touch(name, now);
    return saved > 0;
  }

  /** Marks activity (a connection or a change), which resets the retention clock. */
  async touch(name: string, now = Date.now()): Promise<void> {
    await this.run(
      `INSERT INTO rooms (name, created_at, last_activity) SELECT $name, $now, $now
         WHERE NOT EXISTS (SELECT 1 FROM deleted_rooms WHERE name = $name)
         ON CONFLICT(name) DO UPDATE SET last_activity = MAX(last_activity, excluded.last_activity)`,
      { $name: name, $now: now },
    );
  }

  async deletedAt(name: string): Promise<number | null> {
    const row = await this.get<{ deleted_at: number }>('SELECT deleted_at FROM deleted_rooms WHERE name = $name', { $name: name });
    return row ? row.deleted_at : null;
  }

  async info(name: string): Promise<RoomInfo | undefined> {
    return (await this.list()).find((room) => room.name === name);
  }

  async list(): Promise<RoomInfo[]> {
    const rows = await this.all<{ name: string; created_at: number; last_activity: number; bytes: number | null }>(
      `SELECT rooms.name, rooms.created_at, rooms.last_activity, length(documents.data) AS bytes
         FROM rooms LEFT JOIN documents ON documents.name = rooms.name
         ORDER BY rooms.name`,
    );
    return rows.map((row) => ({ name: row.name, createdAt: row.created_at, lastActivity: row.last_activity, bytes: row.bytes ?? 0 }));
  }

  async listDeleted(): Promise<DeletedRoom[]> {
    const rows = await this.all<{ name: string; deleted_at: number; reason: string }>('SELECT * FROM deleted_rooms ORDER BY name');
    return rows.map((row) => ({ name: row.name, deletedAt: row.deleted_at, reason: row.reason }));
  }

  /** Rooms with no activity since `cutoff` (milliseconds since 1970). */
  async idleSince(cutoff: number): Promise<string[]> {
    const rows = await this.all<{ name: string }>('SELECT name FROM rooms WHERE last_activity < $cutoff', { $cutoff: cutoff });
    return rows.map((row) => row.name);
  }

  /**
   * Erases a room and remembers its name, so no copy can bring it back. The WAL is
   * checkpointed so the erased pages leave the log file too. Returns whether anything
   * was stored under that name.
   */
  async deleteRoom(name: string, reason: 'operator' | 'retention', now = Date.now()): Promise<boolean> {
    await this.run('INSERT OR IGNORE INTO deleted_rooms (name, deleted_at, reason) VALUES ($name, $now, $reason)', {
      $name: name,
      $now: now,
      $reason: reason,
    });
    const documents = await this.run('DELETE FROM documents WHERE name = $name', { $name: name });
    const rooms = await this.run('DELETE FROM rooms WHERE name = $name', { $name: name });
    await this.run('PRAGMA wal_checkpoint(TRUNCATE)');
    return documents + rooms > 0;
  }

  /** A consistent copy of the whole database in `file` (which must not exist), also while the server writes. */
  async backup(file: string): Promise<void> {
    await this.run('VACUUM INTO $file', { $file: file });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}
