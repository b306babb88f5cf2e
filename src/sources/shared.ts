/** A table of shared values by key: a Map, or a WeakMap for keys such as a host's adapter. */
export interface SharedTable<K, V, U = unknown> {
  get(key: K): Shared<V, U> | undefined;
  set(key: K, entry: Shared<V, U>): unknown;
  delete(key: K): unknown;
}

/** One shared value and who uses it, newest last. */
export interface Shared<V, U = unknown> {
  readonly value: V;
  readonly users: U[];
}

/**
 * Joins the page's one value for `key` (a storage session, a live room),
 * making it with `create` when there is none. The returned `release` lets go
 * (more calls do nothing); when the last user lets go, `end` ends it and the
 * next to join makes a new one.
 */
export function acquireShared<K, V, U = object>(
  table: SharedTable<K, V, U>,
  key: K,
  create: () => V,
  end: (value: V) => void,
  user: U = {} as U,
): { shared: Shared<V, U>; release: () => void } {
  let shared = table.get(key);
  if (!shared) {
    shared = { value: create(), users: [] };
    table.set(key, shared);
  }
  const current = shared;
  current.users.push(user);
  let released = false;
  return {
    shared: current,
    release: () => {
      if (released) return;
      released = true;
      current.users.splice(current.users.indexOf(user), 1);
      if (current.users.length > 0) return;
      table.delete(key);
      end(current.value);
    },
  };
}
