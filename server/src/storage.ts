// Where the rooms are kept, behind one interface: SQLite in DATA_DIR (one server; Node's own
// node:sqlite, nothing to compile) or PostgreSQL shared by several instances (storage-postgres.ts).
//
// A room is a base state (`documents`, the table @hocuspocus/extension-sqlite used, so files
// written by 0.1.0 open as they are) plus the small updates saved since (`updates`): a save
// appends what changed, never rewrites the room. When the updates outgrow the base, or the
// room's last snapshot is older than the snapshot interval, the room is compacted (base and
// updates merged through a Y.Doc, which drops deleted content) and a snapshot is kept.
// Deleted rooms are remembered (`deleted_rooms`) so that no copy can bring them back.
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';

export interface RoomInfo {
  name: string;
  /** Milliseconds since 1970. */
  createdAt: number;
  lastActivity: number;
  /** Size of the stored Yjs state (base and updates), 0 if nothing is stored yet. */
  bytes: number;
}

export interface DeletedRoom {
  name: string;
  deletedAt: number;
  reason: string;
}

export interface SnapshotInfo {
  name: string;
  takenAt: number;
  bytes: number;
}

export type DeletionReason = 'operator' | 'retention' | 'migrated';

/** How often a room that changes gets a snapshot, and for how long snapshots are kept. */
export interface SnapshotPolicy {
  intervalMs: number;
  keepMs: number;
}

export const DEFAULT_SNAPSHOTS: SnapshotPolicy = { intervalMs: 3_600_000, keepMs: 30 * 86_400_000 };

/** Compact when the updates since the base pass this many bytes (and the base's size), or this count. */
const COMPACT_MIN_BYTES = 64 * 1024;
const COMPACT_MAX_UPDATES = 500;

export const DATABASE_FILE = 'rooms.sqlite';

export class StorageError extends Error {
  override name = 'StorageError';
}

/** One room's stored pieces, for a migration between backends. */
export interface RoomRecord {
  info: RoomInfo;
  state: Uint8Array | null;
  snapshots: { takenAt: number; state: Uint8Array }[];
}

/** A Yjs client that cast votes as one person, up to a clock. */
export interface SeenVote {
  client: number;
  sub: string;
  end: number;
}

