import { loadBank } from '../bank/index.ts';
import { drawExam, MIN_EXAM_QUESTIONS } from '../exam/draw.ts';
import { findProfile } from '../exam/profile.ts';
import { profilesFor } from '../exam/profiles-dir.ts';
import { rightOptions } from '../exam/questions.ts';

const USAGE = 'usage: exam [--json] [--seed N] [--profile NAME] [--questions N] [DIR]';

/** `npm run -s exam -- [--json] [--seed N] [--profile NAME] [--questions N] [DIR]`: a mock exam from notes. */
async function main(argv: string[]): Promise<number> {
  const options = new Map<string, string>();
  let json = false;
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--seed' || arg === '--profile' || arg === '--questions') {
      const value = argv[++i];
      if (value === undefined) return usage(`${arg} needs a value`);
      options.set(arg.slice(2), value);
    } else if (arg.startsWith('-')) return usage(`unknown option ${arg}`);
    else dir = arg;
  }
  const dataDir = dir ?? process.env.DATA_DIR ?? 'data';
  const seed = Number(options.get('seed') ?? 1);
  if (!Number.isInteger(seed)) return usage('--seed must be an integer');
  const set = await profilesFor(dataDir);
  for (const d of set.diagnostics) process.stderr.write(`${d.file}:${d.line}: ${d.severity}: ${d.message}\n`);
  const profile = findProfile(set.profiles, options.get('profile'));
  if (!profile) {
    process.stderr.write(`no exam profile ${options.get('profile') ?? ''} in ${set.dir}\n`);
    return 2;
  }
  const count = Number(options.get('questions') ?? profile.questions);
  if (!Number.isInteger(count) || count < MIN_EXAM_QUESTIONS) {
    return usage(`--questions must be an integer of at least ${MIN_EXAM_QUESTIONS}`);
  }
  const bank = await loadBank(dataDir);
  const drawn = drawExam({ pool: bank, profile, count, seed });
  if (!drawn.ok) {
    process.stderr.write(`${drawn.message}\n`);
    return 1;
  }
  const questions = drawn.questions.map((question, i) => {
    const right = rightOptions(question);
    return {
      id: question.itemId,
      domain: drawn.planned[i]?.domain ?? '',
      type: drawn.planned[i]?.type ?? question.type,
      prompt: question.prompt,
      options: question.options ?? [],
      ...(right.length > 1
        ? { answers: right.map((index) => question.options?.[index] ?? '') }
        : { answer: question.options?.[right[0] ?? -1] ?? question.answer }),
    };
  });
  const exam = {
    profile: profile.id,
    minutes: Math.max(1, Math.round((profile.minutes * count) / profile.questions)),
    questions,
    byDomain: drawn.byDomain,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(exam)}\n`);
    return 0;
  }
  const lines = [`${profile.name}: ${count} questions, ${exam.minutes} minutes`];
  for (const domain of profile.domains)
    lines.push(`  ${domain.name} (${domain.weight}%): ${drawn.byDomain[domain.id] ?? 0}`);
  questions.forEach((q, i) => {
    lines.push('', `${i + 1}. [${q.domain}] ${q.prompt}`);
    for (const [o, option] of q.options.entries()) lines.push(`   ${String.fromCharCode(65 + o)}. ${option}`);
    lines.push(`   → ${'answers' in q ? (q.answers ?? []).join(', ') : q.answer}`);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`exam: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
