import { esbuildPlugin } from '@web/dev-server-esbuild';

export default {
  nodeResolve: true,
  // PORT, or 8000 when free, else the next free port (wds prints the address and --open opens it).
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
};
