/**
 * Dropped connections, which the emulators' fault injectors do not make: a TCP proxy in front of one emulator that,
 * at a seeded rate, cuts the connection at the start of an HTTP request — half the time before the request reaches
 * the emulator (nothing happened), half the time after it was sent but before the answer comes back (it happened,
 * and the client cannot know). zonesmith is pointed at the proxy through the same environment variables.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../generator/local/common.js';

export interface DropProxy {
  /** The emulator URL with the proxy's port in place of the emulator's. */
  via(emulatorUrl: string): string;
  /** Rate 0 turns dropping off. */
  set(rate: number, seed: number): void;
  /** Connections cut so far. */
  drops(): number;
  close(): Promise<void>;
}

const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/1\.[01]\r\n/;

export async function startDropProxy(target: string): Promise<DropProxy> {
  const { hostname, port } = new URL(target);
  let rate = 0;
  let random = seededRandom(1);
  let drops = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    let cutOnAnswer = false;
    const cut = (): void => {
      drops += 1;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (rate > 0 && REQUEST_LINE.test(chunk.toString('latin1', 0, 200)) && random() < rate) {
        if (random() < 0.5) return cut();
        cutOnAnswer = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => (cutOnAnswer ? cut() : client.write(chunk)));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    for (const s of [client, upstream]) {
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as AddressInfo).port;
  return {
    via: (emulatorUrl) => emulatorUrl.replace(`:${port}`, `:${proxyPort}`),
    set(r, seed) {
      rate = r;
      random = seededRandom(seed);
    },
    drops: () => drops,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
