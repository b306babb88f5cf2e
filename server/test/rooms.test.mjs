import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addNote, connect, health, noteText, startServer, token, waitFor } from './helpers.mjs';

it('ten rooms stay apart: each sees its own notes and none of the others\'', async () => {
  const server = await startServer();
  const rooms = Array.from({ length: 10 }, (_, index) => `rom-${index}`);
  const pairs = await Promise.all(
    rooms.map(async (room) => {
      const jwt = await token({ room });
      return [connect(server, { room, token: jwt }), connect(server, { room, token: jwt })];
    }),
  );
  await Promise.all(pairs.flat().map((client) => client.waitSynced()));
  assert.deepEqual((await health(server)).body, { status: 'ok', rooms: 10, connections: 20 });

  pairs.forEach(([writer], index) => addNote(writer.doc, `note-${index}`, `Lapp i ${rooms[index]}`));
  await Promise.all(
    pairs.map(([, reader], index) =>
      waitFor(() => noteText(reader.doc, `note-${index}`) === `Lapp i ${rooms[index]}`, { what: `the note in ${rooms[index]}` }),
    ),
  );
  for (const [index, [writer, reader]] of pairs.entries()) {
    assert.deepEqual([...reader.doc.getMap('notes').keys()], [`note-${index}`]);
    assert.deepEqual([...writer.doc.getMap('notes').keys()], [`note-${index}`]);
  }
  pairs.flat().forEach((client) => client.destroy());
  await waitFor(async () => (await health(server)).body.connections === 0, { what: 'every connection to close' });
  assert.equal(await server.stop(), 0);
});

it('GET /health answers 200 with JSON; other paths are 404, admin routes need the admin token', async () => {
  const server = await startServer();
  const response = await fetch(`${server.http}/health`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(await response.json(), { status: 'ok', rooms: 0, connections: 0 });
  assert.equal((await fetch(`${server.http}/`)).status, 404);
  assert.equal((await fetch(`${server.http}/admin/rooms`)).status, 403);
  const roomToken = await token({ room: '*' });
  assert.equal((await fetch(`${server.http}/admin/rooms`, { headers: { authorization: `Bearer ${roomToken}` } })).status, 403);
  assert.equal(await server.stop(), 0);
});

it('GET /metrics: Prometheus text with connections, rooms, messages and refusals by reason; from elsewhere only with METRICS_TOKEN', async () => {
  const metricsToken = 'metrics-token-that-is-long-enough-0123456789';
  const server = await startServer({ env: { METRICS_TOKEN: metricsToken } });
  const read = async (headers = {}) => {
    const response = await fetch(`${server.http}/metrics`, { headers });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const value = (text, name) => Number(new RegExp(`^innovasjonsguide_${name} (\\d+)$`, 'm').exec(text)?.[1]);

  const client = connect(server, { room: 'maalt', token: await token({ room: 'maalt' }) });
  await client.waitSynced();
  addNote(client.doc, 'n1', 'Telles, men vises aldri');
  await client.waitSynced();
  const refused = connect(server, { room: 'maalt', token: await token({ room: 'et-annet-rom' }) });
  await refused.waitRefused();
  refused.destroy();

  const scraped = await read();
  assert.equal(scraped.status, 200);
  assert.match(scraped.type, /^text\/plain; version=0\.0\.4/);
  assert.match(scraped.text, /^# TYPE innovasjonsguide_connections gauge$/m);
  assert.equal(value(scraped.text, 'connections'), 1);
  assert.equal(value(scraped.text, 'rooms_open'), 1);
  assert.ok(value(scraped.text, 'messages_total') >= 2, scraped.text);
  assert.match(scraped.text, /^innovasjonsguide_refusals_total\{reason="[a-z-]+"\} 1$/m);
  assert.doesNotMatch(scraped.text, /Telles|maalt/, 'no note text or room name');

  // Through a proxy (or from another machine) only with the token.
  assert.equal((await read({ 'x-forwarded-for': '203.0.113.9' })).status, 403);
  assert.equal((await read({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer wrong' })).status, 403);
  assert.equal((await read({ 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${metricsToken}` })).status, 200);
  client.destroy();
  assert.equal(await server.stop(), 0);
});
