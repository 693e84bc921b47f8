/**
 * The first step of `npm test`: everything the suite needs beyond npm packages is here before any
 * test starts. Chromium (the app's browser tests, the report's PDF) and nats-server (generated
 * services on JetStream) come from Debian's packages: installed with apt-get when this runs as
 * root on a machine that has it, otherwise named in one sentence each with the command to run.
 * Nothing is skipped: a suite that did not run is a failure, so the skip switches are refused too.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { CHROMIUM, NATS_SERVER } from '../test/support/tools.ts';

interface Tool {
  name: string;
  /** Debian's package that brings it. */
  debian: string;
  found(): boolean;
  where: string;
  usedBy: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return command.includes('/')
    ? executable(command)
    : spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

const TOOLS: Tool[] = [
  {
    name: 'Chromium',
    debian: 'chromium',
    found: () => executable(CHROMIUM),
    where: `at ${CHROMIUM}`,
    usedBy: 'the browser tests drive it',
  },
  {
    name: 'nats-server',
    debian: 'nats-server',
    found: () => onPath(NATS_SERVER),
    where: `as ${NATS_SERVER}`,
    usedBy: 'the generated services are tested on NATS JetStream',
  },
];

const SKIPS = ['STORMBENCH_SKIP_E2E', 'STORMBENCH_SKIP_NATS'];

function installWithApt(packages: string[]): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`npm test: installing ${packages.join(' and ')} from Debian's packages (apt-get)…`);
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  return (
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env })
      .status === 0
  );
}

function main(): number {
  const problems: string[] = [];
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 10))
    problems.push(`Node.js ${process.versions.node} is too old: install Node.js 20.10 or newer.`);
  for (const name of SKIPS) {
    if (process.env[name])
      problems.push(
        `${name} is set, and npm test runs every suite: unset it (run "npx vitest run <folder>" for part of the suite).`,
      );
  }
  let missing = TOOLS.filter((tool) => !tool.found());
  const root = process.getuid?.() === 0;
  if (missing.length > 0 && root && onPath('apt-get')) {
    installWithApt(missing.map((tool) => tool.debian));
    missing = missing.filter((tool) => !tool.found());
  }
  for (const tool of missing) {
    const how = root ? `apt-get install -y ${tool.debian}` : `sudo apt-get install -y ${tool.debian}`;
    problems.push(
      `${tool.name} is not ${tool.where} (${tool.usedBy}): run "${how}", or point ${tool.name === 'Chromium' ? 'STORMBENCH_CHROMIUM' : 'NATS_SERVER'} at your own.`,
    );
  }
  if (problems.length === 0) return 0;
  for (const problem of problems) console.error(`npm test cannot start: ${problem}`);
  return 1;
}

process.exitCode = main();
