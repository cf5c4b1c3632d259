/**
 * Which shards a bot process runs, read from the environment. Pure; `src/config.ts` calls it.
 *
 * - Started by the sharding launcher (`npm run start:sharded`): discord.js sets `SHARDING_MANAGER`,
 *   `SHARDS` (this process's id) and `SHARD_COUNT` in the child's environment.
 * - A range in one process: `SHARD_IDS` ("0,1" or "0-3") with `SHARD_COUNT` (total over all machines).
 * - `SHARD_COUNT` alone: every shard in this one process.
 * - Nothing set: one shard, no sharding.
 */

/** The shards this process runs. */
export interface ShardPlan {
  /** Shard ids run here, ascending. */
  ids: number[];
  /** Total shards over all processes and machines. */
  count: number;
  /** True when started by the sharding launcher (one shard per child process). */
  managed: boolean;
}

export type ShardPlanResult = { plan?: ShardPlan; problems: string[] };

type Env = Record<string, string | undefined>;

/** Discord allows far fewer shards per bot than this; it only catches typos like 20000. */
export const MAX_SHARD_COUNT = 4096;

const blank = (value: string | undefined) => value === undefined || value.trim() === '';

/** Reads the shard plan from the environment; one problem line per mistake, naming the variable. */
export function parseShardPlan(env: Env): ShardPlanResult {
  if (!blank(env.SHARDING_MANAGER)) return parseManaged(env);
  const hasIds = !blank(env.SHARD_IDS);
  const hasCount = !blank(env.SHARD_COUNT);
  if (!hasIds && !hasCount) return { problems: [] };
  const problems: string[] = [];
  const count = hasCount ? parseCount(env.SHARD_COUNT ?? '', 'SHARD_COUNT', problems) : undefined;
  if (hasIds && !hasCount) {
    problems.push(
      'SHARD_IDS needs SHARD_COUNT, the total number of shards over all machines (e.g. SHARD_IDS=0,1 SHARD_COUNT=4)',
    );
  }
  const ids = hasIds
    ? parseIds(env.SHARD_IDS ?? '', problems)
    : count !== undefined
      ? Array.from({ length: count }, (_, i) => i)
      : undefined;
  if (ids && count !== undefined) {
    const outside = ids.filter((id) => id >= count);
    if (outside.length > 0) {
      problems.push(
        `SHARD_IDS ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not below SHARD_COUNT=${count} (ids run from 0 to ${count - 1})`,
      );
    }
  }
  if (problems.length > 0 || !ids || count === undefined) return { problems };
  return { plan: { ids, count, managed: false }, problems };
}

/** The child of a ShardingManager: discord.js wrote `SHARDS` as JSON (a number or an array). */
function parseManaged(env: Env): ShardPlanResult {
  const problems: string[] = [];
  const count = parseCount(env.SHARD_COUNT ?? '', 'SHARD_COUNT (set by the sharding launcher)', problems);
  let ids: number[] | undefined;
  try {
    const raw: unknown = JSON.parse(env.SHARDS ?? '');
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length > 0 && list.every((id) => Number.isInteger(id) && (id as number) >= 0)) {
      ids = [...new Set(list as number[])].sort((a, b) => a - b);
    }
  } catch {
    // reported below
  }
  if (!ids)
    problems.push(`SHARDS (set by the sharding launcher) must be a shard id, got "${env.SHARDS ?? ''}"`);
  if (ids && count !== undefined && ids.some((id) => id >= count)) {
    problems.push(`SHARDS=${env.SHARDS} is not below SHARD_COUNT=${count}`);
  }
  if (problems.length > 0 || !ids || count === undefined) return { problems };
  return { plan: { ids, count, managed: true }, problems };
}

function parseCount(raw: string, name: string, problems: string[]): number | undefined {
  const text = raw.trim();
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARD_COUNT) {
    problems.push(`${name} must be a whole number from 1 to ${MAX_SHARD_COUNT}, got "${text}"`);
    return undefined;
  }
  return count;
}

/** "0,1", "0-3" or a mix ("0-1,4"); ascending, without duplicates. */
export function parseIds(raw: string, problems: string[]): number[] | undefined {
  const ids = new Set<number>();
  for (const part of raw.split(',').map((p) => p.trim())) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (from > to || to - from >= MAX_SHARD_COUNT) {
        problems.push(`SHARD_IDS range "${part}" must go upwards, like 0-3`);
        return undefined;
      }
      for (let id = from; id <= to; id++) ids.add(id);
    } else if (/^\d+$/.test(part)) {
      ids.add(Number(part));
    } else {
      problems.push(`SHARD_IDS must list shard ids like "0,1" or "0-3", got "${raw.trim()}"`);
      return undefined;
    }
  }
  return [...ids].sort((a, b) => a - b);
}

/** True when another process may write the same store: a launcher child, or a subset of the shards. */
export function sharesStore(plan: ShardPlan | undefined): boolean {
  return plan !== undefined && (plan.managed || plan.ids.length < plan.count);
}

/** The problem with `storeUrl` for this plan, if any: SQLite cannot be shared between processes. */
export function storeProblemForPlan(storeUrl: string, plan: ShardPlan | undefined): string | undefined {
  if (!sharesStore(plan) || /^rediss?:\/\//i.test(storeUrl)) return undefined;
  const where = plan?.managed
    ? 'under the sharding launcher'
    : `with SHARD_IDS=${plan?.ids.join(',')} of SHARD_COUNT=${plan?.count}`;
  return `STORE_URL must be redis:// or rediss:// when running ${where}: every shard process writes the same store, and SQLite cannot be shared safely between processes`;
}

/** The discord.js client options for a plan (explicit, so stray SHARDS/SHARD_COUNT variables are ignored). */
export function clientShardOptions(plan: ShardPlan | undefined): { shards: number[]; shardCount: number } {
  return plan ? { shards: [...plan.ids], shardCount: plan.count } : { shards: [0], shardCount: 1 };
}
