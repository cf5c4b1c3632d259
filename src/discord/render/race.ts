import { ActionRowBuilder, type APIEmbed, ButtonBuilder, ButtonStyle } from 'discord.js';
import { fitEmbed, fitText, LIMITS } from '../../core/fit.ts';
import { currentQuestion, type RaceState, rankStandings } from '../../race/race.ts';
import type { RoundResult } from '../../race/round.ts';
import { encodeCustomId } from '../customId.ts';
import type { Message } from '../reply.ts';
import { buttonRow } from './buttons.ts';
import { flagButton } from './flags.ts';
import { fitLines, highlightsToBold, mention, plain, plural } from './text.ts';

/** The custom_id prefix of race buttons: `v1:race:<raceId>:a:<round>:<choice>` and `v1:race:<raceId>:stop`. */
export const RACE_HANDLER = 'race';

export const raceAnswerId = (raceId: string, round: number, choice: number) =>
  encodeCustomId(RACE_HANDLER, [raceId, 'a', String(round), String(choice)]);
export const raceStopId = (raceId: string) => encodeCustomId(RACE_HANDLER, [raceId, 'stop']);

const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const RACE_COLOR = 0xf0a020;
const STANDINGS_SHOWN = 10;

/** "Race · Question 2 of 5". */
function roundTitle(state: RaceState): string {
  return `🏁 Race · Question ${state.round.index + 1} of ${state.questions.length}`;
}

/** A Discord timestamp that counts down live in every client, so the post needs no per-second edits. */
function relativeTime(epochMs: number): string {
  return `<t:${Math.ceil(epochMs / 1000)}:R>`;
}

function optionLabel(index: number, option: string): string {
  return fitText(`${LETTERS[index] ?? index + 1}. ${option}`, LIMITS.buttonLabel);
}

/** The open round: question, one button per option, a Stop button, and when answers close. */
export function raceRoundMessage(state: RaceState): Message {
  const question = currentQuestion(state);
  const answered = state.round.answers.length;
  const description = [
    highlightsToBold(plain(question.prompt)),
    '',
    `⏱ Answers close ${relativeTime(state.round.closesAt)} · ${plural(answered, 'answer')} so far`,
    'Everyone answers once; your choice stays private until the reveal.',
  ].join('\n');
  const embed: APIEmbed = {
    title: roundTitle(state),
    description: fitText(description, LIMITS.embedDescription),
    color: RACE_COLOR,
    footer: { text: fitText(raceFooter(state), LIMITS.embedFooter) },
  };
  const options = new ActionRowBuilder<ButtonBuilder>().addComponents(
    question.options.map((option, index) =>
      new ButtonBuilder()
        .setCustomId(raceAnswerId(state.id, state.round.index, index))
        .setLabel(optionLabel(index, option))
        .setStyle(ButtonStyle.Primary),
    ),
  );
  const stop = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(raceStopId(state.id)).setLabel('Stop race').setStyle(ButtonStyle.Danger),
  );
  return { embeds: [fitEmbed(embed)], components: [options.toJSON(), stop.toJSON()] };
}

