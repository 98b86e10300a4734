// `npm run dev`: the API recompiles on save (tsc --watch) and restarts (node --watch), and the web
// app runs in Next's dev mode inside the same server (WEB_APP=dev) with hot reload on one port.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const children = [];
const run = (command, args, env = {}) => {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== null && code !== 0) shutdown(code);
  });
  return child;
};
const shutdown = (code = 0) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput']);
// `npm run dev` builds once before this script, so the entry point exists already.
if (!existsSync('dist/server/main.js')) throw new Error('dist/server/main.js is missing: run `npm run build` first');
run(process.execPath, ['--watch-path=dist/server', 'dist/server/main.js'], { WEB_APP: 'dev', NEXT_TELEMETRY_DISABLED: '1' });
