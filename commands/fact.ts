import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { fitText, LIMITS, MAX_OPTION_TEXT } from '../src/core/fit.ts';
import type { Command } from '../src/discord/command.ts';
import { factMessage, noFactMessage } from '../src/discord/render/fact.ts';
import { replyPrivately, respond, suggest } from '../src/discord/reply.ts';
import { factChoices, factChoiceValue, lookupFact } from '../src/fact/lookup.ts';

/**
 * `/fact`: a found fact is posted publicly, so everyone in a study channel learns from it; "nothing
 * matches" is only for the asker, privately.
 */
export default {
  data: new SlashCommandBuilder()
    .setName('fact')
    .setDescription('Look up a fact or answer in the notes')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('query')
        .setDescription('What to look up, e.g. "region"')
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(MAX_OPTION_TEXT),
    ),
  ack: 'public',

  async execute(interaction, ctx) {
    const query = interaction.options.getString('query', true);
    const lookup = lookupFact(ctx.banks.forGuild(interaction.guildId), query);
    if (!lookup.found) return replyPrivately(interaction, noFactMessage(query, lookup.suggestions));
    await respond(interaction, factMessage(lookup));
  },

  async autocomplete(interaction, ctx) {
    const choices = factChoices(
      ctx.banks.forGuild(interaction.guildId),
      interaction.options.getFocused(),
      LIMITS.autocompleteChoices,
    );
    await suggest(
      interaction,
      choices.map(({ label, item }) => ({
        name: fitText(label, LIMITS.autocompleteName),
        value: factChoiceValue(item),
      })),
    );
  },
} satisfies Command;