/** The closed round: the answer, who was right (with points), the fastest, disabled buttons and "Flag". */
export function raceRevealMessage(
  state: RaceState,
  result: RoundResult,
  awarded: ReadonlyMap<string, number>,
): Message {
  const question = currentQuestion(state);
  const wrong = result.answers.length - result.right.length;
  const rightLines = result.right.map((a) => {
    const points = awarded.get(a.userId);
    const shown =
      points === undefined ? 'not recorded' : points > 0 ? `+${points}` : '+0, scored in the last 24 h';
    return `${a.rank}. ${mention(a.userId)} · ${seconds(a.ms)} (${shown})`;
  });
  const lines = [
    highlightsToBold(plain(question.prompt)),
    '',
    `✅ **${plain(question.options[question.correct] ?? question.answer)}**`,
    '',
    result.fastest
      ? `⚡ Fastest: ${mention(result.fastest.userId)} in ${seconds(result.fastest.ms)}`
      : result.answers.length === 0
        ? 'Nobody answered.'
        : 'Nobody got it right.',
  ];
  if (rightLines.length > 0) lines.push('', `**Right (${rightLines.length}):**`);
  const head = lines.join('\n');
  const tail = wrong > 0 ? `\n${plural(wrong, 'wrong answer')}.` : '';
  const room = LIMITS.embedDescription - head.length - tail.length - 1;
  const description =
    rightLines.length > 0 ? `${head}\n${fitLines(rightLines, room)}${tail}` : `${head}${tail}`;
  const explanation = highlightsToBold(question.explanation).trim();
  const embed: APIEmbed = {
    title: `${roundTitle(state)} · revealed`,
    description: fitText(description, LIMITS.embedDescription),
    color: RACE_COLOR,
    footer: { text: fitText(`Source: ${question.source}`, LIMITS.embedFooter) },
  };
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (explanation && explanation !== question.answer) {
    fields.push({ name: 'Explanation', value: fitText(explanation, LIMITS.embedFieldValue) });
  }
  const notes = (question.optionNotes ?? []).map((entry) => `• ${plain(entry.note)}`);
  if (notes.length > 0)
    fields.push({ name: 'The other options', value: fitLines(notes, LIMITS.embedFieldValue) });
  if (fields.length > 0) embed.fields = fields;
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    question.options.map((option, index) =>
      new ButtonBuilder()
        .setCustomId(raceAnswerId(state.id, state.round.index, index))
        .setLabel(optionLabel(index, option))
        .setStyle(index === question.correct ? ButtonStyle.Success : ButtonStyle.Secondary)
        .setDisabled(true),
    ),
  );
  return {
    embeds: [fitEmbed(embed)],
    components: [buttons.toJSON(), buttonRow([flagButton(question.itemId)])],
  };
}

/** The final standings, with how the race ended. */
export function raceStandingsMessage(state: RaceState): Message {
  const ranked = rankStandings(state);
  const played = state.round.index + 1;
  const headline =
    state.status === 'stopped'
      ? `Stopped by ${mention(state.stoppedBy ?? state.starterId)} after ${played} of ${state.questions.length} questions.`
      : state.status === 'interrupted'
        ? `Ended early after ${played} of ${state.questions.length} questions: the bot restarted.`
        : `${plural(state.questions.length, 'question')} played.`;
  const medals = ['🥇', '🥈', '🥉'];
  const lines = ranked
    .slice(0, STANDINGS_SHOWN)
    .map(
      (s, i) =>
        `${medals[i] ?? `${i + 1}.`} ${mention(s.userId)} · **${plural(s.points, 'point')}** · ${s.correct}/${s.answered} right`,
    );
  const body = lines.length > 0 ? lines.join('\n') : 'Nobody answered.';
  const more = ranked.length > STANDINGS_SHOWN ? `\n…and ${ranked.length - STANDINGS_SHOWN} more` : '';
  return {
    embeds: [
      fitEmbed({
        title: state.status === 'finished' ? '🏆 Race over: final standings' : '🏁 Race ended: standings',
        description: fitText(`${headline}\n\n${body}${more}`, LIMITS.embedDescription),
        color: RACE_COLOR,
        footer: { text: 'Points count towards /leaderboard.' },
      }),
    ],
  };
}

/** The public reply to `/quiz mode:race`: what is about to happen. */
export function raceStartMessage(state: RaceState): Message {
  const topic = state.topic ? ` on **${plain(state.topic)}**` : '';
  return {
    content: fitText(
      `🏁 ${mention(state.starterId)} started a race${topic}: ${plural(state.questions.length, 'question')}, ` +
        `${Math.round(state.timing.roundMs / 1000)} s each. Click your answer; right answers score 10, ` +
        'the first five right get +5 to +1 for speed.',
      LIMITS.messageContent,
    ),
  };
}

function raceFooter(state: RaceState): string {
  return state.topic ? `Topic: ${state.topic}` : 'All topics';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
