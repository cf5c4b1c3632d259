import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type EmbedText, embedLength, LIMITS } from '../../src/core/fit.ts';
import { raceRevealMessage, raceRoundMessage, raceStandingsMessage } from '../../src/discord/render/race.ts';
import type { Message } from '../../src/discord/reply.ts';
import { answerRace, createRace, finishRace, type RaceQuestion, revealRound } from '../../src/race/race.ts';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const longWords = (n: number) => 'word '.repeat(Math.ceil(n / 5)).slice(0, n);

/** A question whose every text is far beyond what Discord accepts. */
const maximal: RaceQuestion = {
  itemId: 'item-long',
  type: 'choice',
  prompt: longWords(5000),
  options: [longWords(300), longWords(300), longWords(300), longWords(300)],
  correct: 1,
  answer: longWords(300),
  explanation: longWords(3000),
  optionNotes: [0, 2, 3].map((i) => ({ option: longWords(300), note: `${i}: ${longWords(600)}` })),
  source: longWords(3000),
  seed: 1,
  topics: ['aws'],
};

function maximalRace() {
  let state = createRace(
    {
      id: 'r1',
      guildId: 'g',
      channelId: 'c',
      starterId: 'starter',
      topic: longWords(3000),
      runner: 'proc-a',
      questions: [maximal],
      timing: { roundMs: 2_000, gapMs: 0 },
    },
    T0,
  );
  for (let i = 0; i < 400; i++) state = answerRace(state, `user${i}`, 1, T0 + i).state;
  return state;
}

function embedOf(message: Message): EmbedText {
  // The renderers build plain APIEmbed objects, never builders.
  return (message.embeds?.[0] ?? {}) as APIEmbed as EmbedText;
}

describe('race messages with maximal texts', () => {
  it('keeps the open round embed within the 6,000-character whole-embed limit', () => {
    expect(embedLength(embedOf(raceRoundMessage(maximalRace())))).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('keeps the reveal embed (answer, right list, explanation, source) within 6,000 characters', () => {
    const { state, result } = revealRound(maximalRace());
    const awarded = new Map(result.right.map((a) => [a.userId, 10]));
    const embed = embedOf(raceRevealMessage(state, result, awarded));
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embed.fields?.map((f) => f.name)).toEqual(['Explanation', 'The other options']);
  });

  it('says in the reveal what each wrong option really is', () => {
    const notes = [
      { option: 'S3 Standard-IA', note: '30 days is what the table gives for S3 Standard-IA.' },
      { option: 'S3 Standard', note: 'None is what the table gives for S3 Standard.' },
    ];
    let state = createRace(
      {
        id: 'r2',
        guildId: 'g',
        channelId: 'c',
        starterId: 'starter',
        topic: 's3',
        runner: 'proc-a',
        questions: [{ ...maximal, prompt: 'Which class?', explanation: 'Why.', optionNotes: notes }],
        timing: { roundMs: 2_000, gapMs: 0 },
      },
      T0,
    );
    state = answerRace(state, 'user1', 1, T0 + 1).state;
    const { state: revealed, result } = revealRound(state);
    const embed = embedOf(raceRevealMessage(revealed, result, new Map()));
    expect(embed.fields?.find((f) => f.name === 'The other options')?.value).toBe(
      '• 30 days is what the table gives for S3 Standard-IA.\n• None is what the table gives for S3 Standard.',
    );
  });

  it('keeps the standings embed within 6,000 characters', () => {
    const state = finishRace(maximalRace(), T0 + 10_000);
    expect(embedLength(embedOf(raceStandingsMessage(state)))).toBeLessThanOrEqual(LIMITS.embedTotal);
  });
});
