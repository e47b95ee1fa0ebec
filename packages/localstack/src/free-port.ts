import { createServer } from 'node:net';

/** Ports this process was handed lately: the kernel may offer a port again once its probe closed. */
const handedOut = new Set<number>();
const REMEMBERED = 4096;

function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Asks the kernel for a free TCP port on the loopback interface, never one it gave this process lately: two
 * ports taken before either is bound (a server's client and monitor ports) must differ.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await kernelPort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (handedOut.size > REMEMBERED) handedOut.delete(handedOut.values().next().value as number);
    return port;
  }
}
