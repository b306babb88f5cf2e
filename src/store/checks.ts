// The checks every validator of outside data builds on (the document's, a
// kommune's own content): one field of an untrusted value, read once, with an
// error that names its path and, safely, what was there. Internal: not part of
// the store's public API (store/index.ts does not export it).
import { DocumentError } from './errors.js';

export type Fields = Record<string, unknown>;

export const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short, safe description of any value for an error message. */
export function show(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

/** Copies the own fields once, so getters cannot answer differently on a second read. */
export function fieldsOf(value: unknown, path: string, what = 'an object'): Fields {
  if (!isRecord(value)) throw new DocumentError(`must be ${what}, got ${show(value)}`, path);
  try {
    return { ...value };
  } catch (error) {
    throw new DocumentError(`could not be read (${error instanceof Error ? error.name : 'error'})`, path);
  }
}

export function requireArray(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new DocumentError(`must be an array, got ${show(value)}`, path);
  const length = value.length;
  if (length > max) throw new DocumentError(`holds ${length} items, more than the limit of ${max}`, path);
  try {
    // By index, not by iterator: a hostile iterator could throw or never end; holes read as undefined.
    return Array.from({ length }, (_, index) => value[index]);
  } catch (error) {
    throw new DocumentError(`could not be read (${error instanceof Error ? error.name : 'error'})`, path);
  }
}

export function requireString(value: unknown, path: string, max: number, allowEmpty = true): string {
  if (typeof value !== 'string') throw new DocumentError(`must be a string, got ${show(value)}`, path);
  if (!allowEmpty && value.length === 0) throw new DocumentError('must not be empty', path);
  if (value.length > max) throw new DocumentError(`must be at most ${max} characters, got ${value.length}`, path);
  return value;
}
