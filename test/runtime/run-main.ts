import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/main.ts');

/** What `npm start`'s entry printed and how it exited. */
export interface MainResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tsx src/main.ts` in `workDir` with only PATH, HOME and `env` set, so no .env or variable of the
 * developer leaks in. Generous timeout: loading takes seconds on a busy machine.
 */
export function runMain(workDir: string, env: Record<string, string>): Promise<MainResult> {
  return new Promise((done) => {
    execFile(
      TSX,
      [MAIN],
      { cwd: workDir, env: { PATH: process.env.PATH ?? '', HOME: workDir, ...env }, timeout: 50_000 },
      (error, stdout, stderr) => done({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}
