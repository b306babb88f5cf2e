// The page's room order (src/collab/room-order.ts) for the Node load generator and the server's
// tests, which run plain JavaScript: the same file, its types removed by TypeScript on import, so
// the order is written once.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const source = readFileSync(new URL('../src/collab/room-order.ts', import.meta.url), 'utf8');
const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
const roomOrderModule = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);

/** @type {(urls: readonly string[], room: string) => string[]} */
export const roomOrder = roomOrderModule.roomOrder;
/** @type {(url: string, room: string) => string} */
export const roomAddress = roomOrderModule.roomAddress;
