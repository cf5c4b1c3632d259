import {
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  type PermissionsBitField,
  SlashCommandBuilder,
} from 'discord.js';
import type { Bank } from '../src/bank/index.ts';
import { settleWithin } from '../src/core/deadline.ts';
import { UserError } from '../src/core/errors.ts';
import { fitText, LIMITS, MAX_OPTION_TEXT } from '../src/core/fit.ts';
import type { DailyService } from '../src/daily/service.ts';
import type { Command, Context } from '../src/discord/command.ts';
import {
  DAILY_ANSWER_INPUT,
  dailyAnswerMessage,
  dailyAnswerModal,
  dailyStatusMessage,
} from '../src/discord/render/daily.ts';
import { deferPrivately, replyPrivately, respond, showModal, suggest } from '../src/discord/reply.ts';
import '../src/daily/feature.ts';
import { resolveTopic, topicChoiceValue } from '../src/quiz/topic-choice.ts';

/** How long the "Answer" button may look the post up before its form opens anyway. */
const MODAL_LOOKUP_MS = 300;
/** Time zones offered first by autocomplete; any IANA name is accepted. */
const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Kyiv',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/Toronto',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Manila',
  'Asia/Ho_Chi_Minh',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Africa/Lagos',
  'Africa/Cairo',
];
const ALL_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');
/** What the bot needs in the daily channel to post the question embed. */
export const NEEDED = [
  ['View Channel', PermissionFlagsBits.ViewChannel],
  ['Send Messages', PermissionFlagsBits.SendMessages],
  ['Embed Links', PermissionFlagsBits.EmbedLinks],
] as const;

const data = new SlashCommandBuilder()
  .setName('daily')
  .setDescription('The daily question: when and where it is posted')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('set')
      .setDescription('Post a daily question in a channel at a local time')
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Where to post')
          .setRequired(true)
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) =>
        o
          .setName('time')
          .setDescription('Local time, 24-hour HH:MM (e.g. 08:30)')
          .setRequired(true)
          .setMaxLength(MAX_OPTION_TEXT),
      )
      .addStringOption((o) =>
        o
          .setName('timezone')
          .setDescription('IANA time zone, e.g. Europe/London')
          .setRequired(true)
          .setAutocomplete(true)
          .setMaxLength(MAX_OPTION_TEXT),
      )
      .addStringOption((o) =>
        o
          .setName('topic')
          .setDescription('Only questions of this tag or note')
          .setAutocomplete(true)
          .setMaxLength(MAX_OPTION_TEXT),
      ),
  )
  .addSubcommand((sub) => sub.setName('off').setDescription('Stop posting the daily question'))
  .addSubcommand((sub) => sub.setName('status').setDescription('Settings, next post and any problem'))
  .addSubcommand((sub) =>
    sub.setName('now').setDescription("Post today's question now and reveal the previous one"),
  );

function serviceOf(ctx: Context): DailyService {
  if (!ctx.daily) throw new Error('the daily feature is not enabled (dailyFeature() missing in startBot)');
  return ctx.daily;
}

/** What stops the bot from posting in `channelId`, per the channel's permissions for the bot. */
function channelProblem(interaction: ChatInputCommandInteraction, channelId: string): string | undefined {
  let permissions: Readonly<PermissionsBitField> | null = null;
  // The interaction carries the bot's exact permissions for its own channel; elsewhere, the cache's.
  if (interaction.channelId === channelId) permissions = interaction.appPermissions;
  else {
    const channel = interaction.guild?.channels.cache.get(channelId);
    const me = interaction.guild?.members.me;
    if (channel && me) permissions = channel.permissionsFor(me);
  }
  if (!permissions) return undefined; // cannot tell: a failed post will say so in /daily status
  const missing = NEEDED.filter(([, bit]) => !permissions.has(bit)).map(([name]) => name);
  if (missing.length === 0) return undefined;
  return `I cannot post in <#${channelId}>: I am missing ${missing.join(', ')} there. Give me these permissions in that channel or choose another one.`;
}

async function set(
  interaction: ChatInputCommandInteraction,
  daily: DailyService,
  guildId: string,
  bank: Bank,
) {
  const channel = interaction.options.getChannel('channel', true);
  const topic = resolveTopic(bank, interaction.options.getString('topic')) ?? undefined;
  const prepared = daily.prepare(
    {
      channelId: channel.id,
      time: interaction.options.getString('time', true),
      timeZone: interaction.options.getString('timezone', true).trim(),
      ...(topic ? { topic } : {}),
    },
    guildId,
  );
  const problems = [...prepared.problems];
  const access = channelProblem(interaction, channel.id);
  if (access) problems.push(access);
  if (problems.length > 0 || !('settings' in prepared)) throw new UserError(problems.join('\n'));
  const status = await daily.configure(guildId, prepared.settings);
  const message = dailyStatusMessage(status);
  await respond(interaction, { ...message, content: '✅ Daily question set.' }, { private: true });
}

