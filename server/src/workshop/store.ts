// What rooms made on request keep (issue #22): the server-only signing key, the created rooms,
// their invitations and codes, and the people who joined (with revocations). Beside the rooms,
// in the same place: `workshop.sqlite` in DATA_DIR, or the PostgreSQL of DATABASE_URL (shared by
// every instance). One set of statements for both, `$1`-style parameters, migrated in order.
import { chmodSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

export const WORKSHOP_DATABASE_FILE = 'workshop.sqlite';

/** In order; each runs once (tables prefixed `workshop_`, so they sit beside the rooms' in PostgreSQL). */
export const WORKSHOP_MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE workshop_keys (id TEXT PRIMARY KEY NOT NULL, secret TEXT NOT NULL)`,
    `CREATE TABLE workshop_rooms (room TEXT PRIMARY KEY NOT NULL, tenant TEXT, creation TEXT NOT NULL, created_at BIGINT NOT NULL,
       address TEXT NOT NULL, door_open INTEGER NOT NULL, link_id TEXT NOT NULL, link_expires_at BIGINT NOT NULL,
       code TEXT, code_expires_at BIGINT, ended_at BIGINT)`,
    `CREATE TABLE workshop_invitations (id TEXT PRIMARY KEY NOT NULL, room TEXT NOT NULL, role TEXT NOT NULL,
       expires_at BIGINT NOT NULL, state TEXT NOT NULL, replaces TEXT)`,
    `CREATE INDEX workshop_invitations_by_room ON workshop_invitations (room)`,
    `CREATE TABLE workshop_codes (code TEXT PRIMARY KEY NOT NULL, room TEXT NOT NULL, expires_at BIGINT NOT NULL, state TEXT NOT NULL)`,
    `CREATE TABLE workshop_people (room TEXT NOT NULL, sub TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
       joined_at BIGINT NOT NULL, revoked_at BIGINT, PRIMARY KEY (room, sub))`,
    `CREATE INDEX workshop_people_revoked ON workshop_people (revoked_at)`,
  ],
];

type Row = Record<string, unknown>;

/** The little a store needs from a database. */
interface Sql {
  readonly kind: 'sqlite' | 'postgres';
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `body` in a transaction (PostgreSQL: one client; SQLite: BEGIN IMMEDIATE). */
  transaction<T>(body: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface SqliteStatement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): Row[];
}
interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

class SqliteSql implements Sql {
  readonly kind = 'sqlite';
  #queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly db: SqliteDatabase) {}
  async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    // `$1` → `?1`: SQLite numbers its parameters the same way.
    return this.db.prepare(sql.replace(/\$(\d+)/g, '?$1')).all(...params.map((each) => (typeof each === 'boolean' ? Number(each) : each ?? null)));
  }
  async transaction<T>(body: (sql: Sql) => Promise<T>): Promise<T> {
    // node:sqlite is synchronous underneath, but bodies await: one transaction at a time.
    const run = this.#queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await body(this);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.#queue = run.catch(() => {});
    return run;
  }
  async close(): Promise<void> {
    this.db.close();
  }
}

class PostgresSql implements Sql {
  readonly kind = 'postgres';
  constructor(private readonly pool: pg.Pool | pg.PoolClient) {}
  async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params.map((each) => (typeof each === 'boolean' ? Number(each) : each ?? null)))).rows;
  }
  async transaction<T>(body: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await (this.pool as pg.Pool).connect();
    try {
      await client.query('BEGIN');
      const result = await body(new PostgresSql(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    await (this.pool as pg.Pool).end();
  }
}

export interface CreatedRoom {
  room: string;
  tenant: string | null;
  creation: string;
  createdAt: number;
  address: string;
  doorOpen: boolean;
  linkId: string;
  linkExpiresAt: number;
  code: string | null;
  codeExpiresAt: number | null;
  endedAt: number | null;
}

export interface Invitation {
  id: string;
  room: string;
  role: 'participant' | 'facilitator';
  expiresAt: number;
  state: 'active' | 'used' | 'replaced';
  replaces: string | null;
}

export interface Person {
  room: string;
  sub: string;
  name: string;
  role: 'participant' | 'facilitator';
  joinedAt: number;
  revokedAt: number | null;
}

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const roomOfRow = (row: Row): CreatedRoom => ({
  room: String(row.room),
  tenant: (row.tenant as string | null) ?? null,
  creation: String(row.creation),
  createdAt: num(row.created_at),
  address: String(row.address),
  doorOpen: num(row.door_open) === 1,
  linkId: String(row.link_id),
  linkExpiresAt: num(row.link_expires_at),
  code: (row.code as string | null) ?? null,
  codeExpiresAt: numOrNull(row.code_expires_at),
  endedAt: numOrNull(row.ended_at),
});

const personOfRow = (row: Row): Person => ({
  room: String(row.room),
  sub: String(row.sub),
  name: String(row.name),
  role: row.role === 'facilitator' ? 'facilitator' : 'participant',
  joinedAt: num(row.joined_at),
  revokedAt: numOrNull(row.revoked_at),
});

export class WorkshopStore {
  private constructor(private readonly sql: Sql) {}

  get kind(): 'sqlite' | 'postgres' {
    return this.sql.kind;
  }

  static async open(options: { dataDir: string; databaseUrl: string | null }): Promise<WorkshopStore> {
    let sql: Sql;
    if (options.databaseUrl) {
      const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3, connectionTimeoutMillis: 5000 });
      pool.on('error', () => {});
      sql = new PostgresSql(pool);
    } else {
      const file = join(options.dataDir, WORKSHOP_DATABASE_FILE);
      const { DatabaseSync } = (await import('node:sqlite')) as unknown as { DatabaseSync: new (file: string) => SqliteDatabase };
      const db = new DatabaseSync(file);
      db.exec('PRAGMA busy_timeout = 5000');
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA secure_delete = ON');
      for (const each of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(each)) chmodSync(each, 0o600);
      sql = new SqliteSql(db);
    }
    const store = new WorkshopStore(sql);
    try {
      await store.migrate();
    } catch (error) {
      await sql.close().catch(() => {});
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.sql.transaction(async (sql) => {
      if (sql.kind === 'postgres') await sql.query('SELECT pg_advisory_xact_lock($1)', [0x1ee8]);
      await sql.query('CREATE TABLE IF NOT EXISTS workshop_schema_version (version INTEGER NOT NULL)');
      const rows = await sql.query('SELECT version FROM workshop_schema_version');
      let version = rows.length ? num(rows[0]!.version) : 0;
      if (version > WORKSHOP_MIGRATIONS.length) throw new Error(`The workshop tables have schema version ${version}, newer than this server's ${WORKSHOP_MIGRATIONS.length}: run the newer server`);
      for (; version < WORKSHOP_MIGRATIONS.length; version += 1) for (const statement of WORKSHOP_MIGRATIONS[version]!) await sql.query(statement);
      await sql.query('DELETE FROM workshop_schema_version');
      await sql.query('INSERT INTO workshop_schema_version (version) VALUES ($1)', [version]);
    });
  }

  /** The server-only key that signs invitations and credentials: made once, shared by every instance on the database. */
  async signingKey(): Promise<Uint8Array> {
    await this.sql.query('INSERT INTO workshop_keys (id, secret) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', ['signing', randomBytes(32).toString('base64url')]);
    const rows = await this.sql.query('SELECT secret FROM workshop_keys WHERE id = $1', ['signing']);
    return new Uint8Array(Buffer.from(String(rows[0]!.secret), 'base64url'));
  }

  async ping(): Promise<void> {
    await this.sql.query('SELECT 1');
  }

  /** Live created rooms (not ended), in total and from one address. */
  async countLive(address: string): Promise<{ total: number; fromAddress: number }> {
    const rows = await this.sql.query(
      `SELECT count(*) AS total, sum(CASE WHEN address = $1 THEN 1 ELSE 0 END) AS mine FROM workshop_rooms WHERE ended_at IS NULL`,
      [address],
    );
    return { total: num(rows[0]?.total ?? 0), fromAddress: num(rows[0]?.mine ?? 0) };
  }

  async countLiveCodes(now: number): Promise<number> {
    const rows = await this.sql.query(`SELECT count(*) AS n FROM workshop_codes WHERE state = 'active' AND expires_at > $1`, [now]);
    return num(rows[0]?.n ?? 0);
  }

  async createRoom(room: CreatedRoom, invitations: Invitation[]): Promise<void> {
    await this.sql.transaction(async (sql) => {
      await sql.query(
        `INSERT INTO workshop_rooms (room, tenant, creation, created_at, address, door_open, link_id, link_expires_at, code, code_expires_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)`,
        [room.room, room.tenant, room.creation, room.createdAt, room.address, room.doorOpen, room.linkId, room.linkExpiresAt, room.code, room.codeExpiresAt],
      );
      for (const invitation of invitations) await this.#insertInvitation(sql, invitation);
    });
  }

  async #insertInvitation(sql: Sql, invitation: Invitation): Promise<void> {
    await sql.query(`INSERT INTO workshop_invitations (id, room, role, expires_at, state, replaces) VALUES ($1, $2, $3, $4, $5, $6)`, [
      invitation.id,
      invitation.room,
      invitation.role,
      invitation.expiresAt,
      invitation.state,
      invitation.replaces,
    ]);
  }

  async addInvitation(invitation: Invitation): Promise<void> {
    await this.#insertInvitation(this.sql, invitation);
  }

  /** Takes a code for a room, unless a live one has it; an expired or replaced holder gives it up. */
  async claimCode(code: string, room: string, expiresAt: number, now: number): Promise<boolean> {
    return this.sql.transaction(async (sql) => {
      const held = await sql.query(`SELECT expires_at, state FROM workshop_codes WHERE code = $1`, [code]);
      if (held.length && held[0]!.state === 'active' && num(held[0]!.expires_at) > now) return false;
      await sql.query(`DELETE FROM workshop_codes WHERE code = $1`, [code]);
      await sql.query(`INSERT INTO workshop_codes (code, room, expires_at, state) VALUES ($1, $2, $3, 'active')`, [code, room, expiresAt]);
      return true;
    });
  }

  async room(room: string): Promise<CreatedRoom | undefined> {
    const rows = await this.sql.query(`SELECT * FROM workshop_rooms WHERE room = $1`, [room]);
    return rows.length ? roomOfRow(rows[0]!) : undefined;
  }

  async rooms(): Promise<CreatedRoom[]> {
    return (await this.sql.query(`SELECT * FROM workshop_rooms ORDER BY created_at`)).map(roomOfRow);
  }

  async invitation(id: string): Promise<Invitation | undefined> {
    const rows = await this.sql.query(`SELECT * FROM workshop_invitations WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: String(row.id),
      room: String(row.room),
      role: row.role === 'facilitator' ? 'facilitator' : 'participant',
      expiresAt: num(row.expires_at),
      state: row.state as Invitation['state'],
      replaces: (row.replaces as string | null) ?? null,
    };
  }

  /** Marks a one-time invitation used; false if another request used it first. */
  async useInvitation(id: string): Promise<boolean> {
    const rows = await this.sql.query(`UPDATE workshop_invitations SET state = 'used' WHERE id = $1 AND state = 'active' RETURNING id`, [id]);
    return rows.length === 1;
  }

  async code(code: string): Promise<{ room: string; expiresAt: number; state: string } | undefined> {
    const rows = await this.sql.query(`SELECT room, expires_at, state FROM workshop_codes WHERE code = $1`, [code]);
    const row = rows[0];
    return row ? { room: String(row.room), expiresAt: num(row.expires_at), state: String(row.state) } : undefined;
  }

  /** A new participant link and code: the old ones are marked replaced. */
  async replaceLink(room: string, invitation: Invitation, code: string | null, codeExpiresAt: number | null): Promise<void> {
    await this.sql.transaction(async (sql) => {
      await sql.query(`UPDATE workshop_invitations SET state = 'replaced' WHERE room = $1 AND role = 'participant' AND state = 'active'`, [room]);
      await sql.query(`UPDATE workshop_codes SET state = 'replaced' WHERE room = $1 AND state = 'active' AND code <> $2`, [room, code ?? '']);
      await this.#insertInvitation(sql, invitation);
      await sql.query(`UPDATE workshop_rooms SET link_id = $2, link_expires_at = $3, code = $4, code_expires_at = $5 WHERE room = $1`, [
        room,
        invitation.id,
        invitation.expiresAt,
        code,
        codeExpiresAt,
      ]);
    });
  }

  async setDoor(room: string, open: boolean): Promise<void> {
    await this.sql.query(`UPDATE workshop_rooms SET door_open = $2 WHERE room = $1`, [room, open]);
  }

  async addPerson(person: Person): Promise<void> {
    await this.sql.query(`INSERT INTO workshop_people (room, sub, name, role, joined_at, revoked_at) VALUES ($1, $2, $3, $4, $5, NULL)`, [
      person.room,
      person.sub,
      person.name,
      person.role,
      person.joinedAt,
    ]);
  }

  async people(room: string): Promise<Person[]> {
    return (await this.sql.query(`SELECT * FROM workshop_people WHERE room = $1 ORDER BY joined_at`, [room])).map(personOfRow);
  }

  async person(room: string, sub: string): Promise<Person | undefined> {
    const rows = await this.sql.query(`SELECT * FROM workshop_people WHERE room = $1 AND sub = $2`, [room, sub]);
    return rows.length ? personOfRow(rows[0]!) : undefined;
  }

  /** Revokes a person's credential for good; returns whether it was live. */
  async revoke(room: string, sub: string, now: number): Promise<boolean> {
    const rows = await this.sql.query(`UPDATE workshop_people SET revoked_at = $3 WHERE room = $1 AND sub = $2 AND revoked_at IS NULL RETURNING sub`, [room, sub, now]);
    return rows.length === 1;
  }

  /** Revocations made since `since` (each instance checks, in case a Redis message was lost). */
  async revokedSince(since: number): Promise<{ room: string; sub: string; revokedAt: number }[]> {
    const rows = await this.sql.query(`SELECT room, sub, revoked_at FROM workshop_people WHERE revoked_at IS NOT NULL AND revoked_at >= $1`, [since]);
    return rows.map((row) => ({ room: String(row.room), sub: String(row.sub), revokedAt: num(row.revoked_at) }));
  }

  /** The room ended (or was deleted): its invitations and codes stop; names and addresses go. */
  async end(room: string, now: number): Promise<void> {
    await this.sql.transaction(async (sql) => {
      await sql.query(`UPDATE workshop_rooms SET ended_at = $2, address = '', door_open = 0 WHERE room = $1 AND ended_at IS NULL`, [room, now]);
      await sql.query(`UPDATE workshop_invitations SET state = 'replaced' WHERE room = $1 AND state = 'active'`, [room]);
      await sql.query(`UPDATE workshop_codes SET state = 'replaced' WHERE room = $1`, [room]);
      // Revocations stay (checked at every connection); names do not.
      await sql.query(`UPDATE workshop_people SET name = '', revoked_at = COALESCE(revoked_at, $2) WHERE room = $1`, [room, now]);
    });
  }

  /** Forgets what no longer matters: expired codes and invitations after a day, ended rooms' rows after `keepEndedMs`. */
  async purge(now: number, keepEndedMs: number): Promise<void> {
    await this.sql.query(`DELETE FROM workshop_codes WHERE expires_at < $1`, [now - 86_400_000]);
    await this.sql.query(`DELETE FROM workshop_invitations WHERE expires_at < $1`, [now - 86_400_000]);
    const ended = await this.sql.query(`SELECT room FROM workshop_rooms WHERE ended_at IS NOT NULL AND ended_at < $1`, [now - keepEndedMs]);
    for (const row of ended) {
      await this.sql.query(`DELETE FROM workshop_people WHERE room = $1`, [row.room]);
      await this.sql.query(`DELETE FROM workshop_rooms WHERE room = $1`, [row.room]);
    }
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}
