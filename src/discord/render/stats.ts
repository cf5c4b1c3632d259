import type { APIEmbed, APIEmbedField } from 'discord.js';
import { fitEmbed, LIMITS } from '../../core/fit.ts';
import type { MemberStats } from '../../scoring/member.ts';
import type { Message } from '../reply.ts';
import { fitLines, mention, percent, plain, plural } from './text.ts';

const COLOR = 0x57f287;
/** A topic needs this many answers before it can be called weak: one wrong answer says little. */
const WEAK_MIN_ANSWERS = 2;
const WEAKEST = 3;

/**
 * A member's stats: points by period, answers, accuracy, streak, accuracy per topic, weakest topics,
 * then `extraFields` (the review progress).
 */
export function statsMessage(stats: MemberStats, extraFields: readonly APIEmbedField[] = []): Message {
  const topicLines = [...stats.topics]
    .sort((a, b) => b.answers - a.answers || a.topic.localeCompare(b.topic))
    .map((t) => `${plain(t.topic)}: ${percent(t.accuracy)} (${t.correct}/${t.answers})`);
  const weakest = stats.topics
    .filter((t) => t.answers >= WEAK_MIN_ANSWERS && t.accuracy < 1)
    .slice(0, WEAKEST)
    .map((t) => `${plain(t.topic)} — ${percent(t.accuracy)}`);
  const fields: NonNullable<APIEmbed['fields']> = [
    {
      name: 'Points',
      value: `${stats.points} (week ${stats.weekPoints}, month ${stats.monthPoints})`,
      inline: true,
    },
    { name: 'Answers', value: `${stats.answers} (${stats.correct} right)`, inline: true },
    { name: 'Accuracy', value: percent(stats.accuracy), inline: true },
    {
      name: 'Daily streak',
      value: `${plural(stats.streak, 'day')} (best ${stats.bestStreak})`,
      inline: true,
    },
  ];
  if (topicLines.length > 0) {
    fields.push({ name: 'Accuracy per topic', value: fitLines(topicLines, LIMITS.embedFieldValue) });
  }
  fields.push({
    name: 'Weakest topics',
    value: weakest.length > 0 ? weakest.join('\n') : 'None yet — keep answering.',
  });
  fields.push(...extraFields);
  const embed: APIEmbed = {
    title: 'Stats',
    description: `Stats of ${mention(stats.userId)}`,
    color: COLOR,
    fields,
  };
  return { embeds: [fitEmbed(embed)] };
}

/** For a member without any answer in this server. */
export function noStatsMessage(userId: string, self: boolean): Message {
  return {
    content: self
      ? 'You have not answered any question in this server yet. Start with `/quiz`.'
      : `${mention(userId)} has not answered any question in this server yet.`,
  };
}