async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
  const daily = serviceOf(ctx);
  const guildId = interaction.guildId;
  if (!guildId) throw new UserError('The daily question works in a server only.');
  // Checked here rather than with `adminOnly`, which would also lock members out of the answer buttons.
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('You need the Manage Server permission to use /daily.');
  }
  switch (interaction.options.getSubcommand()) {
    case 'set':
      return set(interaction, daily, guildId, ctx.banks.forGuild(guildId));
    case 'off': {
      const wasSet = await daily.turnOff(guildId);
      return replyPrivately(
        interaction,
        wasSet
          ? 'The daily question is off. `/daily set` turns it on again.'
          : 'The daily question was not set up.',
      );
    }
    case 'status':
      return replyPrivately(interaction, dailyStatusMessage(await daily.status(guildId)));
    case 'now': {
      await deferPrivately(interaction);
      const result = await daily.postNow(guildId);
      if (result.kind === 'posted')
        return replyPrivately(interaction, `Posted today's question (${result.localDate}).`);
      throw new UserError(`Nothing was posted: ${result.reason}`);
    }
    default:
      throw new UserError('Unknown /daily subcommand.');
  }
}

export default {
  data,
  execute,
  guildOnly: true,
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const typed = String(focused.value).trim().toLowerCase();
    let choices: { name: string; value: string }[];
    if (focused.name === 'timezone') {
      const pool = typed ? [...COMMON_ZONES, ...ALL_ZONES] : COMMON_ZONES;
      choices = [...new Set(pool)]
        .filter((zone) => zone.toLowerCase().includes(typed))
        .map((zone) => ({ name: zone, value: zone }));
    } else {
      // Values stay resolvable: a name over 100 characters travels as a handle (see resolveTopic).
      choices = ctx.banks
        .forGuild(interaction.guildId)
        .topics()
        .filter((t) => t.name.toLowerCase().includes(typed))
        .map((t) => ({ name: fitText(t.name, LIMITS.autocompleteName), value: topicChoiceValue(t) }));
    }
    const unique = [...new Map(choices.map((c) => [c.value, c])).values()];
    await suggest(interaction, unique.slice(0, LIMITS.autocompleteChoices));
  },
  components: {
    daily: {
      opensModal: ([, choice]) => choice === 'type',
      // Every member may answer: that is why the command is not `adminOnly` (see execute).
      async button(interaction, [localDate, choice], ctx) {
        const daily = serviceOf(ctx);
        const guildId = interaction.guildId;
        if (!guildId || !localDate) throw new UserError('This button has expired.');
        if (choice === 'type') {
          // The form must be the first answer within 3 s: a slow store only costs it the prompt as its
          // label and the early "already answered" (the submitted answer is checked again).
          const lookup = settleWithin(
            daily
              .checkCanAnswer(guildId, localDate, interaction.user.id)
              .then(() => daily.deps.state.getPost(guildId, localDate)),
            MODAL_LOOKUP_MS,
          );
          const post = await lookup;
          if (post.kind === 'error' && post.error instanceof UserError) throw post.error;
          const prompt = post.kind === 'value' ? post.value?.question.prompt : undefined;
          await showModal(interaction, dailyAnswerModal(localDate, prompt ?? 'Your answer'));
          return;
        }
        await deferPrivately(interaction);
        const result = await daily.answer({
          guildId,
          userId: interaction.user.id,
          localDate,
          response: { choice: Number(choice) },
        });
        await replyPrivately(interaction, dailyAnswerMessage(result));
      },
      async modal(interaction, [localDate], ctx) {
        const daily = serviceOf(ctx);
        const guildId = interaction.guildId;
        if (!guildId || !localDate) throw new UserError('This form has expired. Please start again.');
        await deferPrivately(interaction);
        const result = await daily.answer({
          guildId,
          userId: interaction.user.id,
          localDate,
          response: { text: interaction.fields.getTextInputValue(DAILY_ANSWER_INPUT) },
        });
        await replyPrivately(interaction, dailyAnswerMessage(result));
      },
    },
  },
} satisfies Command;
