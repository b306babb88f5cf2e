// One line per event, key=value, for journald or a log file. Never note text or names:
// only room names, addresses, stable person ids (`sub`), roles, counts and reasons.
type Value = string | number | boolean | undefined;

const SAFE = /^[A-Za-z0-9_.:\-*/@]+$/;

const show = (value: Exclude<Value, undefined>): string => {
  const text = String(value);
  return SAFE.test(text) ? text : JSON.stringify(text.slice(0, 200));
};

let out: NodeJS.WritableStream = process.stdout;
/** The operator's commands keep stdout for their answer: their log lines go to stderr. */
export function logToStderr(): void {
  out = process.stderr;
}

export function log(event: string, fields: Record<string, Value> = {}): void {
  const parts = Object.entries(fields)
    .filter((entry): entry is [string, Exclude<Value, undefined>] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${show(value)}`);
  out.write(`${new Date().toISOString()} ${event}${parts.length ? ` ${parts.join(' ')}` : ''}\n`);
}
