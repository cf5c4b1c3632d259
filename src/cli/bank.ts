import type { Bank } from '../bank/index.ts';
import { loadBank } from '../bank/index.ts';
import { coverageLines, examCoverage } from '../exam/coverage.ts';
import { profilesFor } from '../exam/profiles-dir.ts';

/** `npm run -s bank -- [--json] [DIR]`: the bank as JSON, or a readable summary per note. */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const unknown = argv.filter((arg) => arg.startsWith('-') && arg !== '--json');
  if (unknown.length > 0) {
    process.stderr.write(`unknown option ${unknown.join(', ')}\nusage: bank [--json] [DIR]\n`);
    return 2;
  }
  const dir = argv.find((arg) => !arg.startsWith('-')) ?? process.env.DATA_DIR ?? 'data';
  let bank: Bank;
  try {
    bank = await loadBank(dir);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ notes: bank.notes.length, items: bank.items, diagnostics: bank.diagnostics })}\n`,
    );
  } else {
    process.stdout.write(summary(bank));
    process.stdout.write(await examReport(bank, dir));
  }
  return bank.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** Per exam profile: notes mapped to no domain, and domains with too few questions for a full exam. */
async function examReport(bank: Bank, dir: string): Promise<string> {
  const set = await profilesFor(dir);
  const lines = set.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
  for (const profile of set.profiles) lines.push(...coverageLines(examCoverage(bank, profile)));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function summary(bank: Bank): string {
  const lines: string[] = [];
  for (const note of bank.notes) {
    const kinds = Object.entries(note.counts)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ');
    lines.push(`${note.path} — ${note.title}: ${note.items} items${kinds ? ` (${kinds})` : ''}`);
    for (const d of bank.diagnostics.filter((diagnostic) => diagnostic.file === note.path)) {
      lines.push(`  ${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
    }
  }
  const errors = bank.diagnostics.filter((d) => d.severity === 'error').length;
  lines.push(
    `${bank.notes.length} notes, ${bank.items.length} items, ${errors} errors, ${bank.diagnostics.length - errors} other problems`,
  );
  return `${lines.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bank: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
