/**
 * Sharding benchmark: 1, 2 and 4 shard processes (`startSharded`, one process per shard) on one
 * Redis, against the local fake Discord with 1,000 guilds per shard. Reports each shard's RSS once
 * ready, the time until all shards are ready, and answer throughput: button clicks that record a
 * score through the store (gateway → shard → Redis read-modify-write → interaction callback),
 * 32 in flight, spread over guilds of every shard. Needs Redis: REDIS_URL or redis://127.0.0.1:6379.
 * Run: `npx tsx bench/shards.ts` (or `npm run bench -- shards`).
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { startSharded } from '../src/shard/launcher.ts';
import { closeKeyv, openKeyv } from '../src/store/index.ts';
import { keys, MEMBER_BUCKETS } from '../src/store/keys.ts';
import {
  DEFAULT_MEMBERS,
  FakeDiscord,
  type FakeMessage,
  guildIdForShard,
} from '../test/fake-discord/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const GUILDS_PER_SHARD = 1_000;
const ANSWERS = 1_200;
const IN_FLIGHT = 32;
/** Guilds per shard that receive answers (every member of each gets a practice message). */
const ACTIVE_GUILDS_PER_SHARD = 10;

interface Row {
  shards: number;
  guilds: number;
  readyS: number;
  rssMbPerShard: number[];
  answersPerS: number;
  p50Ms: number;
  p95Ms: number;
}

async function measure(shards: number): Promise<Row> {
  const base = 1_700_000_000_000 + (Date.now() % 1_000_000) * 10_000;
  const guildIds = Array.from({ length: shards * GUILDS_PER_SHARD }, (_, i) =>
    guildIdForShard(i % shards, shards, base + i * shards),
  );
  const fake = await FakeDiscord.start({
    shards,
    rateLimitPerSecond: 10_000,
    guilds: guildIds.map((id, i) => ({ id, name: `Study ${i}`, channels: [{ name: 'general' }] })),
  });
  const started = performance.now();
  const bot = await startSharded({
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DATA_DIR: resolve(ROOT, 'data'),
      STORE_URL: REDIS_URL,
      LOG_LEVEL: 'warn',
      SHARDS: String(shards),
    },
    file: resolve(ROOT, 'test/fixtures/shard/shard-bot.ts'),
    logDestination: { write: () => undefined },
  });
  const active = guildIds.slice(0, shards * ACTIVE_GUILDS_PER_SHARD);
  try {
    await bot.whenReady(180_000);
    await fake.waitForReady({ timeoutMs: 60_000 });
    await fake.waitFor(() => fake.registeredCommands().length > 0, { timeoutMs: 30_000 });
    const readyS = (performance.now() - started) / 1000;
    const rss = (await bot.manager.broadcastEval(() => process.memoryUsage().rss)) as number[];

    const targets: { user: (typeof DEFAULT_MEMBERS)[number]; message: FakeMessage }[] = [];
    for (const guildId of active) {
      for (const user of DEFAULT_MEMBERS) {
        const item = targets.length % 20;
        const ix = await fake.slash({ name: 'practice', user: asUser(user), guildId, options: { item } });
        targets.push({ user, message: await ix.reply() });
      }
    }
    const latencies: number[] = [];
    let next = 0;
    const runStart = performance.now();
    const worker = async () => {
      while (next < ANSWERS) {
        const target = targets[next++ % targets.length];
        if (!target) return;
        const t0 = performance.now();
        const click = await fake.click({
          user: asUser(target.user),
          message: target.message,
          customId: `v1:practice:${customItem(target.message)}`,
        });
        const reply = await click.reply({ timeoutMs: 30_000 });
        if (!reply.content.startsWith('+')) throw new Error(`unexpected reply: ${reply.content}`);
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - runStart) / 1000;
    latencies.sort((a, b) => a - b);
    if (fake.violations.length > 0)
      throw new Error(`fake Discord violations: ${JSON.stringify(fake.violations.slice(0, 3))}`);
    return {
      shards,
      guilds: guildIds.length,
      readyS,
      rssMbPerShard: rss.map((bytes) => bytes / 2 ** 20),
      answersPerS: ANSWERS / seconds,
      p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
      p95Ms: latencies[Math.floor(latencies.length * 0.95)] ?? 0,
    };
  } finally {
    await bot.stop();
    await fake.close();
    await forget(active);
  }
}

/** The item index a practice message's button carries. */
function customItem(message: FakeMessage): string {
  const row = message.components[0] as { components?: { custom_id?: string }[] } | undefined;
  return row?.components?.[0]?.custom_id?.split(':')[2] ?? '0';
}

function asUser(member: (typeof DEFAULT_MEMBERS)[number]) {
  return { id: member.id ?? '', username: member.username };
}

/** Deletes what the run wrote to Redis (its guild ids are unique to the run). */
async function forget(guildIds: string[]): Promise<void> {
  const keyv = await openKeyv(REDIS_URL);
  const written: string[] = [];
  for (const guildId of guildIds) {
    for (const member of DEFAULT_MEMBERS) written.push(keys.member(guildId, member.id ?? ''));
    for (let b = 0; b < MEMBER_BUCKETS; b++) written.push(keys.memberBucket(guildId, b));
  }
  await keyv.deleteMany(written);
  await closeKeyv(keyv);
}

const rows: Row[] = [];
for (const shards of [1, 2, 4]) rows.push(await measure(shards));

console.log(
  `machine: ${cpus().length} cores, Node ${process.version}; ${ANSWERS} answers, ${IN_FLIGHT} in flight\n`,
);
console.log('| shards | guilds | all ready (s) | RSS per shard (MB) | answers/s | p50 (ms) | p95 (ms) |');
console.log('|---:|---:|---:|---|---:|---:|---:|');
for (const r of rows) {
  const rss = r.rssMbPerShard.map((mb) => mb.toFixed(0)).join(' / ');
  console.log(
    `| ${r.shards} | ${r.guilds} | ${r.readyS.toFixed(1)} | ${rss} | ${r.answersPerS.toFixed(0)} | ${r.p50Ms.toFixed(1)} | ${r.p95Ms.toFixed(1)} |`,
  );
}
process.exit(0);
