import { esbuildPlugin } from '@web/dev-server-esbuild';

export default {
  nodeResolve: true,
  port: Number(process.env.PORT ?? 8000),
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
};
