import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { fitEmbed, fitText } from '../../core/fit.ts';
import type { SeasonStatus } from '../../season/service.ts';
import type { SeasonPostView } from '../../season/view.ts';
import type { SeasonResult, SeasonStanding } from '../../store/seasons.ts';
import type { Message } from '../reply.ts';
import { HOW_TO_EARN } from './leaderboard.ts';
import { mention, percent, plural } from './text.ts';

const COLOR = 0xf1c40f;
/** Discord's limit on an attachment's description (its alt text). */
const ALT_TEXT_LIMIT = 1024;
const WARN_COLOR = 0xe67e22;
const MEDALS = ['🥇', '🥈', '🥉'];

const place = (rank: number) => MEDALS[rank - 1] ?? `**${rank}.**`;
const roleMention = (roleId: string) => `<@&${roleId}>`;

/** One line of final standings: place, member, points, accuracy, streak; members who left say so. */
function standingLine(
  s: Pick<SeasonStanding, 'rank' | 'userId' | 'points' | 'accuracy'> & Partial<SeasonStanding>,
) {
  const streak = s.streak ? ` · 🔥 ${plural(s.streak, 'day')} streak` : '';
  const left = s.left ? ' · _left the server_' : '';
  return `${place(s.rank)} ${mention(s.userId)} — ${plural(s.points, 'point')} · ${percent(s.accuracy)} right${streak}${left}`;
}

/**
 * The end-of-season post as a REST message body: podium, thanks, champion role (or why not), new season.
 * With `picture`, the embed shows the podium card uploaded with it as `file` (`alt` its alt text); the
 * text stays, for notifications, screen readers and a client that shows no image.
 */
export function seasonPostBody(
  view: SeasonPostView,
  picture?: { file: string; alt: string },
): Omit<RESTPostAPIChannelMessageJSONBody, 'allowed_mentions'> {
  const lines = view.podium.map(standingLine);
  const parts = [lines.join('\n'), `Thank you to all ${plural(view.participants, 'member')} who took part!`];
  if (view.championRoleId && view.champions.length > 0) {
    const who = view.champions.map(mention).join(', ');
    parts.push(
      `👑 ${who} ${view.champions.length === 1 ? 'is' : 'are'} now ${roleMention(view.championRoleId)}.`,
    );
  }
  if (view.roleProblem) parts.push(`⚠️ The champion role was not given: ${view.roleProblem}`);
  if (view.next) {
    parts.push(
      `A new season, **${view.next.name}**, starts now: ${plural(view.next.days, 'day')} to climb the board. Good luck!`,
    );
  }
  const embed: APIEmbed = {
    title: `🏆 ${view.season.name} — final standings`,
    description: parts.join('\n\n'),
    color: view.roleProblem ? WARN_COLOR : COLOR,
    footer: { text: 'Ties go to the better accuracy, then to who got there first.' },
    ...(picture ? { image: { url: `attachment://${picture.file}` } } : {}),
  };
  if (!picture) return { embeds: [fitEmbed(embed)] };
  return {
    embeds: [fitEmbed(embed)],
    attachments: [{ id: 0, filename: picture.file, description: fitText(picture.alt, ALT_TEXT_LIMIT) }],
  };
}

/** `/season status`: the season, days left, the caller's place and gap, configuration and problems. */
export function seasonStatusMessage(status: SeasonStatus): Message {
  const lines: string[] = [];
  if (!status.season) lines.push('No season is running.');
  else {
    lines.push(`**${status.season.name}** — ${plural(status.daysLeft, 'day')} left.`);
    if (!status.me) lines.push(`You have no points this season yet. ${HOW_TO_EARN}`);
    else {
      lines.push(
        `You: **#${status.me.rank}** of ${status.ranked} with ${plural(status.me.points, 'point')} (${percent(status.me.accuracy ?? 0)} right).`,
      );
      if (status.ahead) {
        lines.push(
          status.ahead.gap > 0
            ? `${plural(status.ahead.gap, 'point')} behind #${status.ahead.entry.rank} ${mention(status.ahead.entry.userId)}.`
            : `Level on points with #${status.ahead.entry.rank} ${mention(status.ahead.entry.userId)}, who is ahead on accuracy or got there first.`,
        );
      } else if (status.me.rank === 1) lines.push('You lead the season!');
    }
  }
  const { config } = status;
  const schedule = config.timeline.next && !status.upcoming ? config.timeline.next : config.timeline.schedule;
  const settings = [`Seasons: ${lengthText(schedule)}.`];
  if (status.upcoming) settings.push(`From ${status.upcoming.anchor}: ${lengthText(status.upcoming)}.`);
  settings.push(
    config.championRoleId
      ? `Champion role: ${roleMention(config.championRoleId)} for the top ${config.top}.`
      : 'Champion role: none (`/season config champion-role`).',
  );
  settings.push(
    status.channel
      ? `Results are posted in <#${status.channel.id}>${status.channel.from === 'daily' ? ' (the daily channel)' : ''}.`
      : 'Results are not posted: set `/season config channel` or `/daily set`.',
  );
  if (status.last) settings.push(`Last season: ${status.last.name}${winnerText(status.last)}.`);
  const fields = [{ name: 'Settings', value: settings.join('\n') }];
  const problems = [status.roleProblem, status.lastProblem].filter((p): p is string => Boolean(p));
  if (problems.length > 0)
    fields.push({ name: '⚠️ Needs attention', value: [...new Set(problems)].join('\n') });
  const embed: APIEmbed = {
    title: 'Season',
    description: lines.join('\n'),
    color: problems.length > 0 ? WARN_COLOR : COLOR,
    fields,
  };
  return { embeds: [fitEmbed(embed)] };
}

/** `/season history`: finished seasons, newest first, with their winner. */
export function seasonHistoryMessage(results: readonly SeasonResult[]): Message {
  const lines = results
    .slice(0, 20)
    .map((r) => `**${r.name}**${winnerText(r)} · ${plural(r.ranked, 'member')} took part`);
  const embed: APIEmbed = {
    title: 'Past seasons',
    description: lines.length > 0 ? lines.join('\n') : 'No season has ended yet.',
    color: COLOR,
    ...(results.length > 20 ? { footer: { text: `…and ${results.length - 20} older` } } : {}),
  };
  return { embeds: [fitEmbed(embed)] };
}

function winnerText(result: SeasonResult): string {
  const winner = result.top[0];
  return winner
    ? ` — won by ${mention(winner.userId)} with ${plural(winner.points, 'point')}`
    : ' — nobody scored';
}

function lengthText(schedule: { length: string; days?: number }): string {
  if (schedule.length === 'month') return 'monthly';
  if (schedule.length === 'week') return 'weekly';
  return `every ${plural(schedule.days ?? 0, 'day')}`;
}
