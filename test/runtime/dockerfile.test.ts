import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// `docker build` is not available where these tests run: this checks the Dockerfile as a linter would,
// against the project it packages (docs/setup.md shows its stages replayed with npm).
const ROOT = resolve(import.meta.dirname, '../..');
const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');

interface Stage {
  from: string;
  name: string | undefined;
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages, continuation lines joined and comments dropped. */
function stages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const found: Stage[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const [from = '', as, name] = rest;
      found.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      found.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return found;
}

describe('the Dockerfile', () => {
  const all = stages(read('Dockerfile'));
  const [build, runtime] = all;
  const pkg = JSON.parse(read('package.json')) as {
    engines: { node: string };
    scripts: Record<string, string>;
  };

  it('builds in one stage and runs in another, both on the Node major the project requires', () => {
    expect(all).toHaveLength(2);
    expect(build?.name).toBe('build');
    const major = /\d+/.exec(pkg.engines.node)?.[0];
    for (const stage of all) expect(stage.from).toMatch(new RegExp(`^node:${major}[.-]`));
  });

  it('compiles with npm ci (its prepare script builds dist/) and drops dev dependencies', () => {
    const run =
      build?.instructions
        .filter((i) => i.op === 'RUN')
        .map((i) => i.args)
        .join(' && ') ?? '';
    expect(run).toContain('npm ci');
    expect(pkg.scripts.prepare).toMatch(/scripts\/build\.mjs/);
    expect(run).toContain('npm prune --omit=dev');
  });

  it('runs compiled JavaScript as a non-root user, with var/ on a volume', () => {
    const ops = runtime?.instructions ?? [];
    const copied = ops.filter((i) => i.op === 'COPY').map((i) => i.args);
    expect(copied).toContain('--from=build /app/dist ./dist');
    expect(copied).toContain('--from=build /app/node_modules ./node_modules');
    expect(copied.some((args) => /^--from=build \/app\/data /.test(args))).toBe(true);
    expect(ops.some((i) => i.op === 'RUN' && /\b(tsc|npm run build|npm ci)\b/.test(i.args))).toBe(false);
    const user = ops.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(ops.find((i) => i.op === 'VOLUME')?.args).toContain('/app/var');
    expect(ops.find((i) => i.op === 'WORKDIR')?.args).toBe('/app');
    const cmd = JSON.parse(ops.find((i) => i.op === 'CMD')?.args ?? '[]') as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/src/main.js');
    expect(pkg.scripts.start).toBe(cmd.join(' '));
  });

  it('sends no secrets, dependencies or builds of the host into the image', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const path of ['.env', 'node_modules', 'dist', 'var', '.git']) expect(ignored).toContain(path);
  });
});

describe('the systemd unit in docs/', () => {
  it('runs the compiled bot from a checkout, stops it with SIGTERM and lets it write var/', () => {
    const unit = read('docs/flashcord.service');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node --enable-source-maps dist\/src\/main\.js$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(/^User=(?!root$)\w+$/m);
    expect(unit).toMatch(/^ReadWritePaths=\/opt\/flashcord\/var$/m);
    expect(unit).toMatch(/^\[Install\]\nWantedBy=multi-user\.target$/m);
  });
});