/** Where the rooms are kept: SQLite in DATA_DIR (one server), or PostgreSQL shared by several (DATABASE_URL). */
export interface RoomStorage {
  readonly kind: 'sqlite' | 'postgres';
  /** The room's state: its base with every update since merged in. */
  fetch(name: string): Promise<Uint8Array | null>;
  /** Appends what changed since the last save, unless the room was deleted; returns whether it was saved. */
  append(name: string, update: Uint8Array, now?: number): Promise<boolean>;
  /** Replaces the room's whole state (a restore, a migration), unless it was deleted. */
  replace(name: string, state: Uint8Array, now?: number): Promise<boolean>;
  touch(name: string, now?: number): Promise<void>;
  deletedAt(name: string): Promise<number | null>;
  info(name: string): Promise<RoomInfo | undefined>;
  list(): Promise<RoomInfo[]>;
  listDeleted(): Promise<DeletedRoom[]>;
  /** Remembers a deletion (a migration copies them); the room's data is not touched. */
  rememberDeleted(room: DeletedRoom): Promise<void>;
  idleSince(cutoff: number): Promise<string[]>;
  /** Rooms stored (session documents not counted). */
  countRooms(): Promise<number>;
  /**
   * Erases a room's data and snapshots and remembers its name with the Yjs clients it held (`clients`,
   * a state vector, or what was stored); returns whether anything was stored.
   */
  deleteRoom(name: string, reason: DeletionReason, now?: number, clients?: Uint8Array): Promise<boolean>;
  /** Lets a deleted name be used again, as a new generation; returns it, or null if the name was not deleted. */
  reuse(name: string, now?: number): Promise<number | null>;
  /** The Yjs clients and clocks of earlier generations of a name used again: their updates are refused. */
  retiredClients(name: string): Promise<Map<number, number>>;
  /**
   * Remembers, before they are applied, that `client` cast votes as `sub` up to clock `end`, so a page can
   * pass them on when a crash lost them (schema-guard.ts). A client stays bound to the first person; erased with the room.
   */
  rememberVotes(name: string, votes: SeenVote[]): Promise<void>;
  seenVotes(name: string): Promise<Map<number, Omit<SeenVote, 'client'>>>;
  snapshots(name: string): Promise<SnapshotInfo[]>;
  snapshot(name: string, takenAt: number): Promise<Uint8Array | null>;
  /** Copies a snapshot in as it was taken (a migration). */
  addSnapshot(name: string, takenAt: number, state: Uint8Array): Promise<void>;
  /** Drops snapshots older than the policy keeps. */
  pruneSnapshots(now?: number): Promise<number>;
  /** Bytes written for room states since opening (base, updates, snapshots): for /metrics. */
  readonly writtenBytes: number;
  /** Throws when the storage does not answer a trivial query now (for /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Merges a base and its updates through a Y.Doc, so deleted content is dropped (not kept as mergeUpdates would). */
export function compactState(pieces: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  for (const piece of pieces) Y.applyUpdate(doc, piece);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** One state vector holding the highest clock of each client in any of them. */
export function mergeVectors(vectors: (Uint8Array | undefined)[]): Uint8Array {
  const merged = new Map<number, number>();
  for (const vector of vectors) {
    if (!vector) continue;
    for (const [client, clock] of Y.decodeStateVector(vector)) merged.set(client, Math.max(clock, merged.get(client) ?? 0));
  }
  return encodingOf(merged);
}

/** A state vector as Yjs writes one: a varuint count, then (client, clock) pairs. */
function encodingOf(vector: Map<number, number>): Uint8Array {
  const out: number[] = [];
  const varuint = (value: number) => {
    while (value > 0x7f) {
      out.push(0x80 | (value & 0x7f));
      value = Math.floor(value / 128);
    }
    out.push(value);
  };
  varuint(vector.size);
  for (const [client, clock] of [...vector].sort((a, b) => b[0] - a[0])) {
    varuint(client);
    varuint(clock);
  }
  return new Uint8Array(out);
}

/** Opens PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
export async function openRoomStorage(
  config: { dataDir: string; databaseUrl: string | null },
  { mustExist = false, snapshots = DEFAULT_SNAPSHOTS }: { mustExist?: boolean; snapshots?: SnapshotPolicy } = {},
): Promise<RoomStorage> {
  if (config.databaseUrl) {
    const { PostgresRoomStore } = await import('./storage-postgres.js');
    return PostgresRoomStore.open(config.databaseUrl, snapshots);
  }
  return SqliteRoomStore.open(config.dataDir, { mustExist, snapshots });
}

/**
 * The schema, in order: each entry brings a database from the version before it to its own.
 * Version 1 is what 0.1.0 wrote (created only where missing, so its files open as they are).
 */
export const SQLITE_MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE IF NOT EXISTS documents (name VARCHAR(255) NOT NULL, data BLOB NOT NULL, UNIQUE(name))`,
    `CREATE TABLE IF NOT EXISTS rooms (name TEXT PRIMARY KEY NOT NULL, created_at INTEGER NOT NULL, last_activity INTEGER NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS deleted_rooms (name TEXT PRIMARY KEY NOT NULL, deleted_at INTEGER NOT NULL, reason TEXT NOT NULL)`,
  ],
  [
    `CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, data BLOB NOT NULL)`,
    `CREATE INDEX updates_by_name ON updates (name, seq)`,
    `CREATE TABLE snapshots (name TEXT NOT NULL, taken_at INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (name, taken_at))`,
    `CREATE TABLE migrated (target TEXT NOT NULL, at INTEGER NOT NULL)`,
    // The Yjs clients (a state vector) a deleted room held, so that a name used again refuses old copies.
    `ALTER TABLE deleted_rooms ADD COLUMN clients BLOB`,
    `CREATE TABLE reused_rooms (name TEXT PRIMARY KEY NOT NULL, generation INTEGER NOT NULL, clients BLOB NOT NULL, reused_at INTEGER NOT NULL)`,
  ],
  [
    // Which person each Yjs client voted as, and up to which clock: votes a crash lost come back from other pages.
    `CREATE TABLE vote_clients (name TEXT NOT NULL, client INTEGER NOT NULL, sub TEXT NOT NULL, end_clock INTEGER NOT NULL, PRIMARY KEY (name, client))`,
  ],
];
export const SCHEMA_VERSION = SQLITE_MIGRATIONS.length;

type Row = Record<string, unknown>;
type Params = Record<string, string | number | bigint | Uint8Array | null>;

interface SqliteStatement {
  run(params?: Params): { changes: number | bigint };
  get(params?: Params): Row | undefined;
  all(params?: Params): Row[];
}
interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/** node:sqlite, loaded when first needed (on Node 22 it prints an ExperimentalWarning; 24 does not). */
async function openSqlite(file: string): Promise<SqliteDatabase> {
  const { DatabaseSync } = (await import('node:sqlite')) as unknown as { DatabaseSync: new (file: string) => SqliteDatabase };
  return new DatabaseSync(file);
}

const bytes = (value: unknown): Uint8Array => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer));

export class SqliteRoomStore implements RoomStorage {
  readonly kind = 'sqlite';
  writtenBytes = 0;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly policy: SnapshotPolicy,
    readonly file: string,
  ) {}

  /**
   * Opens DATA_DIR's database, creating both for the server. With `mustExist` (the operator's
   * read commands) a missing folder or file is an error naming the path, never a new empty database.
   */
  static async open(dataDir: string, { mustExist = false, snapshots = DEFAULT_SNAPSHOTS } = {}): Promise<SqliteRoomStore> {
    const file = join(dataDir, DATABASE_FILE);
    if (mustExist) {
      if (!existsSync(dataDir)) throw new StorageError(`DATA_DIR ${dataDir} does not exist: is DATA_DIR set as the server's (see its environment file)?`);
      if (!statSync(dataDir).isDirectory()) throw new StorageError(`DATA_DIR ${dataDir} is not a folder`);
      if (!existsSync(file)) throw new StorageError(`There is no room database at ${file}: is DATA_DIR set as the server's (see its environment file)?`);
    } else {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      // A DATA_DIR made by hand (0755) holds every room: only the service user reads it.
      chmodSync(dataDir, 0o700);
    }
    let db: SqliteDatabase;
    try {
      db = await openSqlite(file);
      // WAL lets the CLI read while the server writes; secure_delete overwrites erased rooms' pages with zeros.
      db.exec('PRAGMA busy_timeout = 5000');
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA secure_delete = ON');
    } catch (error) {
      throw new StorageError(`The room database ${file} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
    const store = new SqliteRoomStore(db, snapshots, file);
    store.migrate();
    if (!mustExist) for (const each of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(each)) chmodSync(each, 0o600);
    return store;
  }

  /** Brings the schema to SCHEMA_VERSION, one migration at a time, each in a transaction of its own. */
  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = this.db.prepare('SELECT version FROM schema_version').get();
    let version = row ? Number(row.version) : 0;
    if (version > SCHEMA_VERSION) {
      throw new StorageError(`${this.file} has schema version ${version}, newer than this server's ${SCHEMA_VERSION}: run the newer server, or restore a backup`);
    }
    while (version < SCHEMA_VERSION) {
      this.transaction(() => {
        for (const statement of SQLITE_MIGRATIONS[version]) this.db.exec(statement);
        this.db.exec('DELETE FROM schema_version');
        this.db.prepare('INSERT INTO schema_version (version) VALUES ($version)').run({ $version: version + 1 });
      });
      version += 1;
    }
  }

  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private run(sql: string, params: Params = {}): number {
    return Number(this.db.prepare(sql).run(params).changes);
  }

