import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { type Harness, startHarness } from './helpers.ts';
import { questionOf, storedSession } from './quiz-support.ts';

interface SelectJson {
  type: number;
  custom_id: string;
  min_values: number;
  max_values: number;
  options: { label: string; value: string }[];
}

describe('a "Choose two." question in a solo quiz', () => {
  let harness: Harness;
  const clock = new ManualClock('2026-12-04T10:00:00Z');
  beforeAll(async () => {
    harness = await startHarness({ env: { DATA_DIR: 'test/fixtures/questions' }, start: { clock } });
  }, 60_000);
  afterAll(async () => harness?.close());

  it('is answered with a select menu of exactly as many picks as answers, then shows the explanation', async () => {
    const start = await harness.fake.slash({
      name: 'quiz',
      options: { topic: 'Security Groups vs NACLs', questions: 20 },
    });
    let message = await start.reply();
    const select = () =>
      message.components
        .flatMap((row) => (row as { components: SelectJson[] }).components)
        .find((c) => c.type === 3);
    const sessionId =
      (message.components[0] as { components: { custom_id: string }[] }).components[0]?.custom_id.split(
        ':',
      )[2] ?? '';
    const session = await storedSession(harness, sessionId);
    const index = session.questions.findIndex((q) => q.type === 'multi');
    expect(index).toBeGreaterThanOrEqual(0);
    // Answer up to the multi question with its first option or "type", then next.
    for (let i = 0; i < index; i++) {
      clock.advance(3_000);
      const question = questionOf(harness, session, i);
      const row = (message.components[0] as { components: { custom_id: string }[] }).components;
      if (question.type === 'typed') {
        const ix = await harness.fake.click({ message, customId: row[0]?.custom_id ?? '' });
        await ix.response();
        const modal = await harness.fake.submitModal({
          customId: `v1:quiz:${sessionId}:${i}`,
          fields: { answer: question.answer },
          message,
        });
        message = await modal.reply();
      } else {
        message = await (await harness.fake.click({ message, customId: row[0]?.custom_id ?? '' })).reply();
      }
      message = await (
        await harness.fake.click({ message, customId: `v1:quiz:${sessionId}:${i}:next` })
      ).reply();
    }
    const question = questionOf(harness, session, index);
    const menu = select();
    expect(menu?.custom_id).toBe(`v1:quiz:${sessionId}:${index}:multi`);
    expect(menu?.min_values).toBe(question.answers?.length);
    expect(menu?.max_values).toBe(question.answers?.length);
    expect(menu?.options.map((o) => o.label)).toEqual(question.options);
    clock.advance(3_000); // past the one-answer-a-second cooldown
    const answered = await harness.fake.select({
      message,
      customId: menu?.custom_id ?? '',
      values: (question.correctSet ?? []).map(String),
    });
    const feedback = await answered.reply();
    const embed = feedback.embeds[0] as
      | { title?: string; fields?: { name: string; value: string }[] }
      | undefined;
    expect(embed?.title).toMatch(/^✅ Right!/);
    const fields = embed?.fields ?? [];
    expect(fields.find((f) => f.name === 'Answer')?.value).toContain(question.answers?.[0] ?? '?');
    expect(fields.find((f) => f.name === 'Explanation')?.value).toContain('Security Groups vs NACLs');
    expect(fields.find((f) => f.name === 'The other options')?.value.length).toBeGreaterThan(0);
    expect(harness.fake.violations).toEqual([]);
  }, 60_000);
});
