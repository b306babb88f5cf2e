// The manifest check (scripts/manifest-gaps.mjs, run by `npm run analyze:check`) finds what an element lacks:
// the committed manifest passes, and one with a tag, events, parts or CSS properties taken out fails, naming them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { elementsOf, registeredTags, sourceGaps, untaggedRegistrations } from '../../scripts/manifest-gaps.mjs';

const committed = () => JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const element = (manifest, tag) => elementsOf(manifest).find(({ declaration }) => declaration.tagName === tag).declaration;

test('the committed manifest has every registered tag and lacks nothing its source declares', () => {
  const manifest = committed();
  assert.deepEqual(untaggedRegistrations(manifest), []);
  assert.deepEqual(sourceGaps(manifest), []);
  const tags = registeredTags();
  for (const tag of ['innovasjon-guide', 'innovasjon-trinn', 'innovasjon-kort', 'refleksjon-lapp', 'innovasjon-oppfolging', 'innovasjon-oppsummering', 'innovasjon-tidtaker', 'innovasjon-rom-status']) {
    assert.ok(tags.includes(tag), `${tag} is registered`);
  }
});

test('an element without its tag name fails', () => {
  const manifest = committed();
  delete element(manifest, 'innovasjon-rom-status').tagName;
  assert.deepEqual(untaggedRegistrations(manifest), ['innovasjon-rom-status']);
});

test('an element without its events, parts or CSS properties fails, naming each', () => {
  const manifest = committed();
  delete element(manifest, 'refleksjon-lapp').events;
  element(manifest, 'innovasjon-rom-status').cssParts = [];
  element(manifest, 'innovasjon-tidtaker').cssProperties = [];
  const gaps = sourceGaps(manifest);
  for (const name of ['refleksjon-lapp-change', 'refleksjon-lapp-cancel', 'refleksjon-lapp-delete', 'refleksjon-lapp-vote', 'refleksjon-lapp-move']) {
    assert.ok(gaps.some((gap) => gap.startsWith(`<refleksjon-lapp> sends ${name} `)), `names ${name}`);
  }
  assert.ok(gaps.some((gap) => gap.startsWith('<innovasjon-rom-status> has the part status ')));
  assert.ok(gaps.some((gap) => gap.startsWith("<innovasjon-tidtaker>'s styles read --innovasjon-tidtaker-background ")));
});

test('a document event no element lists fails, and attributes the source declares must be there', () => {
  const manifest = committed();
  for (const tag of ['innovasjon-guide', 'innovasjon-trinn']) {
    const declaration = element(manifest, tag);
    declaration.events = declaration.events.filter((event) => event.name !== 'innovasjon-presence');
  }
  element(manifest, 'innovasjon-guide').attributes = [];
  const gaps = sourceGaps(manifest);
  assert.ok(gaps.includes('innovasjon-presence (InnovasjonEventMap in src/events.ts) is listed by no element'));
  assert.ok(gaps.some((gap) => gap.startsWith('<innovasjon-guide> declares attributes')));
});