  private isDeleted(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM deleted_rooms WHERE name = $name').get({ $name: name }) !== undefined;
  }

  private pieces(name: string): { base: Uint8Array | null; updates: { seq: number; data: Uint8Array }[] } {
    const base = this.db.prepare('SELECT data FROM documents WHERE name = $name').get({ $name: name });
    const updates = this.db
      .prepare('SELECT seq, data FROM updates WHERE name = $name ORDER BY seq')
      .all({ $name: name })
      .map((row) => ({ seq: Number(row.seq), data: bytes(row.data) }));
    return { base: base ? bytes(base.data) : null, updates };
  }

  async fetch(name: string): Promise<Uint8Array | null> {
    const { base, updates } = this.pieces(name);
    if (!base && !updates.length) return null;
    if (!updates.length) return base;
    return Y.mergeUpdates([...(base ? [base] : []), ...updates.map((update) => update.data)]);
  }

  async append(name: string, update: Uint8Array, now = Date.now()): Promise<boolean> {
    return this.transaction(() => {
      if (this.isDeleted(name)) return false;
      this.run('INSERT INTO updates (name, data) VALUES ($name, $data)', { $name: name, $data: update });
      this.writtenBytes += update.length;
      this.touchNow(name, now);
      this.compactIfDue(name, now);
      return true;
    });
  }

