/**
 * A vitest reporter that prints, after the run, how many tests were skipped and why, grouped by
 * reason: the `[skipped: …]` of their titles (test/support/requirements.ts) or a `ctx.skip(note)`.
 * Used by vitest.config.ts and .ci/run next to the default reporter.
 */
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { SKIP_MARK } from './requirements.ts';

const UNEXPLAINED = 'no reason given (a test marked skip or todo)';

export default class SkipReasons implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const reasons = new Map<string, { tests: number; files: Set<string> }>();
    // A name filter (-t) skips the tests it leaves out for no reason of theirs: those are not reported.
    const filtered = Boolean(this.vitest?.config.testNamePattern);
    for (const module of modules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        const reason = markedReason(test.fullName) ?? note ?? (filtered ? undefined : UNEXPLAINED);
        if (!reason) continue;
        const entry = reasons.get(reason) ?? { tests: 0, files: new Set<string>() };
        entry.tests += 1;
        entry.files.add(module.relativeModuleId);
        reasons.set(reason, entry);
      }
    }
    if (reasons.size === 0) return;
    const total = [...reasons.values()].reduce((sum, entry) => sum + entry.tests, 0);
    const lines = [`\n${total} tests skipped:`];
    for (const [reason, { tests, files }] of reasons) {
      lines.push(`  ${tests} skipped: ${reason} (${files.size} ${files.size === 1 ? 'file' : 'files'})`);
    }
    const text = `${lines.join('\n')}\n`;
    if (this.vitest) this.vitest.logger.log(text);
    else process.stdout.write(text);
  }
}

/** The reason in a `… [skipped: reason]` title, if it has one. */
function markedReason(title: string): string | undefined {
  const at = title.indexOf(SKIP_MARK);
  if (at < 0) return undefined;
  const rest = title.slice(at + SKIP_MARK.length);
  return rest.slice(0, rest.indexOf(']'));
}
