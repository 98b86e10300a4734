import { createServer as createNetServer, type AddressInfo } from 'node:net';

/** A TCP port free right now on the loopback interface, for a process a test starts. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `check` until it holds (a thrown error counts as not yet), or gives up after the timeout. */
export async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/**
 * The whole environment of a child server process. The server imports next, whose types make
 * NODE_ENV a required key; these children leave it unset on purpose, to start with the defaults.
 */
export function childEnv(variables: Record<string, string>): NodeJS.ProcessEnv {
  return variables as unknown as NodeJS.ProcessEnv;
}
