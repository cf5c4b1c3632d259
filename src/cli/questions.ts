import { type Bank, loadBank } from '../bank/index.ts';
import { formatPreview, previewQuestions, toPreview } from '../quiz/preview.ts';

const USAGE = 'usage: questions [--json] [--seed N] [DIR]';

/** `npm run -s questions -- [--json] [--seed N] [DIR]`: one question of each applicable type per item. */
async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if ('error' in options) {
    process.stderr.write(`${options.error}\n${USAGE}\n`);
    return 2;
  }
  let bank: Bank;
  try {
    bank = await loadBank(options.dir);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const { questions, unaskable } = previewQuestions(bank, options.seed);
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ questions: questions.map(toPreview) })}\n`
      : formatPreview(questions, unaskable),
  );
  return 0;
}

type Options = { json: boolean; seed: number; dir: string };

function parseArgs(argv: string[]): Options | { error: string } {
  const options: Options = { json: false, seed: 1, dir: process.env.DATA_DIR ?? 'data' };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--json') options.json = true;
    else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const value = arg === '--seed' ? argv[++i] : arg.slice('--seed='.length);
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 0xffffffff) {
        return { error: `--seed needs a whole number from 0 to 4294967295, got ${value ?? 'nothing'}` };
      }
      options.seed = Number(value);
    } else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else positional.push(arg);
  }
  if (positional.length > 1) return { error: `one folder at most, got ${positional.join(' ')}` };
  options.dir = positional[0] ?? options.dir;
  return options;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`questions: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
