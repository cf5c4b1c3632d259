import { MAX_SHARD_COUNT, parseShardPlan } from './plan.ts';

type Env = Record<string, string | undefined>;

/** What the launcher spawns: all shards (`auto`: as many as Discord recommends) or a range of them. */
export interface LaunchPlan {
  /** Total shards over all machines, or `auto`. */
  total: number | 'auto';
  /** The shard ids this launcher spawns; `all`: 0 … total−1. */
  ids: number[] | 'all';
}

export type LaunchPlanResult = { ok: true; plan: LaunchPlan } | { ok: false; problems: string[] };

/**
 * Reads the launcher's environment: `SHARDS=auto|n` (default auto), or `SHARD_IDS` + `SHARD_COUNT`
 * to spawn only some shards on this machine. Pure.
 */
export function parseLaunchPlan(env: Env): LaunchPlanResult {
  const shards = env.SHARDS?.trim() ?? '';
  const ranged = Boolean(env.SHARD_IDS?.trim() || env.SHARD_COUNT?.trim());
  if (ranged) {
    const problems: string[] = [];
    if (shards) problems.push('set either SHARDS or SHARD_IDS with SHARD_COUNT, not both');
    const { plan, problems: planProblems } = parseShardPlan({
      SHARD_IDS: env.SHARD_IDS,
      SHARD_COUNT: env.SHARD_COUNT,
    });
    problems.push(...planProblems);
    if (problems.length > 0 || !plan) return { ok: false, problems };
    return { ok: true, plan: { total: plan.count, ids: plan.ids } };
  }
  if (shards === '' || shards.toLowerCase() === 'auto')
    return { ok: true, plan: { total: 'auto', ids: 'all' } };
  const count = /^\d+$/.test(shards) ? Number(shards) : Number.NaN;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARD_COUNT) {
    return {
      ok: false,
      problems: [`SHARDS must be "auto" or a whole number from 1 to ${MAX_SHARD_COUNT}, got "${shards}"`],
    };
  }
  return { ok: true, plan: { total: count, ids: 'all' } };
}
