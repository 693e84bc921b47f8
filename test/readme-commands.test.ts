/**
 * The README promises two commands: one installs and runs the app, one runs every test. CI runs a
 * clean clone exactly that way, so what CI does and what the README says must not drift apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/boards.ts';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The commands of the README's first shell block, without their comments. */
function readmeCommands(): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(read('README.md'))![1]!;
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

/** The commands `.ci/run` runs (comments, `set`, `cd` and blank lines aside). */
function ciCommands(): string[] {
  return read('.ci/run')
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('set ') && !line.startsWith('cd '));
}

describe("the README's two commands", () => {
  it('are the install-and-start command and the test command', () => {
    expect(readmeCommands()).toEqual(['npm install && npm start', 'npm test']);
  });

  it('are what CI runs on a clean clone, and nothing else (npm ci is npm install as locked)', () => {
    expect(ciCommands()).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
  });

  it('name scripts package.json has, and npm test brings its own prerequisites first', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
    expect(pkg.scripts.start).toMatch(/^node bin\/stormbench start\b/);
    expect(pkg.scripts.test!.split(' && ')[0]).toBe('tsx scripts/test-prerequisites.ts');
    expect(pkg.scripts.test).toContain('vitest run');
    expect(pkg.scripts.test).toContain('npm run test:e2e');
    expect(pkg.engines.node).toBe('>=20.10');
    expect(read('README.md')).toContain('Requires Node.js 20.10 or newer');
  });

  it('install no dependency that wants a newer Node than package.json names', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }>;
    };
    const tooNew = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && typeof p.engines.node === 'string')
      .filter(([, p]) => {
        const wanted = /(\d+)(?:\.(\d+))?/.exec((p.engines as { node: string }).node.replace(/^[^\d]*/, ''));
        if (!wanted || (p.engines as { node: string }).node.includes('||')) return false;
        const [major, minor] = [Number(wanted[1]), Number(wanted[2] ?? 0)];
        return major > 20 || (major === 20 && minor > 10);
      })
      .map(([name, p]) => `${name} wants node ${(p.engines as { node: string }).node}`);
    expect(tooNew).toEqual([]);
  });
});

describe('npm start', () => {
  it("opens the user's boards folder, seeded once with the examples, never the repository's examples", async () => {
    const { mkdtempSync, readdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { prepareBoardsFolder, userBoardsFolder } = await import('../electron/host/launch.ts');
    const home = mkdtempSync(join(tmpdir(), 'sb-home-'));
    const folder = userBoardsFolder({ STORMBENCH_BOARDS: join(home, 'boards') });
    expect(folder).toBe(join(home, 'boards'));
    expect(userBoardsFolder({})).not.toContain(join(ROOT, 'examples'));
    const notices: string[] = [];
    prepareBoardsFolder(folder, (line) => notices.push(line));
    const examples = readdirSync(join(ROOT, 'examples'))
      .filter((n) => n.endsWith('.storm.json'))
      .sort();
    expect(readdirSync(folder).sort()).toEqual(examples);
    expect(notices).toEqual([expect.stringContaining(`Your boards live in ${folder}`)]);
    // A second start leaves the user's folder as it is.
    writeFileSync(join(folder, 'mine.storm.json'), '{}');
    prepareBoardsFolder(folder, (line) => notices.push(line));
    expect(readdirSync(folder)).toContain('mine.storm.json');
    expect(notices).toHaveLength(1);
  });
});
