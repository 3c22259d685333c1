// One build script for every runtime, as VS Code's own extensions do it:
//   node esbuild.mjs            bundle dist/ (server, CLI, extension) with sourcemaps
//   node esbuild.mjs --minify   the same, minified, for the .vsix
//   node esbuild.mjs --watch    the same, rebuilt on every change (npm run watch)
//   node esbuild.mjs --tests    bundle each test file to out/test/ (node:test runs them)
//   node esbuild.mjs --bench    bundle the benchmark to out/bench/
//   node esbuild.mjs --e2e      bundle the VS Code test suite, mocha included, to out/e2e/suite/index.js
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const minify = args.has('--minify');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !minify,
  minify,
  logLevel: 'warning',
  // vscode is provided by the extension host; it can never be bundled.
  external: ['vscode'],
  // The version is written once, in package.json (server/src/server.ts reads it).
  define: { TIGANG_VERSION: JSON.stringify(version) },
};

function listTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const builds = [];
if (args.has('--tests')) {
  rmSync('out/test', { recursive: true, force: true });
  builds.push(esbuild.build({
    ...common,
    entryPoints: [...listTests('test/unit'), ...listTests('test/protocol')],
    outdir: 'out/test',
    outbase: 'test',
    // Test files import the engine from source; node_modules stay external so
    // fast-check and friends load as they are.
    packages: 'external',
  }));
} else if (args.has('--e2e')) {
  // Runs inside the extension host (test/e2e/README.md): one file, mocha bundled in.
  rmSync('out/e2e/suite', { recursive: true, force: true });
  builds.push(esbuild.build({
    ...common,
    entryPoints: ['test/e2e/suite/index.ts'],
    outdir: 'out/e2e/suite',
    // mocha's parallel mode (unused here) resolves its worker files by path.
    logOverride: { 'require-resolve-not-external': 'silent' },
  }));
} else if (args.has('--bench')) {
  builds.push(esbuild.build({
    ...common,
    entryPoints: ['test/bench/bench.ts'],
    outdir: 'out/bench',
    packages: 'external',
  }));
} else {
  const entries = [
    { in: 'server/src/serverMain.ts', out: 'server' },
    { in: 'server/src/cli/cliMain.ts', out: 'cli' },
  ];
  if (existsSync('client/src/extensionMain.ts')) entries.push({ in: 'client/src/extensionMain.ts', out: 'extension' });
  const options = { ...common, entryPoints: entries, outdir: 'dist' };
  if (args.has('--watch')) {
    // Development: rebuild dist/ on every save (F5 in .vscode/launch.json picks it up).
    const context = await esbuild.context({ ...options, logLevel: 'info' });
    await context.watch();
  } else {
    builds.push(esbuild.build(options));
  }
}
await Promise.all(builds);
