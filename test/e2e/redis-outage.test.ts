import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { ANSWER_NOT_RECORDED } from '../../src/quiz/solo.ts';
import { STORE_UNAVAILABLE } from '../../src/store/index.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { REDIS, requirement } from '../support/requirements.ts';
import { type Harness, startHarness } from './helpers.ts';
import { questionOf, sendChoice, sessionIdOf, storedSession } from './quiz-support.ts';

const REDIS_SERVER = '/usr/bin/redis-server';
const alice = { id: DEFAULT_MEMBERS[0]?.id ?? '', username: 'alice' };
/** Discord's own deadline for the first callback: every interaction must be acknowledged before it. */
const DISCORD_ACK_MS = 3_000;

const OWN_REDIS = requirement(
  REDIS.met && existsSync(REDIS_SERVER),
  `needs REDIS_URL set and ${REDIS_SERVER} (Debian: apt-get install redis-server) to start a Redis of its own`,
);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves once something accepts connections on `port`. */
async function accepting(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((done) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        done(true);
      });
      socket.on('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * A Redis server of the test's own, killed and started again on the same port and folder; its
 * append-only file is synced on every write, so what it had accepted is still there when it comes back.
 */
class OwnRedis {
  private process: ChildProcess | undefined;
  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
        '--logfile',
        '',
      ],
      { stdio: 'ignore' },
    );
    await accepting(this.port);
  }

  /** Kills it the hard way, as a crash or a lost host would. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }
}

describe.skipIf(!OWN_REDIS.met)(
  OWN_REDIS.title('a quiz while its Redis store goes away and comes back'),
  () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    const dir = mkdtempSync(join(tmpdir(), 'flashcord-redis-'));
    let redis: OwnRedis;
    let harness: Harness;

    beforeAll(async () => {
      redis = new OwnRedis(await freePort(), dir);
      await redis.start();
      harness = await startHarness({ env: { STORE_URL: redis.url }, start: { clock } });
    });
    afterAll(async () => {
      await harness?.close();
      await redis?.kill();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Time from dispatch to the bot's first callback for this interaction, from the fake's request log. */
    const ackMs = (id: string, sentAt: number): number => {
      const first = harness.fake.requests.find((request) => request.path.startsWith(`/interactions/${id}/`));
      return (first?.at ?? Number.POSITIVE_INFINITY) - sentAt;
    };

    it('acknowledges in time with a clear private message, scores nothing, and recovers without a restart', async () => {
      const guildId = harness.fake.guild().id;
      // One question: a one-question quiz is never typed, so its answer is a button or a select.
      const start = await harness.fake.slash({
        name: 'quiz',
        user: alice,
        options: { topic: 'ami', questions: 1 },
      });
      const message = await start.reply();
      const sessionId = sessionIdOf(message);
      const question = questionOf(harness, await storedSession(harness, sessionId), 0);

      await redis.kill();
      clock.advance(3_000);
      let sentAt = Date.now();
      const failed = await sendChoice(harness, message, sessionId, 0, question, true, alice);
      expect((await failed.reply()).content).toBe(ANSWER_NOT_RECORDED);
      expect(failed.ephemeral).toBe(true);
      expect(ackMs(failed.id, sentAt)).toBeLessThan(DISCORD_ACK_MS);

      sentAt = Date.now();
      const refused = await harness.fake.slash({ name: 'quiz', user: alice, options: { topic: 'ami' } });
      expect((await refused.reply()).content).toBe(STORE_UNAVAILABLE);
      expect(ackMs(refused.id, sentAt)).toBeLessThan(DISCORD_ACK_MS);
      // Lookups need no store: they go on as if nothing happened.
      const fact = await harness.fake.slash({ name: 'fact', user: alice, options: { query: 'AMI' } });
      expect((await fact.reply()).embeds.length).toBeGreaterThan(0);

      await redis.start();
      // The client reconnects on its own (backing off up to 2 s between tries).
      await expect
        .poll(
          () =>
            harness.bot.ctx.store.scores.getMember(guildId, alice.id).then(
              () => true,
              () => false,
            ),
          {
            timeout: 15_000,
            interval: 200,
          },
        )
        .toBe(true);
      expect(await harness.bot.ctx.store.scores.getMember(guildId, alice.id)).toBeUndefined();
      expect((await storedSession(harness, sessionId)).answers).toEqual([]);

      clock.advance(3_000);
      const retried = await sendChoice(harness, message, sessionId, 0, question, true, alice);
      expect((await retried.reply()).embeds[0]?.title).toBe('✅ Right! +10 points');
      expect((await harness.bot.ctx.store.scores.getMember(guildId, alice.id))?.periods.all?.points).toBe(10);
      expect(harness.fake.violations).toEqual([]);
      expect(harness.logs()).not.toContain('"msg":"interaction failed"');
    });
  },
);