  async replace(name: string, state: Uint8Array, now = Date.now()): Promise<boolean> {
    return this.transaction(() => {
      if (this.isDeleted(name)) return false;
      this.writeBase(name, state);
      this.touchNow(name, now);
      return true;
    });
  }

  private writeBase(name: string, state: Uint8Array): void {
    this.run('INSERT INTO documents (name, data) VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = excluded.data', { $name: name, $data: state });
    this.run('DELETE FROM updates WHERE name = $name', { $name: name });
    this.writtenBytes += state.length;
  }

  /** Inside a save's transaction: compacts when the updates have grown, and keeps a snapshot when one is due. */
  private compactIfDue(name: string, now: number): void {
    const sizes = this.db
      .prepare(
        `SELECT (SELECT count(*) FROM updates WHERE name = $name) AS count,
                (SELECT coalesce(sum(length(data)), 0) FROM updates WHERE name = $name) AS bytes,
                (SELECT coalesce(length(data), 0) FROM documents WHERE name = $name) AS base,
                (SELECT max(taken_at) FROM snapshots WHERE name = $name) AS snapped`,
      )
      .get({ $name: name }) as { count: number; bytes: number; base: number | null; snapped: number | null };
    const grown = Number(sizes.count) >= COMPACT_MAX_UPDATES || Number(sizes.bytes) > Math.max(COMPACT_MIN_BYTES, Number(sizes.base ?? 0));
    const snapshotDue = sizes.snapped === null || now - Number(sizes.snapped) >= this.policy.intervalMs;
    if (!grown && !snapshotDue) return;
    const { base, updates } = this.pieces(name);
    const state = compactState([...(base ? [base] : []), ...updates.map((update) => update.data)]);
    this.writeBase(name, state);
    if (snapshotDue) {
      this.run('INSERT OR REPLACE INTO snapshots (name, taken_at, data) VALUES ($name, $at, $data)', { $name: name, $at: now, $data: state });
      this.writtenBytes += state.length;
    }
  }

  /** Marks activity (a connection or a change), which resets the retention clock. */
  async touch(name: string, now = Date.now()): Promise<void> {
    this.touchNow(name, now);
  }

  private touchNow(name: string, now: number): void {
    this.run(
      `INSERT INTO rooms (name, created_at, last_activity) SELECT $name, $now, $now
         WHERE NOT EXISTS (SELECT 1 FROM deleted_rooms WHERE name = $name)
         ON CONFLICT(name) DO UPDATE SET last_activity = MAX(last_activity, excluded.last_activity)`,
      { $name: name, $now: now },
    );
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT count(*) FROM rooms').get();
  }

  async deletedAt(name: string): Promise<number | null> {
    const row = this.db.prepare('SELECT deleted_at FROM deleted_rooms WHERE name = $name').get({ $name: name });
    return row ? Number(row.deleted_at) : null;
  }

