import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../core/errors.ts';
import { fitText, LIMITS, quoteInput } from '../core/fit.ts';
import '../season/feature.ts';
import type { Context } from './command.ts';
import { seasonStandingsMessage } from './render/season.ts';
import { respond } from './reply.ts';

/** `/leaderboard period:season [season:<name>]`: the running season's standings, or a past season's. */
export async function respondSeasonBoard(
  interaction: ChatInputCommandInteraction,
  ctx: Context,
  name: string | null,
): Promise<void> {
  if (!ctx.seasons) throw new UserError('Seasons are not enabled on this bot.');
  const guildId = interaction.guildId ?? '';
  if (!ctx.store.scores.isLoaded(guildId)) await interaction.deferReply();
  const view = await ctx.seasons.standings(guildId, interaction.user.id, name ?? undefined);
  if (!view) {
    const known = (await ctx.seasons.seasonNames(guildId)).slice(0, 5);
    throw new UserError(
      `There is no season called ${quoteInput(name ?? '')}.${known.length ? ` Try: ${known.join(', ')}.` : ''}`,
    );
  }
  await respond(interaction, seasonStandingsMessage(view, interaction.user.id));
}

/** Autocomplete for the `season` option: the running season and past ones, newest first. */
export async function seasonNameChoices(interaction: AutocompleteInteraction, ctx: Context): Promise<void> {
  const typed = String(interaction.options.getFocused()).trim().toLowerCase();
  const names = ctx.seasons && interaction.guildId ? await ctx.seasons.seasonNames(interaction.guildId) : [];
  const choices = names
    .filter((n) => n.toLowerCase().includes(typed))
    .slice(0, LIMITS.autocompleteChoices)
    .map((n) => ({ name: fitText(n, LIMITS.autocompleteName), value: fitText(n, 100) }));
  await interaction.respond(choices);
}
