/** Runs every bench/*.ts (except this runner and the corpus generator) one after another, or the one named. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const benchDir = import.meta.dirname;
const NOT_BENCHES = new Set(['run.ts', 'corpus.ts']);
const wanted = process.argv[2]?.replace(/\.ts$/, '');
const all = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && !NOT_BENCHES.has(file))
  .sort();
const selected = wanted ? all.filter((file) => file === `${wanted}.ts`) : all;
if (selected.length === 0) {
  console.error(
    `no bench named "${wanted}"; available: ${all.map((file) => file.replace(/\.ts$/, '')).join(', ')}`,
  );
  process.exit(2);
}
let failed = 0;
for (const file of selected) {
  console.log(`\n## ${file.replace(/\.ts$/, '')}\n`);
  // A fresh process per bench, so one bench's heap and JIT state never skew the next one's figures.
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
