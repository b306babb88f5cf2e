// Backups and restore, as docs/drift.md tells the operator to do them: back up, delete, restore,
// and the room is back. SQLite here; PostgreSQL (pg_dump/pg_restore) in instances.test.mjs.
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { addNote, connect, health, noteText, run, SECRET, startServer, tempDir, token, waitFor } from './helpers.mjs';

it('SQLite: rooms backup while the server runs, delete the room, restore the file, and the room is back', async () => {
  const server = await startServer();
  const jwt = await token({ room: 'sikret' });
  const writer = connect(server, { room: 'sikret', token: jwt });
  await writer.waitSynced();
  addNote(writer.doc, 'n1', 'Tas vare på');
  await writer.waitSynced();
  writer.destroy();
  await waitFor(async () => (await health(server)).body.rooms === 0, { what: 'the room to be saved and unloaded' });

  const file = join(tempDir(), 'rooms-backup.sqlite');
  const env = { DATA_DIR: server.dataDir, COLLAB_SECRET: SECRET };
  const backedUp = await run(['rooms', 'backup', file], { env });
  assert.equal(backedUp.code, 0, backedUp.stderr);
  assert.equal((await run(['rooms', 'backup', file], { env })).code, 1, 'never over an existing file');
  assert.equal((await run(['rooms', 'delete', 'sikret'], { env })).code, 0);
  assert.equal(await connect(server, { room: 'sikret', token: jwt }).waitRefused(), 'room-deleted');
  assert.equal(await server.stop(), 0);

  for (const suffix of ['', '-wal', '-shm']) rmSync(join(server.dataDir, `rooms.sqlite${suffix}`), { force: true });
  copyFileSync(file, join(server.dataDir, 'rooms.sqlite'));
  const restored = await startServer({ dataDir: server.dataDir });
  const reader = connect(restored, { room: 'sikret', token: jwt });
  await reader.waitSynced();
  assert.equal(noteText(reader.doc, 'n1'), 'Tas vare på');
  reader.destroy();
  assert.equal(await restored.stop(), 0);
});
