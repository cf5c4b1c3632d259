import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSize } from '../../src/cards/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { galleryItems, isV2, shownPicture, v2Text } from './v2-support.ts';

const bob = { id: DEFAULT_MEMBERS[1]?.id ?? '', username: 'bob' };

describe('/stats', () => {
  const clock = new ManualClock('2026-12-04T12:00:00Z'); // a Friday: week Nov 30–Dec 6
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ start: { clock } });
  });
  afterAll(async () => harness?.close());

  async function answer(correct: boolean, at: string, n: number) {
    const guildId = harness.fake.guild().id;
    const item = harness.bot.ctx.banks.forGuild(guildId).items[n];
    if (!item) throw new Error('the seed bank has too few items');
    await harness.bot.ctx.store.scores.recordAnswer(guildId, {
      userId: bob.id,
      itemId: item.id,
      topics: item.tags,
      correct,
      points: 10,
      kind: 'quiz',
      at: new Date(at),
      timeZone: 'UTC',
    });
  }

  it('says so when the member has not answered yet', async () => {
    const ix = await harness.fake.slash({ name: 'stats', user: bob });
    expect((await ix.reply()).content).toBe(
      'You have not answered any question in this server yet. Start with `/quiz`.',
    );
    expect(ix.ephemeral).toBe(true);
  });

  it('answers privately with a V2 message: a summary, and the card as a PNG of the designed size', async () => {
    await answer(true, '2026-12-03T10:00:00Z', 0);
    await answer(false, '2026-12-03T10:01:00Z', 1);
    await answer(true, '2026-11-20T10:00:00Z', 2);
    const ix = await harness.fake.slash({ name: 'stats', user: bob });
    expect((await ix.response()).type).toBe(5); // acknowledged before the card is drawn
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(isV2(reply)).toBe(true);
    expect(reply.content).toBe('');
    expect(v2Text(reply)).toContain(`### 📊 Stats of <@${bob.id}>`);
    expect(v2Text(reply)).toContain('20 points (10 this week) · 67% right (2/3) · no daily streak');
    const picture = await shownPicture(reply);
    expect(picture.name).toBe('stats.png');
    // One topic line: the seed note's five tags always occur together; plus the exam profile's domains.
    const bar = { label: '', ratio: 0, detail: '' };
    const domains = domainLines(galleryItems(reply)[0]?.description ?? '');
    expect(domains).toHaveLength(4);
    const oneTopic = cardSize('stats', {
      name: '',
      tiles: [],
      activity: [],
      topics: [bar],
      domains: domains.map(() => bar),
      footer: '',
    });
    expect({ width: picture.width, height: picture.height }).toEqual(oneTopic);
    expect(harness.fake.violations).toEqual([]);
  });

  it('groups tags that always occur together into one topic and names weeks in words', async () => {
    const reply = await (await harness.fake.slash({ name: 'stats', user: bob })).reply();
    const alt = galleryItems(reply)[0]?.description ?? '';
    const topicLines = alt
      .split('\n')
      .filter((line) => line.startsWith('• '))
      .filter((line) => !domainLines(alt).includes(line));
    expect(topicLines).toHaveLength(1);
    expect(topicLines[0]).toMatch(/^• ami · aws · ec2 · [^:]+: \d+% ready, 67% right \(2\/3\)/);
    expect(alt).toContain('Activity: this week 10, Nov 16–22 10.');
    expect(alt).not.toMatch(/\d{4}-W\d{2}/);
  });

  it('format:text gives the same facts as plain text, which is also the picture’s alt text', async () => {
    const text = await (
      await harness.fake.slash({ name: 'stats', user: bob, options: { format: 'text' } })
    ).reply();
    const picture = await (await harness.fake.slash({ name: 'stats', user: bob })).reply();
    expect(text.attachments).toEqual([]);
    expect(text.content.replace(/\\/g, '')).toBe(galleryItems(picture)[0]?.description);
    expect(harness.fake.violations).toEqual([]);
  });
});

/** The alt text's lines under "Exam domains:" (readiness by the default exam profile's domains). */
function domainLines(alt: string): string[] {
  const lines = alt.split('\n');
  const start = lines.indexOf('Exam domains:');
  return start < 0 ? [] : lines.slice(start + 1).filter((line) => line.startsWith('• '));
}
