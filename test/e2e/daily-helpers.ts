import { expect } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { type DailyFeatureOptions, dailyFeature } from '../../src/daily/feature.ts';
import type { DailyService } from '../../src/daily/service.ts';
import type { FakeMessage, FakeUser } from '../fake-discord/types.ts';
import { type Harness, type HarnessOptions, startHarness } from './helpers.ts';

export const alice = { id: '100000000000000001', username: 'alice' };
export const bob = { id: '100000000000000002', username: 'bob' };
export const carol = { id: '100000000000000003', username: 'carol' };

/** The bot with the daily feature on a ManualClock; no cron: tests tick by hand. */
export async function startDailyHarness(
  clock: ManualClock,
  options: HarnessOptions = {},
  feature: DailyFeatureOptions = {},
): Promise<Harness> {
  return startHarness({
    ...options,
    start: { clock, ...dailyFeature({ cron: false, settleMs: 0, countEditMs: 50, ...feature }) },
  });
}

export function dailyOf(harness: Harness): DailyService {
  const daily = harness.bot.ctx.daily;
  if (!daily) throw new Error('the daily feature is not running');
  return daily;
}

/** `/daily set` by alice from #general; resolves to the reply. */
export async function setDaily(
  harness: Harness,
  options: { time: string; timezone: string; topic?: string; channel?: string; from?: string },
): Promise<FakeMessage> {
  const { fake } = harness;
  const ix = await fake.slash({
    name: 'daily',
    subcommand: 'set',
    user: alice,
    channelId: fake.channel(options.from ?? '#general').id,
    options: {
      channel: fake.channel(options.channel ?? '#daily'),
      time: options.time,
      timezone: options.timezone,
      ...(options.topic ? { topic: options.topic } : {}),
    },
  });
  return ix.reply();
}

/** The bot's non-ephemeral messages in #daily. */
export function dailyPosts(harness: Harness): FakeMessage[] {
  return harness.fake.messages(harness.fake.channel('#daily').id).filter((m) => !m.ephemeral);
}

/** Answers a daily post right or wrong as `user`, by button or typed form; resolves to the private reply. */
export async function answer(
  harness: Harness,
  post: FakeMessage,
  user: FakeUser | typeof bob,
  right: boolean,
): Promise<FakeMessage> {
  const { fake } = harness;
  const guildId = fake.guild().id;
  const localDate = String(post.embeds[0]?.title ?? '').replace('Daily question · ', '');
  const stored = await dailyOf(harness).deps.state.getPost(guildId, localDate);
  const question = stored?.question;
  if (!question) throw new Error(`no daily post stored for ${localDate}`);
  if (question.type === 'typed') {
    const open = await fake.click({ message: post, customId: `v1:daily:${localDate}:type`, user });
    await open.response();
    const ix = await fake.submitModal({
      customId: `v1:daily:${localDate}:text`,
      user,
      fields: { answer: right ? question.answer : 'certainly not this' },
    });
    return ix.reply();
  }
  const correct = question.correct ?? 0;
  const choice = right ? correct : (correct + 1) % (question.options?.length ?? 2);
  const ix = await fake.click({ message: post, customId: `v1:daily:${localDate}:${choice}`, user });
  return ix.reply();
}

/** Text of a message's first embed (title, description, fields, footer). */
export function embedText(message: FakeMessage | undefined): string {
  const embed = message?.embeds[0] as
    | {
        title?: string;
        description?: string;
        fields?: { name: string; value: string }[];
        footer?: { text: string };
      }
    | undefined;
  if (!embed) return message?.content ?? '';
  return [
    message?.content ?? '',
    embed.title,
    embed.description,
    ...(embed.fields ?? []).map((f) => `${f.name}: ${f.value}`),
    embed.footer?.text,
  ]
    .filter(Boolean)
    .join('\n');
}

export function expectNoViolations(harness: Harness): void {
  expect(harness.fake.violations).toEqual([]);
}

export { ManualClock };
