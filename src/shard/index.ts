export { type BackoffOptions, DEFAULT_BACKOFF, RestartPolicy, type RestartStats } from './backoff.ts';
export { fetchGatewayInfo, type GatewayInfo } from './gateway-info.ts';
export { type LaunchPlan, parseLaunchPlan } from './launch-plan.ts';
export { type LaunchOptions, type ShardedBot, startSharded } from './launcher.ts';
export { guildOwnership, ownsGuild, type ShardView, shardOfGuild } from './ownership.ts';
export {
  clientShardOptions,
  parseShardPlan,
  type ShardPlan,
  sharesStore,
  storeProblemForPlan,
} from './plan.ts';
export { broadcastReload, RELOAD_KEY, type ReloadSignal, watchReloads } from './reload.ts';
export { bankReloadWatcher } from './reload-hook.ts';
export { ShardSupervisor, type SupervisedShard, type SupervisorTimers } from './supervisor.ts';
