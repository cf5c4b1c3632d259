import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/fit.ts';
import type { DailyPost } from '../../src/daily/state.ts';
import { viewOf } from '../../src/daily/view.ts';
import { dailyPostBody } from '../../src/discord/render/daily.ts';
import type { Question } from '../../src/quiz/question.ts';

const choice: Question = {
  itemId: 'item-1',
  type: 'choice',
  prompt: 'What is the minimum storage duration of S3 Glacier Deep Archive?',
  options: ['30 days', '180 days', '90 days', 'None'],
  correct: 1,
  answer: '180 days',
  optionNotes: [
    {
      option: '30 days',
      note: '30 days is what the table gives for S3 Standard-IA — Minimum storage duration.',
    },
    {
      option: '90 days',
      note: '90 days is what the table gives for S3 Glacier Flexible Retrieval — Minimum storage duration.',
    },
    { option: 'None', note: 'None is what the table gives for S3 Standard — Minimum storage duration.' },
  ],
  explanation:
    '**S3 Glacier Deep Archive** — Minimum storage duration: 180 days\n— S3 Storage Classes › Classes compared',
  source: 'S3 Storage Classes › Classes compared',
  seed: 1,
};

function postOf(question: Question, revealed = true): DailyPost {
  return {
    v: 1,
    localDate: '2026-12-06',
    channelId: '200000000000000002',
    messageId: '300000000000000001',
    question,
    topics: ['s3'],
    postedAt: '2026-12-06T08:30:00.000Z',
    answers: 3,
    right: 2,
    firstRight: ['100000000000000002'],
    revealed,
  };
}

function embedOf(post: DailyPost): APIEmbed {
  const embed = dailyPostBody(viewOf(post)).embeds?.[0];
  if (!embed) throw new Error('no embed');
  return embed;
}

const field = (embed: APIEmbed, name: string) => embed.fields?.find((f) => f.name === name)?.value;

describe('the daily reveal', () => {
  it('explains the answer and says what each wrong option really is', () => {
    const embed = embedOf(postOf(choice));
    expect(field(embed, 'Answer')).toBe('180 days');
    expect(field(embed, 'Explanation')).toContain('Minimum storage duration: 180 days');
    const others = field(embed, 'The other options') ?? '';
    expect(others.split('\n')).toEqual([
      '• 30 days is what the table gives for S3 Standard-IA — Minimum storage duration.',
      '• 90 days is what the table gives for S3 Glacier Flexible Retrieval — Minimum storage duration.',
      '• None is what the table gives for S3 Standard — Minimum storage duration.',
    ]);
  });

  it('shows neither the explanation nor option notes before the reveal', () => {
    const view = viewOf(postOf(choice, false));
    expect(view.reveal).toBeUndefined();
    expect(dailyPostBody(view).embeds?.[0]?.fields).toBeUndefined();
  });

  it('leaves out an explanation that only repeats the answer, and option notes a typed question has none of', () => {
    const typed: Question = { ...choice, type: 'typed', explanation: '180 days' };
    delete typed.options;
    delete typed.correct;
    delete typed.optionNotes;
    const embed = embedOf(postOf(typed));
    expect(embed.fields?.map((f) => f.name)).toEqual(['Answer', 'Results', 'First right']);
  });

  it('fits long option notes within Discord limits, saying how many were left out', () => {
    const long = 'A very long note about what this option really is in the notes. '.repeat(3);
    const many: Question = {
      ...choice,
      optionNotes: Array.from({ length: 24 }, (_, i) => ({ option: `Option ${i}`, note: `${i}: ${long}` })),
      explanation: 'Why. '.repeat(900),
    };
    const embed = embedOf(postOf(many));
    const others = field(embed, 'The other options') ?? '';
    expect(others.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
    expect(others).toMatch(/…and \d+ more$/);
    expect(field(embed, 'Explanation')?.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
    const total =
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  });
});
