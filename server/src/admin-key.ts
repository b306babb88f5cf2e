// The key that signs the operator's admin calls: made by the server in DATA_DIR (0600) at its
// first start, read by the CLI running as the same user. Apart from COLLAB_SECRET, so a backend
// that mints room tokens cannot mint admin tokens.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_KEY_FILE = 'admin.key';

export function readOrCreateAdminKey(dataDir: string): Uint8Array {
  const file = join(dataDir, ADMIN_KEY_FILE);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return readAdminKey(dataDir);
}

export function readAdminKey(dataDir: string): Uint8Array {
  const file = join(dataDir, ADMIN_KEY_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EACCES'
        ? `${file} is not readable by this user: run the command as the server's user (docs/drift.md)`
        : `${file} is missing: the running server makes it in its DATA_DIR; is DATA_DIR set as the server's?`,
    );
  }
  return new TextEncoder().encode(text);
}