  async info(name: string): Promise<RoomInfo | undefined> {
    return this.listRooms(name)[0];
  }

  async list(): Promise<RoomInfo[]> {
    return this.listRooms(null);
  }

  private listRooms(only: string | null): RoomInfo[] {
    return this.db
      .prepare(
        `SELECT rooms.name, rooms.created_at, rooms.last_activity,
                coalesce(length(documents.data), 0) + coalesce((SELECT sum(length(data)) FROM updates WHERE updates.name = rooms.name), 0) AS bytes
           FROM rooms LEFT JOIN documents ON documents.name = rooms.name
           WHERE $only IS NULL OR rooms.name = $only
           ORDER BY rooms.name`,
      )
      .all({ $only: only })
      .map((row) => ({ name: String(row.name), createdAt: Number(row.created_at), lastActivity: Number(row.last_activity), bytes: Number(row.bytes) }));
  }

  async listDeleted(): Promise<DeletedRoom[]> {
    return this.db
      .prepare('SELECT name, deleted_at, reason FROM deleted_rooms ORDER BY name')
      .all()
      .map((row) => ({ name: String(row.name), deletedAt: Number(row.deleted_at), reason: String(row.reason) }));
  }

  async rememberDeleted({ name, deletedAt, reason }: DeletedRoom): Promise<void> {
    this.run('INSERT OR IGNORE INTO deleted_rooms (name, deleted_at, reason) VALUES ($name, $at, $reason)', { $name: name, $at: deletedAt, $reason: reason });
  }

  async countRooms(): Promise<number> {
    return Number(this.db.prepare("SELECT count(*) AS n FROM rooms WHERE name NOT LIKE '%/session'").get()!.n);
  }

  /** Rooms with no activity since `cutoff` (milliseconds since 1970). */
  async idleSince(cutoff: number): Promise<string[]> {
    return this.db
      .prepare('SELECT name FROM rooms WHERE last_activity < $cutoff')
      .all({ $cutoff: cutoff })
      .map((row) => String(row.name));
  }

  /**
   * Erases a room with its snapshots and remembers its name, so no copy can bring it back. The
   * WAL is checkpointed so the erased pages leave the log file too.
   */
  async deleteRoom(name: string, reason: DeletionReason, now = Date.now(), clients?: Uint8Array): Promise<boolean> {
    const stored = await this.fetch(name);
    const vector = mergeVectors([clients, stored ? Y.encodeStateVectorFromUpdate(stored) : undefined, await this.reusedVector(name)]);
    const erased = this.transaction(() => {
      this.run('INSERT OR IGNORE INTO deleted_rooms (name, deleted_at, reason, clients) VALUES ($name, $now, $reason, $clients)', {
        $name: name,
        $now: now,
        $reason: reason,
        $clients: vector,
      });
      let count = 0;
      for (const table of ['documents', 'updates', 'rooms', 'snapshots']) count += this.run(`DELETE FROM ${table} WHERE name = $name`, { $name: name });
      this.run('DELETE FROM vote_clients WHERE name = $name', { $name: name });
      return count;
    });
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return erased > 0;
  }

  private async reusedVector(name: string): Promise<Uint8Array | undefined> {
    const row = this.db.prepare('SELECT clients FROM reused_rooms WHERE name = $name').get({ $name: name });
    return row ? bytes(row.clients) : undefined;
  }

  async reuse(name: string, now = Date.now()): Promise<number | null> {
    return this.transaction(() => {
      const deleted = this.db.prepare('SELECT clients FROM deleted_rooms WHERE name = $name').get({ $name: name });
      if (!deleted) return null;
      const earlier = this.db.prepare('SELECT generation, clients FROM reused_rooms WHERE name = $name').get({ $name: name });
      const generation = earlier ? Number(earlier.generation) + 1 : 2;
      const clients = mergeVectors([deleted.clients ? bytes(deleted.clients) : undefined, earlier ? bytes(earlier.clients) : undefined]);
      this.run(
        `INSERT INTO reused_rooms (name, generation, clients, reused_at) VALUES ($name, $generation, $clients, $now)
           ON CONFLICT(name) DO UPDATE SET generation = excluded.generation, clients = excluded.clients, reused_at = excluded.reused_at`,
        { $name: name, $generation: generation, $clients: clients, $now: now },
      );
      this.run('DELETE FROM deleted_rooms WHERE name = $name', { $name: name });
      return generation;
    });
  }

