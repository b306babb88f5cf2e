// Small values kept in this browser's localStorage beside a guide (hidden notes,
// one's own note ids, the sound choice). Storage that is unreadable, full or
// forbidden never stops the page: a read gives nothing, a write is skipped.

/** The parsed JSON under `key`, or undefined when there is none or it does not read. */
export function readDeviceValue(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether anything is kept under `key` (readable or not); false when storage cannot be read. */
export function hasDeviceValue(key: string): boolean {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

/** Keeps `value` as JSON under `key`; undefined removes it. */
export function writeDeviceValue(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not kept: the page goes on with what it holds in memory.
  }
}
