import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type KeyvRedis from '@keyv/redis';
import type { Shard } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveBank } from '../../src/bank/loader.ts';
import { DailyStateStore } from '../../src/daily/state.ts';
import { hashKey } from '../../src/discord/register.ts';
import { makeQuestionById } from '../../src/quiz/question.ts';
import { isQuizSession } from '../../src/quiz/session.ts';
import { streakBonus } from '../../src/scoring/points.ts';
import { type ShardedBot, startSharded } from '../../src/shard/launcher.ts';
import { broadcastReload, RELOAD_KEY } from '../../src/shard/reload.ts';
import { closeKeyv, openKeyv, openStore, type Store } from '../../src/store/index.ts';
import { keys } from '../../src/store/keys.ts';
import {
  DEFAULT_MEMBERS,
  FakeDiscord,
  type FakeGuild,
  type FakeMessage,
  guildIdForShard,
  shardOf,
} from '../fake-discord/index.ts';
import { DAILY_TICK, type DailyTickDone } from '../fixtures/shard/daily-tick.ts';
import { REDIS } from '../support/requirements.ts';
import { buttonsOf, sendChoice, sessionIdOf } from './quiz-support.ts';
import { galleryItems } from './v2-support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.REDIS_URL;
const [alice, bob, carol] = DEFAULT_MEMBERS.map((m) => ({ id: m.id ?? '', username: m.username })) as [
  { id: string; username: string },
  { id: string; username: string },
  { id: string; username: string },
];
type Member = typeof alice;
const AMI = 'AMI (Amazon Machine Image)';

// Guild ids unique to this run: the bot's Redis namespace is fixed, and other runs may share Redis.
const BASE = 1_700_000_000_000 + (Date.now() % 1_000_000) * 10;
const GUILD_IDS = [0, 1, 2, 3].map((i) => guildIdForShard(i % 2, 2, BASE + 2 * i));
/** The guilds of shard 1, the one killed mid-run. */
const KILLED_SHARD_GUILDS = [1, 3];