  async retiredClients(name: string): Promise<Map<number, number>> {
    const vector = await this.reusedVector(name);
    return vector ? Y.decodeStateVector(vector) : new Map();
  }

  async rememberVotes(name: string, votes: SeenVote[]): Promise<void> {
    this.transaction(() => {
      for (const { client, sub, end } of votes) {
        this.run(
          `INSERT INTO vote_clients (name, client, sub, end_clock) VALUES ($name, $client, $sub, $end)
             ON CONFLICT(name, client) DO UPDATE SET end_clock = max(end_clock, excluded.end_clock) WHERE sub = excluded.sub`,
          { $name: name, $client: client, $sub: sub, $end: end },
        );
      }
    });
  }

  async seenVotes(name: string): Promise<Map<number, Omit<SeenVote, 'client'>>> {
    const rows = this.db.prepare('SELECT client, sub, end_clock FROM vote_clients WHERE name = $name').all({ $name: name });
    return new Map(rows.map((row) => [Number(row.client), { sub: String(row.sub), end: Number(row.end_clock) }]));
  }

  async snapshots(name: string): Promise<SnapshotInfo[]> {
    return this.db
      .prepare('SELECT name, taken_at, length(data) AS bytes FROM snapshots WHERE name = $name ORDER BY taken_at')
      .all({ $name: name })
      .map((row) => ({ name: String(row.name), takenAt: Number(row.taken_at), bytes: Number(row.bytes) }));
  }

  async snapshot(name: string, takenAt: number): Promise<Uint8Array | null> {
    const row = this.db.prepare('SELECT data FROM snapshots WHERE name = $name AND taken_at = $at').get({ $name: name, $at: takenAt });
    return row ? bytes(row.data) : null;
  }

  async addSnapshot(name: string, takenAt: number, state: Uint8Array): Promise<void> {
    this.run('INSERT OR IGNORE INTO snapshots (name, taken_at, data) VALUES ($name, $at, $data)', { $name: name, $at: takenAt, $data: state });
  }

  async pruneSnapshots(now = Date.now()): Promise<number> {
    return this.run('DELETE FROM snapshots WHERE taken_at < $cutoff', { $cutoff: now - this.policy.keepMs });
  }

  /** The database records a migration to PostgreSQL (`rooms migrate`), so a server on PostgreSQL need not warn. */
  markMigrated(target: string, now = Date.now()): void {
    this.run('INSERT INTO migrated (target, at) VALUES ($target, $at)', { $target: target, $at: now });
  }

  /** Rooms and deletions this file holds (session documents go with their rooms), and when it was migrated, unless changed since. */
  migrationState(): { rooms: number; deleted: number; migratedAt: number | null } {
    const row = this.db
      .prepare(
        `SELECT (SELECT count(*) FROM rooms WHERE name NOT LIKE '%/session') AS rooms,
                (SELECT count(*) FROM deleted_rooms WHERE name NOT LIKE '%/session') AS deleted,
                (SELECT max(at) FROM migrated) AS migrated_at, (SELECT max(last_activity) FROM rooms) AS last`,
      )
      .get() as Row;
    const migratedAt = row.migrated_at === null ? null : Number(row.migrated_at);
    const changedSince = row.last !== null && migratedAt !== null && Number(row.last) > migratedAt;
    return { rooms: Number(row.rooms), deleted: Number(row.deleted), migratedAt: changedSince ? null : migratedAt };
  }

  /** A consistent copy of the whole database in `file` (which must not exist), also while the server writes. */
  async backup(file: string): Promise<void> {
    this.db.prepare('VACUUM INTO $file').run({ $file: file });
  }

  /** Moves what the WAL holds into the database file and truncates the WAL (erased text leaves it). */
  checkpoint(): void {
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
