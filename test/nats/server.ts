/**
 * Real nats-server processes for tests: loopback only, free ports, data in a temp folder, always
 * stopped. A single JetStream server, or a three-node cluster with routes between the nodes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATS_SERVER } from '../support/tools.ts';

export { NATS_SERVER };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface NatsNode {
  name: string;
  port: number;
  url: string;
  /** The running process, or undefined while stopped. */
  child: ChildProcess | undefined;
  start(): Promise<void>;
  /** SIGTERM (a clean shutdown) or SIGKILL. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

const all = new Set<NatsNode>();
const dirs = new Set<string>();

function node(name: string, port: number, config: string): NatsNode {
  let log = '';
  const self: NatsNode = {
    name,
    port,
    url: `nats://127.0.0.1:${port}`,
    child: undefined,
    async start() {
      const child = spawn(NATS_SERVER, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
      self.child = child;
      all.add(self);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`nats-server ${name} did not get ready in 20 s:\n${log.slice(-2000)}`)),
          20_000,
        );
        const onData = (d: Buffer) => {
          log += d.toString();
          if (log.includes('Server is ready')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`nats-server ${name} exited with ${code}:\n${log.slice(-2000)}`));
        });
        child.once('error', (error) => {
          clearTimeout(timer);
          reject(
            new Error(
              `cannot run ${NATS_SERVER} (${error.message}): install it (Debian: apt-get install nats-server), point NATS_SERVER at it, or skip these tests with STORMBENCH_SKIP_NATS=1`,
            ),
          );
        });
      });
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      const child = self.child;
      self.child = undefined;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    output: () => log,
  };
  return self;
}

/** One JetStream server on a free loopback port with its store in a temp folder; started. */
export async function startNats(): Promise<NatsNode> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-nats-'));
  dirs.add(dir);
  const port = await freePort();
  const config = join(dir, 'nats.conf');
  writeFileSync(
    config,
    `listen: 127.0.0.1:${port}\nserver_name: single\njetstream { store_dir: ${JSON.stringify(join(dir, 'js'))}, max_memory_store: 64MB, max_file_store: 1GB }\n`,
  );
  const n = node('single', port, config);
  await n.start();
  return n;
}

/** Three JetStream nodes clustered on loopback; started, with a meta leader elected. */
export async function startCluster(): Promise<NatsNode[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-nats-cluster-'));
  dirs.add(dir);
  const ports = [await freePort(), await freePort(), await freePort()];
  const routes = [await freePort(), await freePort(), await freePort()];
  const nodes = ports.map((port, i) => {
    const name = `n${i + 1}`;
    const config = join(dir, `${name}.conf`);
    writeFileSync(
      config,
      [
        `listen: 127.0.0.1:${port}`,
        `server_name: ${name}`,
        `jetstream { store_dir: ${JSON.stringify(join(dir, name))}, max_memory_store: 64MB, max_file_store: 1GB }`,
        `cluster {`,
        `  name: storm`,
        `  listen: 127.0.0.1:${routes[i]}`,
        `  routes: [${routes
          .filter((_, j) => j !== i)
          .map((r) => `nats-route://127.0.0.1:${r}`)
          .join(', ')}]`,
        `}`,
        '',
      ].join('\n'),
    );
    return node(name, port, config);
  });
  await Promise.all(nodes.map((n) => n.start()));
  return nodes;
}

/** Stops every server this process started (for afterAll and for failures) and removes their stores. */
export async function stopAllNats(): Promise<void> {
  await Promise.all([...all].map((n) => n.stop('SIGKILL')));
  all.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

process.once('exit', () => {
  for (const n of all) n.child?.kill('SIGKILL');
});