describe.skipIf(!REDIS.met)(REDIS.title('the bot as two shard processes on one Redis'), () => {
  let fake: FakeDiscord;
  let bot: ShardedBot;
  let store: Store;
  let bank: LiveBank;
  let dataDir: string;
  const launcherLog: string[] = [];
  /** Points each member should have in each guild (all time), as the test awarded them. */
  const expected = new Map<string, Map<string, number>>(GUILD_IDS.map((id) => [id, new Map()]));
  /** Carol's open quiz in each guild, started before the kill and answered after it. */
  const openQuiz = new Map<string, FakeMessage>();
  /** The daily post of each guild, posted before the kill and answered after it. */
  const dailyPost = new Map<string, FakeMessage>();
  let nextTick = 0;

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      shards: 2,
      guilds: GUILD_IDS.map((id, i) => ({
        id,
        name: `Study ${i}`,
        channels: [{ name: 'general' }, { name: 'daily' }],
      })),
    });
    dataDir = mkdtempSync(join(tmpdir(), 'flashcord-shards-'));
    cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
    bank = await LiveBank.open(dataDir);
    bot = await startSharded({
      env: {
        ...process.env,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DEV_GUILD_ID: '',
        DATA_DIR: dataDir,
        STORE_URL: REDIS_URL,
        LOG_LEVEL: 'warn',
        SHARDS: '2',
      },
      file: join(ROOT, 'test/fixtures/shard/shard-bot.ts'),
      backoff: { initialMs: 200, maxMs: 1_000 },
      logDestination: { write: (line: string) => void launcherLog.push(line) },
    });
    await bot.whenReady(60_000);
    await fake.waitForReady();
    await fake.waitFor(() => fake.registeredCommands().length > 0, { message: 'global registration' });
    store = await openStore(REDIS_URL ?? '');
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await cleanRedis();
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const guild = (index: number): FakeGuild => fake.guild(GUILD_IDS[index]);
  const channelOf = (guildId: string, name: string): string =>
    fake.guild(guildId).channels.find((c) => c.name === name)?.id ?? '';

  function award(guildId: string, user: Member, points: number): void {
    const board = expected.get(guildId) as Map<string, number>;
    board.set(user.id, (board.get(user.id) ?? 0) + points);
  }

  /** `/quiz` of one question on the AMI note as `user`; resolves to the private question message. */
  async function startQuiz(user: Member, guildId: string): Promise<FakeMessage> {
    const ix = await fake.slash({
      name: 'quiz',
      user,
      guildId,
      channelId: channelOf(guildId, 'general'),
      options: { topic: AMI, questions: 1 },
    });
    const message = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(message.embeds[0]?.title).toBe('Question 1 of 1');
    return message;
  }

  /** Answers the open question of a quiz message right, through its buttons; returns the points shown. */
  async function answerQuiz(user: Member, message: FakeMessage): Promise<number> {
    const sessionId = sessionIdOf(message);
    const session = await store.sessions.get(`quiz:${sessionId}`);
    if (!isQuizSession(session)) throw new Error(`no quiz session ${sessionId} in Redis`);
    const planned = session.questions[0];
    const question = planned && makeQuestionById(bank.current, planned.itemId, planned);
    if (!question) throw new Error('the quiz question cannot be rebuilt');
    let reply: FakeMessage;
    if (question.type === 'typed') {
      const open = await fake.click({ user, message, customId: `v1:quiz:${sessionId}:0:type` });
      expect((await open.response()).type).toBe(9);
      const ix = await fake.submitModal({
        user,
        customId: `v1:quiz:${sessionId}:0`,
        fields: { answer: question.answer },
      });
      reply = await ix.reply();
    } else {
      const ix = await sendChoice({ fake }, message, sessionId, 0, question, true, user);
      reply = await ix.reply();
    }
    const title = String(reply.embeds[0]?.title);
    const points = Number(/^✅ Right! \+(\d+) points$/.exec(title)?.[1]);
    expect(points, title).toBe(question.type === 'typed' ? 15 : 10);
    return points;
  }

  /** The all-time board as `/leaderboard period:all` shows it: member id → points. */
  async function leaderboard(guildId: string): Promise<Map<string, number>> {
    const ix = await fake.slash({
      name: 'leaderboard',
      user: alice,
      guildId,
      channelId: channelOf(guildId, 'general'),
      options: { period: 'all' },
    });
    // The board is a card; its alt text lists "1. name: N points", names as members are shown.
    const alt = galleryItems(await ix.reply())[0]?.description ?? '';
    const idOf = new Map(
      DEFAULT_MEMBERS.flatMap((m) => [m.globalName, m.username].filter(Boolean).map((n) => [n, m.id ?? ''])),
    );
    return new Map(
      [...alt.matchAll(/^\d+\. (.+): (\d+) points?(?:, .*)?$/gm)].map((m) => [
        idOf.get(m[1] ?? '') ?? '',
        Number(m[2]),
      ]),
    );
  }

  async function expectLeaderboardsCorrect(): Promise<void> {
    for (const guildId of GUILD_IDS) {
      expect(await leaderboard(guildId), `leaderboard of ${guildId}`).toEqual(expected.get(guildId));
    }
  }

  /** Runs one daily scheduler tick in a shard process (its test hook); resolves to what it did. */
  async function tickDaily(shardId: number): Promise<DailyTickDone> {
    const shard = bot.manager.shards.get(shardId) as Shard;
    const id = ++nextTick;
    const done = new Promise<DailyTickDone>((resolveDone) => {
      const onMessage = (message: DailyTickDone) => {
        if (message?.type !== `${DAILY_TICK}:done` || message.id !== id) return;
        shard.off('message', onMessage);
        resolveDone(message);
      };
      shard.on('message', onMessage);
    });
    await shard.send({ type: DAILY_TICK, id });
    return done;
  }

  /** Ticks both shards at once; resolves to the guilds each one posted for. */
  async function postedBy(): Promise<string[][]> {
    const reports = await Promise.all([tickDaily(0), tickDaily(1)]);
    return reports.map((r) =>
      r.results
        .filter((x) => x.kind === 'posted')
        .map((x) => x.guildId)
        .sort(),
    );
  }

  const dailyPosts = (guildId: string): FakeMessage[] =>
    fake.messages(channelOf(guildId, 'daily')).filter((m) => !m.ephemeral);

  it('splits the four guilds two and two; a solo /quiz is answered in every guild', async () => {
    expect(bot.shardIds).toEqual([0, 1]);
    expect(GUILD_IDS.map((id) => shardOf(id, 2))).toEqual([0, 1, 0, 1]);
    for (const guildId of GUILD_IDS) {
      for (const user of [alice, bob])
        award(guildId, user, await answerQuiz(user, await startQuiz(user, guildId)));
      openQuiz.set(guildId, await startQuiz(carol, guildId));
    }
    expect(fake.registrationCount()).toBe(1);
    expect(fake.violations).toEqual([]);
  });

  it('/leaderboard shows each guild exactly the points earned in it', async () => {
    await expectLeaderboardsCorrect();
  });

  it('posts the daily question once per guild, from the shard process that owns it', async () => {
    // A post time of "now" is due at once; only a run in the last seconds of a UTC day waits for the next.
    const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
    if (toMidnight < 15_000) await new Promise((done) => setTimeout(done, toMidnight + 100));
    // One after the other: concurrent first settings writes from two processes race on the guild index.
    for (const guildId of GUILD_IDS) {
      const time = new Date().toISOString().slice(11, 16);
      const ix = await fake.slash({
        name: 'daily',
        subcommand: 'set',
        user: alice,
        guildId,
        channelId: channelOf(guildId, 'general'),
        options: { channel: channelOf(guildId, 'daily'), time, timezone: 'UTC' },
      });
      await ix.reply();
      expect(ix.rejections).toEqual([]);
    }
    expect(await postedBy()).toEqual([
      [GUILD_IDS[0], GUILD_IDS[2]].sort(),
      [GUILD_IDS[1], GUILD_IDS[3]].sort(),
    ]);
    // Later ticks of either process post nothing more today.
    expect(await postedBy()).toEqual([[], []]);
    for (const guildId of GUILD_IDS) {
      const posts = dailyPosts(guildId);
      expect(posts).toHaveLength(1);
      expect(String(posts[0]?.embeds[0]?.title)).toMatch(/^Daily question · \d{4}-\d{2}-\d{2}$/);
      dailyPost.set(guildId, posts[0] as FakeMessage);
    }
    expect(fake.violations).toEqual([]);
  });

  it('respawns a killed shard process; buttons posted before the kill still work in its guilds', async () => {
    const shard = bot.manager.shards.get(1) as Shard;
    const died = once(shard, 'death');
    shard.process?.kill('SIGKILL');
    await died;
    expect(bot.supervisor.allReady()).toBe(false);
    await bot.whenReady(60_000);
    await fake.waitForReady();
    expect(bot.supervisor.stats(1)).toEqual({ crashesInARow: 1, startsToday: 2 });
    expect(bot.supervisor.stats(0)).toEqual({ crashesInARow: 0, startsToday: 1 });
    expect(launcherLog.join('')).toContain('shard process exited; restarting after a delay');

    // The restarted process has not lost the guilds' scores.
    for (const index of KILLED_SHARD_GUILDS) {
      const guildId = guild(index).id;
      expect(await leaderboard(guildId)).toEqual(expected.get(guildId));
    }
    // Every guild: carol's quiz and the daily post, both from before the kill, are answered now.
    for (const index of [...KILLED_SHARD_GUILDS, 0, 2]) {
      const guildId = guild(index).id;
      award(guildId, carol, await answerQuiz(carol, openQuiz.get(guildId) as FakeMessage));
      award(guildId, bob, await answerDaily(bob, guildId, dailyPost.get(guildId) as FakeMessage));
    }
    // The restarted shard's catch-up tick and any later tick post nothing twice.
    expect(await postedBy()).toEqual([[], []]);
    for (const guildId of GUILD_IDS) expect(dailyPosts(guildId)).toHaveLength(1);
    await expectLeaderboardsCorrect();
    expect(fake.violations).toEqual([]);
  });

  /** Answers a daily post right as `user` through its buttons; returns the points awarded. */
  async function answerDaily(user: Member, guildId: string, post: FakeMessage): Promise<number> {
    const localDate = String(post.embeds[0]?.title).replace('Daily question · ', '');
    const stored = await new DailyStateStore(store.keyv).getPost(guildId, localDate);
    const question = stored?.question;
    if (!question) throw new Error(`no daily post stored for ${guildId} ${localDate}`);
    let reply: FakeMessage;
    if (question.type === 'typed') {
      const open = await fake.click({ user, message: post, customId: `v1:daily:${localDate}:type` });
      expect((await open.response()).type).toBe(9);
      const ix = await fake.submitModal({
        user,
        customId: `v1:daily:${localDate}:text`,
        fields: { answer: question.answer },
      });
      reply = await ix.reply();
    } else {
      expect(buttonsOf(post).length).toBeGreaterThan(1);
      const ix = await fake.click({
        user,
        message: post,
        customId: `v1:daily:${localDate}:${question.correct}`,
      });
      reply = await ix.reply();
    }
    const text = String(reply.embeds[0]?.description);
    expect(text).toMatch(/^✅ Right/);
    const points = Number(/\+(\d+) points/.exec(text)?.[1]);
    expect(points).toBe(20 + streakBonus(1));
    return points;
  }

  it('reloads the bank in every shard process when a reload is broadcast', async () => {
    const before = await bankItems(guild(0).id);
    expect(await bankItems(guild(1).id)).toBe(before);
    writeFileSync(join(dataDir, 'extra.md'), '# Extra\n\nAn ==S3 bucket== is a container for objects.\n');
    await broadcastReload(store.kv, { reason: 'test' });
    for (const index of [0, 1]) {
      await eventually(async () => expect(await bankItems(guild(index).id)).toBe(before + 1));
    }
  });

  async function bankItems(guildId: string): Promise<number> {
    const reply = await (
      await fake.slash({ name: 'bank', subcommand: 'stats', user: alice, guildId })
    ).reply();
    const count = /\*\*(\d+)\*\* items?/.exec(String(reply.embeds[0]?.description))?.[1];
    return Number(count);
  }

  /**
   * Removes what this run wrote: every key of its guilds (unique to it) and the app keys, which are
   * recreated on start. The shared settings index keeps the guild ids: other test files may be writing it.
   */
  async function cleanRedis(): Promise<void> {
    if (!REDIS_URL || !store) return;
    // A plain client here (not a cluster), so SCAN sees every key.
    const client = (await (store.keyv.store as KeyvRedis<unknown>).getClient()) as unknown as RedisScan;
    const found: string[] = [];
    for (const guildId of GUILD_IDS) {
      for await (const batch of client.scanIterator({ MATCH: `*v1:guild:${guildId}:*`, COUNT: 1_000 })) {
        found.push(...[batch].flat());
      }
    }
    if (found.length > 0) await client.del(found);
    const keyv = await openKeyv(REDIS_URL);
    await keyv.deleteMany([keys.app(RELOAD_KEY), keys.app(hashKey({ kind: 'global' }))]);
    await closeKeyv(keyv);
  }
});

/** The part of a node-redis client the cleanup uses (v5 yields batches of keys, v4 single keys). */
interface RedisScan {
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string | string[]>;
  del(keys: string[]): Promise<unknown>;
}

/** Retries `check` until it passes (the watchers poll every 100 ms in this test) or 10 s pass. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}
