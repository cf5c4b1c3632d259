// `npm run build` (and `prepare`, run by `npm install` / `npm ci`): compiles src/ and commands/ to dist/
// once, so `npm start` runs plain `node dist/src/main.js`. Plain JavaScript on purpose: it must run
// before anything is compiled and in an install without dev dependencies.
//
//   node scripts/build.mjs            delete dist/, type-check and compile, stamp the parser's hash
//   node scripts/build.mjs --prepare  the same, but an install without TypeScript (npm ci --omit=dev)
//                                     keeps a dist/ built before instead of failing, and type errors
//                                     (tsc still emits) are a warning, not a failed install
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const prepare = process.argv.includes('--prepare');

/** The TypeScript compiler's entry, or undefined when typescript is not installed. */
function findTsc() {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

const tsc = findTsc();
if (!tsc) {
  const built = existsSync(join(dist, 'src', 'main.js'));
  if (prepare && built) {
    console.log('flashcord: TypeScript is not installed (no dev dependencies); using the dist/ built before');
    process.exit(0);
  }
  console.error(
    built
      ? 'flashcord: cannot build: TypeScript is not installed (run npm install with dev dependencies)'
      : 'flashcord: dist/ is missing and cannot be built without TypeScript: run `npm ci` with dev ' +
          'dependencies (or copy a dist/ built elsewhere), then `npm ci --omit=dev` works',
  );
  process.exit(1);
}

const started = performance.now();
// A deleted command file must not linger as a stale .js in dist/commands/.
rmSync(dist, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (compiled.status !== 0) {
  // tsc still emits on type errors: an install in the middle of an edit keeps working, but says so.
  if (!prepare || !existsSync(join(dist, 'src', 'main.js'))) {
    console.error('flashcord: the build failed (errors above)');
    process.exit(compiled.status ?? 1);
  }
  console.error('flashcord: dist/ was built despite the type errors above; fix them, then npm run build');
}
// The parse cache keys on the parser's source: compiled code says which source it came from.
const { stampParserCode } = await import(pathToFileURL(join(dist, 'src', 'bank', 'parse-cache.js')).href);
await stampParserCode(join(root, 'src', 'bank'), join(dist, 'src', 'bank'));
await stampParserCode(join(root, 'src', 'import'), join(dist, 'src', 'import'));
if (prepare) {
  console.log(
    `flashcord: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s; npm start runs it`,
  );
}
