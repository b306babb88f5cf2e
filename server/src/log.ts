// One line per event, key=value, for journald or a log file. Never note text or names:
// only room names, addresses, stable person ids (`sub`), roles, counts and reasons.
type Value = string | number | boolean | undefined;

const SAFE = /^[A-Za-z0-9_.:\-*/@]+$/;

const show = (value: Exclude<Value, undefined>): string => {
  const text = String(value);
  return SAFE.test(text) ? text : JSON.stringify(text.slice(0, 200));
};

export function log(event: string, fields: Record<string, Value> = {}): void {
  const parts = Object.entries(fields)
    .filter((entry): entry is [string, Exclude<Value, undefined>] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${show(value)}`);
  process.stdout.write(`${new Date().toISOString()} ${event}${parts.length ? ` ${parts.join(' ')}` : ''}\n`);
}
