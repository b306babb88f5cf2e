// The operator's snippets, read from the documents themselves: a fenced block preceded by
// `<!-- test: NAME -->` is what the tests run, so a document and its test cannot drift apart.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DRIFT = join(REPO, 'docs', 'drift.md');

/** The fenced block marked `<!-- test: name -->` in `file` (exactly one, or it throws). */
export function snippet(name, file = DRIFT) {
  const text = readFileSync(file, 'utf8');
  const pattern = new RegExp(`<!-- test: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -->\\s*\\n(\`{3,})[^\\n]*\\n([\\s\\S]*?)\\n\\1[ \\t]*(?:\\n|$)`, 'g');
  const found = [...text.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`${file}: expected one block marked <!-- test: ${name} -->, found ${found.length}`);
  return `${found[0][2]}\n`;
}

/**
 * Replaces each `from` (a string, which must occur) by `to`: the only changes a test makes to a
 * snippet (ports, a version), so each is stated and checked.
 */
export function substitute(text, replacements) {
  let result = text;
  for (const [from, to] of replacements) {
    if (!result.includes(from)) throw new Error(`the snippet no longer contains ${JSON.stringify(from)}:\n${text}`);
    result = result.split(from).join(to);
  }
  return result;
}

/** The [Section] Key=value lines of a systemd unit file (repeated keys keep their last value). */
export function parseUnit(text) {
  const sections = {};
  let current;
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = sections[section[1]] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || !current) throw new Error(`not a unit line: ${line}`);
    current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return sections;
}

/** An EnvironmentFile= as systemd reads it: NAME=value lines, # comments, optional quotes. */
export function parseEnvironmentFile(text) {
  const env = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    env[line.slice(0, eq).trim()] = value;
  }
  return env;
}
