import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { makeQuestionById } from '../../src/quiz/question.ts';
import type { FakeMessage } from '../fake-discord/index.ts';
import { buildApkg, SAMPLE_NOTES } from '../import/anki-fixture.ts';
import { dailyPosts, embedText, setDaily, startDailyHarness } from './daily-helpers.ts';
import type { Harness } from './helpers.ts';
import { sendChoice, sessionIdOf, storedSession } from './quiz-support.ts';

const alice = { id: '100000000000000001', username: 'alice' };
const bob = { id: '100000000000000002', username: 'bob' };
const CSV = [
  'Term,Definition,Tags,Domain',
  'Route 53,Amazon DNS service with health checks,networking,Design Resilient Architectures',
  'CloudFront,Amazon CDN with edge locations,networking,Design High-Performing Architectures',
  '=cmd|calc,formula-like term,,',
  'Glacier,,storage,',
  'Route 53,duplicate term,,',
].join('\n');

const text = (message: FakeMessage) =>
  [message.content, ...message.embeds.map((e) => JSON.stringify(e))].join('\n');

describe('/bank add with decks: a CSV and an Anki package from Discord', () => {
  let harness: Harness;
  let guildId: string;
  const clock = new ManualClock('2026-12-01T10:00:00Z');

  beforeAll(async () => {
    harness = await startDailyHarness(clock);
    guildId = harness.fake.guild().id;
  }, 60_000);
  afterAll(async () => harness?.close());

  async function upload(name: string, content: string | Uint8Array, type: string): Promise<FakeMessage> {
    const file = harness.fake.addAttachment(name, content, type);
    const ix = await harness.fake.slash({
      name: 'bank',
      subcommand: 'add',
      user: alice,
      options: { file: { attachment: file } },
    });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    return reply;
  }

  /** The reply to an upload has this title and every one of these lines in its description. */
  function expectReply(reply: FakeMessage, title: string, lines: string[]): void {
    const embed = reply.embeds[0] as { title: string; description: string };
    expect(embed.title).toBe(title);
    for (const line of lines) expect(embed.description).toContain(line);
  }

  it('adds a CSV export and says which rows were skipped or neutralised, and why', async () => {
    expectReply(
      await upload('aws-cards.csv', CSV, 'text/csv; charset=utf-8'),
      '✅ Added server/aws-cards.csv',
      [
        '**3** items: qa 3',
        '`server/aws-cards.csv:4` row 4: a cell starting with = + - or @ was neutralised',
        '`server/aws-cards.csv:5` row 5: empty definition; skipped',
        '`server/aws-cards.csv:6` row 6: duplicate term "Route 53" (first on line 2); skipped',
      ],
    );
  });

  it('adds an Anki package and lists media, unsupported, empty and duplicate notes by note id', async () => {
    const reply = await upload('aws-deck.apkg', await buildApkg(SAMPLE_NOTES), 'application/zip');
    expectReply(reply, '✅ Added server/aws-deck.apkg', [
      '**6** items: qa 4 · cloze 2',
      'note 1600000000003 (Basic): 1 media reference (image or sound) dropped',
      'unsupported note type "Image Occlusion" skipped',
      'note 1600000000005 (Basic): duplicate of the card on line 1; skipped',
      'note 1600000000006 (Basic), card "Card 1": empty answer field; skipped',
    ]);
    expect(
      text(await (await harness.fake.slash({ name: 'bank', subcommand: 'list', user: alice })).reply()),
    ).toMatch(/`aws-deck\.apkg` — 6 items \(qa 4 · cloze 2\)/);
  });

  it('refuses a broken package with its reason and keeps the bank as it was', async () => {
    const before = harness.bot.ctx.banks.forGuild(guildId).items.length;
    const reply = await upload(
      'broken.apkg',
      Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2]),
      'application/octet-stream',
    );
    const embed = reply.embeds[0] as { title: string; description: string };
    expect(embed.title).toBe('❌ Refused server/broken.apkg');
    expect(embed.description).toContain('not a zip archive (an Anki package is one)');
    expect(harness.bot.ctx.banks.forGuild(guildId).items).toHaveLength(before);
  });

  it('finds the new cards with /fact', async () => {
    const cdn = await harness.fake.slash({ name: 'fact', user: bob, options: { query: 'CloudFront' } });
    expect(text(await cdn.reply())).toContain('Amazon CDN with edge locations');
    const s3 = await harness.fake.slash({
      name: 'fact',
      user: bob,
      options: { query: 'Simple Storage Service' },
    });
    expect(text(await s3.reply())).toContain('object storage');
  });

  it('quizzes on a deck and on a domain tag of the CSV, and scores a right answer', async () => {
    const topics = await harness.fake.autocomplete({
      name: 'quiz',
      user: bob,
      options: { topic: 'domain' },
      focused: 'topic',
    });
    expect(topics.map((c) => c.value)).toContain('domain:design-resilient-architectures');

    for (const topic of ['aws-deck', 'domain:design-resilient-architectures']) {
      const start = await harness.fake.slash({ name: 'quiz', user: bob, options: { topic, questions: 1 } });
      const message = await start.reply();
      expect(message.embeds[0]?.title).toBe('Question 1 of 1');
      const sessionId = sessionIdOf(message);
      const planned = (await storedSession(harness, sessionId)).questions[0];
      if (!planned) throw new Error('no question');
      const item = harness.bot.ctx.banks.forGuild(guildId).get(planned.itemId);
      expect(item?.note).toBe(topic === 'aws-deck' ? 'server/aws-deck.apkg' : 'server/aws-cards.csv');
      const question = makeQuestionById(harness.bot.ctx.banks.forGuild(guildId), planned.itemId, planned);
      if (!question) throw new Error('question cannot be made');
      clock.advance(3_000);
      if (question.type === 'typed') {
        const open = await harness.fake.click({
          message,
          customId: `v1:quiz:${sessionId}:0:type`,
          user: bob,
        });
        expect((await open.response()).type).toBe(9);
        const submit = await harness.fake.submitModal({
          customId: `v1:quiz:${sessionId}:0`,
          fields: { answer: question.answer },
          user: bob,
        });
        expect((await submit.reply()).embeds[0]?.title).toMatch(/^✅/);
      } else {
        const ix = await sendChoice(harness, message, sessionId, 0, question, true, bob);
        const answered = await ix.reply();
        expect(text(answered)).toContain('✅ Right!');
      }
    }
    expect(harness.fake.violations).toEqual([]);
  });

  it('puts a missed deck card into /review the next day', async () => {
    const carol = { id: '100000000000000003', username: 'carol' };
    const start = await harness.fake.slash({
      name: 'quiz',
      user: carol,
      options: { topic: 'aws-cards', questions: 1 },
    });
    const message = await start.reply();
    const sessionId = sessionIdOf(message);
    const planned = (await storedSession(harness, sessionId)).questions[0];
    if (!planned) throw new Error('no question');
    clock.advance(3_000);
    if (planned.type === 'typed') {
      await (
        await harness.fake.click({ message, customId: `v1:quiz:${sessionId}:0:type`, user: carol })
      ).response();
      const submit = await harness.fake.submitModal({
        customId: `v1:quiz:${sessionId}:0`,
        fields: { answer: 'no idea at all' },
        user: carol,
      });
      expect(text(await submit.reply())).toContain('❌');
    } else {
      const question = makeQuestionById(harness.bot.ctx.banks.forGuild(guildId), planned.itemId, planned);
      const wrong = question?.correct === 0 ? 1 : 0;
      const ix = await harness.fake.click({
        message,
        customId: `v1:quiz:${sessionId}:0:${wrong}`,
        user: carol,
      });
      expect(text(await ix.reply())).toContain('❌ Not quite');
    }
    clock.advance(24 * 60 * 60 * 1000);
    const review = await harness.fake.slash({ name: 'review', user: carol });
    const due = await review.reply();
    expect(due.content).toBe('🔁 **Review** — 1 card');
    const session = await storedSession(harness, sessionIdOf(due));
    expect(session.questions.map((q) => q.itemId)).toEqual([planned.itemId]);
    expect(harness.bot.ctx.banks.forGuild(guildId).get(planned.itemId)?.note).toBe('server/aws-cards.csv');
  });

  it('posts the daily question from a deck topic', async () => {
    expect(
      embedText(await setDaily(harness, { time: '23:00', timezone: 'UTC', topic: 'aws-deck' })),
    ).not.toContain('❌');
    const now = await harness.fake.slash({ name: 'daily', subcommand: 'now', user: alice });
    expect(embedText(await now.reply())).toContain("Posted today's question");
    await harness.fake.waitFor(() => dailyPosts(harness).length > 0, {
      timeoutMs: 5_000,
      message: 'no daily post',
    });
    // The post shows the prompt Markdown-escaped (a cloze's ____ as \_\_\_\_).
    const post = embedText(dailyPosts(harness).at(-1)).replace(/\\(.)/g, '$1');
    const deck = harness.bot.ctx.banks.forGuild(guildId).itemsForTopic('aws-deck');
    expect(deck.length).toBeGreaterThan(0);
    expect(
      deck.some((item) => post.includes(item.prompt.slice(0, 15))),
      post,
    ).toBe(true);
  });

  it('keeps the decks over a restart: they are stored as uploaded and read again', async () => {
    const ids = harness.bot.ctx.banks
      .forGuild(guildId)
      .items.filter((i) => i.note.startsWith('server/aws-'))
      .map((i) => i.id);
    expect(ids).toHaveLength(9);
    await harness.restart();
    const after = harness.bot.ctx.banks
      .forGuild(guildId)
      .items.filter((i) => i.note.startsWith('server/aws-'))
      .map((i) => i.id);
    expect(after).toEqual(ids);
  });
});
