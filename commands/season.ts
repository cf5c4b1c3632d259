import {
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import { MAX_OPTION_TEXT } from '../src/core/fit.ts';
import type { Command, Context } from '../src/discord/command.ts';
import { seasonHistoryMessage, seasonStatusMessage } from '../src/discord/render/season.ts';
import { replyPrivately, respond } from '../src/discord/reply.ts';
import { MAX_CHAMPIONS, type SeasonConfigInput } from '../src/season/config.ts';
import '../src/season/feature.ts';
import type { SeasonService } from '../src/season/service.ts';

const data = new SlashCommandBuilder()
  .setName('season')
  .setDescription('Seasons: monthly competition with a champion role')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('config')
      .setDescription('Season length, start, champion role and channel (Manage Server)')
      .addStringOption((o) =>
        o
          .setName('length')
          .setDescription('How long a season runs')
          .addChoices(
            { name: 'month', value: 'month' },
            { name: 'week', value: 'week' },
            { name: 'custom (days)', value: 'custom' },
          ),
      )
      .addIntegerOption((o) =>
        o
          .setName('days')
          .setDescription('Days per season, for length custom')
          .setMinValue(2)
          .setMaxValue(366),
      )
      .addStringOption((o) =>
        o
          .setName('start')
          .setDescription('YYYY-MM-DD the new length starts (default: when the current season ends)')
          .setMaxLength(MAX_OPTION_TEXT),
      )
      .addRoleOption((o) => o.setName('champion-role').setDescription('The role the winners get'))
      .addIntegerOption((o) =>
        o
          .setName('top')
          .setDescription('How many from the top get the role (default 1)')
          .setMinValue(1)
          .setMaxValue(MAX_CHAMPIONS),
      )
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('Where results are posted (default: the daily channel)')
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addBooleanOption((o) => o.setName('no-role').setDescription('Stop giving a champion role')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('status')
      .setDescription('The current season, days left, your rank and the gap to the next place'),
  )
  .addSubcommand((sub) => sub.setName('history').setDescription('Past seasons and their winners'));

function serviceOf(ctx: Context): SeasonService {
  if (!ctx.seasons)
    throw new Error('the season feature is not enabled (seasonFeature() missing in startBot)');
  return ctx.seasons;
}

async function config(interaction: ChatInputCommandInteraction, seasons: SeasonService, guildId: string) {
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('You need the Manage Server permission to change the seasons.');
  }
  const { options } = interaction;
  const input: SeasonConfigInput = {};
  const length = options.getString('length');
  const days = options.getInteger('days');
  const start = options.getString('start');
  const role = options.getRole('champion-role');
  const top = options.getInteger('top');
  const channel = options.getChannel('channel');
  if (length !== null) input.length = length;
  if (days !== null) input.days = days;
  if (start !== null) input.start = start;
  if (role) input.championRoleId = role.id;
  if (options.getBoolean('no-role')) {
    if (role) throw new UserError('Choose either champion-role or no-role, not both.');
    input.championRoleId = null;
  }
  if (top !== null) input.top = top;
  if (channel) input.channelId = channel.id;
  const status = await seasons.configure(guildId, input, interaction.user.id);
  const changed = Object.keys(input).length > 0;
  await replyPrivately(interaction, {
    ...seasonStatusMessage(status),
    content: changed ? '✅ Seasons updated.' : 'Nothing changed; the current settings:',
  });
}

export default {
  data,
  guildOnly: true,
  async execute(interaction, ctx) {
    const seasons = serviceOf(ctx);
    const guildId = interaction.guildId;
    if (!guildId) throw new UserError('Seasons work in a server only.');
    switch (interaction.options.getSubcommand()) {
      case 'config':
        return config(interaction, seasons, guildId);
      case 'status':
        return replyPrivately(
          interaction,
          seasonStatusMessage(await seasons.status(guildId, interaction.user.id)),
        );
      case 'history':
        return respond(interaction, seasonHistoryMessage(await seasons.history(guildId)));
      default:
        throw new UserError('Unknown /season subcommand.');
    }
  },
} satisfies Command;
