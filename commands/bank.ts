import {
  type APIEmbed,
  type ChatInputCommandInteraction,
  escapeMarkdown,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { Bank, ReloadReport } from '../src/bank/index.ts';
import type { Diagnostic, ItemKind } from '../src/bank/types.ts';
import { UserError } from '../src/core/errors.ts';
import { fitEmbed, fitText, LIMITS, MAX_OPTION_TEXT } from '../src/core/fit.ts';
import { handleOf, isHandle, valueOrHandle } from '../src/core/handle.ts';
import type { Command, Context } from '../src/discord/command.ts';
import { moderatorFlagHandlers, showFlags } from '../src/discord/flags.ts';
import { FLAGS_HANDLER } from '../src/discord/render/flags.ts';
import { fitLines, plural, pluralWord } from '../src/discord/render/text.ts';
import { deferPrivately, replyPrivately, suggest, updateMessage } from '../src/discord/reply.ts';
import { formatBytes } from '../src/notes/download.ts';
import { type NotePage, notePage, pageHandle } from '../src/notes/preview.ts';
import { countKinds, type OwnNote, type UploadOutcome } from '../src/notes/service.ts';
import { broadcastReload } from '../src/shard/reload.ts';

const KINDS: ItemKind[] = ['qa', 'cloze', 'fact', 'sequence', 'choice'];
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const SEVERITY_MARK = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;
/** Discord's embed description limit; the diagnostics list must fit in it with its "and N more". */
const DESCRIPTION_MAX = 4096;
const FIELD_MAX = 1024;
const LINE_MAX = 300;

/** The `/bank stats` embed: notes, items by kind, and the first diagnostics that fit, with a count of the rest. */
export function bankStatsEmbed(bank: Pick<Bank, 'items' | 'notes' | 'diagnostics'>): APIEmbed {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<ItemKind, number>;
  for (const item of bank.items) byKind[item.kind] += 1;
  const errors = bank.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = bank.diagnostics.filter((d) => d.severity === 'warning').length;

  const summary = [
    `**${bank.notes.length}** ${pluralWord(bank.notes.length, 'note')}, **${bank.items.length}** ${pluralWord(bank.items.length, 'item')}`,
    KINDS.map((k) => `${k} ${byKind[k]}`).join(' · '),
    bank.diagnostics.length === 0
      ? 'No problems found in the notes.'
      : `**${errors}** ${pluralWord(errors, 'error')}, **${warnings}** ${pluralWord(warnings, 'warning')} in the notes:`,
  ].join('\n');
  const description = fitLines(
    [summary, ...[...bank.diagnostics].sort(bySeverityThenPlace).map(diagnosticLine)],
    DESCRIPTION_MAX,
  );

  const embed: APIEmbed = { title: 'Question bank', description };
  if (bank.notes.length > 0) {
    const noteLines = [...bank.notes]
      .sort((a, b) => b.items - a.items)
      .map((n) => `${escapeMarkdown(n.title)} (\`${n.path}\`): ${plural(n.items, 'item')}`);
    embed.fields = [{ name: 'Notes', value: fitLines(noteLines, FIELD_MAX) }];
  }
  return fitEmbed(embed);
}

/** `head` then as many lines as fit in `max` characters, ending with "…and N more" when some do not. */
/** The private answer to `/bank add`: what the note holds, every diagnostic with its line, and whether it was saved. */
export function uploadEmbed(outcome: UploadOutcome): APIEmbed {
  const { name, counts, diagnostics, replaces } = outcome;
  const total = outcome.parsed.items.length;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const head = [
    `**${total}** ${pluralWord(total, 'item')}: ${KINDS.map((k) => `${k} ${counts[k]}`).join(' · ')}`,
    outcome.saved
      ? replaces
        ? `Replaced the earlier \`${name.key}\` (${plural(replaces.parsed.items.length, 'item')}).`
        : 'Saved as a new note of this server.'
      : `Not saved: ${plural(errors, 'error')}. Fix ${errors === 1 ? 'it' : 'them'} and upload again, or add it with \`force:true\` to keep what could be read.${replaces ? ` The earlier \`${name.key}\` stays as it is.` : ''}`,
    outcome.forced ? `Saved with ${plural(errors, 'error')} (force).` : '',
    diagnostics.length > 0 ? '**Problems:**' : 'No problems found.',
  ]
    .filter(Boolean)
    .join('\n');
  const lines = diagnostics.map((d) => diagnosticLine({ ...d, file: name.path }));
  const title = `${outcome.saved ? '✅ Added' : '❌ Refused'} ${name.path}`;
  return fitEmbed({ title, description: fitLines([head, ...lines], DESCRIPTION_MAX) });
}

/** The `/bank list` embed: the server's own notes with their items and size. */
export function ownNotesEmbed(notes: readonly OwnNote[], maxNotes: number): APIEmbed {
  if (notes.length === 0) {
    return {
      title: 'Notes of this server',
      description: 'This server has no notes of its own yet. Add one with `/bank add file:<note.md>`.',
    };
  }
  const lines = notes.map((note) => {
    const errors = note.parsed.diagnostics.filter((d) => d.severity === 'error').length;
    const kinds = countKinds(note.parsed);
    const detail = KINDS.filter((k) => kinds[k] > 0)
      .map((k) => `${k} ${kinds[k]}`)
      .join(' · ');
    return `\`${note.meta.key}\` — ${plural(note.parsed.items.length, 'item')}${detail ? ` (${detail})` : ''}, ${formatBytes(note.meta.size)}${errors > 0 ? `, ❌ ${plural(errors, 'error')}` : ''}`;
  });
  return fitEmbed({
    title: 'Notes of this server',
    description: fitLines([`**${notes.length}** of at most ${maxNotes} notes:`, ...lines], DESCRIPTION_MAX),
  });
}

/** What `/bank reload` did, in one line per kind of change. */
export function reloadSummary(report: ReloadReport, bank: Bank): string {
  const list = (paths: string[]) =>
    paths.length === 0 ? 'none' : fitText(paths.map((p) => `\`${p}\``).join(', '), 500);
  return [
    `Reloaded the shared notes: **${bank.notes.length}** ${pluralWord(bank.notes.length, 'note')}, **${bank.items.length}** ${pluralWord(bank.items.length, 'item')}.`,
    `Changed or new: ${list(report.parsed)}`,
    `Removed: ${list(report.removed)}`,
    `Unchanged: ${report.unchanged}`,
    report.keptLastGood.length > 0
      ? `⚠️ Serving the last good version of ${list(report.keptLastGood)} until ${report.keptLastGood.length === 1 ? 'its errors are' : 'their errors are'} fixed (see /bank stats).`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function diagnosticLine(d: Diagnostic): string {
  const message = d.message.length > LINE_MAX ? `${d.message.slice(0, LINE_MAX - 1)}…` : d.message;
  return `${SEVERITY_MARK[d.severity]} \`${d.file}:${d.line}\` ${escapeMarkdown(message)}`;
}

function bySeverityThenPlace(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line
  );
}

const SHOW_HANDLER = 'bank-show';

function guildOf(interaction: { guildId: string | null }): string {
  if (!interaction.guildId) throw new UserError('Sorry, /bank only works in a server.');
  return interaction.guildId;
}

/** The note named by the `note` option: a handle from autocomplete (for a name over 100 characters) or a name. */
function noteInput(ctx: Context, guildId: string, interaction: ChatInputCommandInteraction): string {
  const input = interaction.options.getString('note', true).trim();
  if (!isHandle(input)) return input;
  return ctx.notes.list(guildId).find((note) => handleOf(note.meta.key) === input)?.meta.key ?? input;
}

function pageMessage(page: NotePage) {
  return { embeds: [page.embed], components: page.components };
}

async function add(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
  const guildId = guildOf(interaction);
  const file = interaction.options.getAttachment('file', true);
  await deferPrivately(interaction);
  const outcome = await ctx.notes.add(
    guildId,
    { name: file.name, url: file.url, size: file.size, contentType: file.contentType },
    {
      folder: interaction.options.getString('folder'),
      force: interaction.options.getBoolean('force') ?? false,
      userId: interaction.user.id,
    },
  );
  if (outcome.saved) {
    ctx.log.info(
      { guildId, note: outcome.name.path, items: outcome.parsed.items.length, forced: outcome.forced },
      'own note added',
    );
  }
  await replyPrivately(interaction, { embeds: [uploadEmbed(outcome)] });
}

async function reload(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
  await deferPrivately(interaction);
  const report = await ctx.bank.reload();
  // Other shard processes read the same folder; ask them to reload as well.
  if (ctx.config.shards) {
    await broadcastReload(ctx.store.kv, { reason: `bank reload by ${interaction.user.id}` });
  }
  ctx.log.info(
    { parsed: report.parsed.length, removed: report.removed.length, by: interaction.user.id },
    'shared notes reloaded on request',
  );
  await replyPrivately(interaction, reloadSummary(report, ctx.bank.current));
}

export default {
  data: new SlashCommandBuilder()
    .setName('bank')
    .setDescription("The question bank: summary, problems, and this server's own notes")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub.setName('stats').setDescription('Notes, items by kind, and problems found in the notes'),
    )
    .addSubcommand((sub) =>
      sub.setName('reload').setDescription('Read the shared notes folder again and say what changed'),
    )
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Add (or replace) a note or a deck (Anki, CSV, TSV) of this server')
        .addAttachmentOption((o) =>
          o
            .setName('file')
            .setDescription('One .md note, or a deck: .apkg, .colpkg, .csv, .tsv; up to 1 MB')
            .setRequired(true),
        )
        .addStringOption((o) =>
          o.setName('folder').setDescription('Folder for the note, e.g. aws/networking').setMaxLength(60),
        )
        .addBooleanOption((o) =>
          o.setName('force').setDescription('Save even when the note has errors (keeps what could be read)'),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('flags')
        .setDescription('Questions members flagged or mostly get wrong: dismiss, mute or unmute them')
        .addStringOption((o) =>
          o
            .setName('show')
            .setDescription('Which list (default: the open flags)')
            .addChoices({ name: 'open flags', value: 'open' }, { name: 'muted questions', value: 'muted' }),
        ),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription("This server's own notes with their items"))
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Remove a note of this server')
        .addStringOption((o) =>
          o
            .setName('note')
            .setDescription('The note')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(MAX_OPTION_TEXT),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('show')
        .setDescription('Preview the questions of a note of this server')
        .addStringOption((o) =>
          o
            .setName('note')
            .setDescription('The note')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(MAX_OPTION_TEXT),
        ),
    ),
  adminOnly: true,
  guildOnly: true,
  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand();
    const guildId = guildOf(interaction);
    switch (sub) {
      case 'stats': {
        const embed = bankStatsEmbed(ctx.banks.forGuild(guildId));
        const own = ctx.notes.list(guildId).length;
        embed.footer = {
          text: `${ctx.bank.current.notes.length} shared ${pluralWord(ctx.bank.current.notes.length, 'note')} · ${own} of this server (/bank list)`,
        };
        await replyPrivately(interaction, { embeds: [embed] });
        return;
      }
      case 'reload':
        return reload(interaction, ctx);
      case 'add':
        return add(interaction, ctx);
      case 'flags':
        return showFlags(interaction, ctx);
      case 'list':
        await replyPrivately(interaction, {
          embeds: [ownNotesEmbed(ctx.notes.list(guildId), ctx.notes.limits.maxNotes)],
        });
        return;
      case 'remove': {
        const gone = await ctx.notes.remove(guildId, noteInput(ctx, guildId, interaction));
        ctx.log.info({ guildId, note: gone.path, by: interaction.user.id }, 'own note removed');
        const items = gone.parsed.items.length;
        await replyPrivately(
          interaction,
          `Removed \`${gone.meta.key}\` and its ${plural(items, 'item')} from this server's bank.`,
        );
        return;
      }
      case 'show': {
        const note = ctx.notes.find(guildId, noteInput(ctx, guildId, interaction));
        await replyPrivately(interaction, pageMessage(notePage(note, 0, SHOW_HANDLER)));
        return;
      }
      default:
        throw new UserError(`/bank ${sub} is not available any more.`);
    }
  },
  async autocomplete(interaction, ctx) {
    const typed = String(interaction.options.getFocused()).toLowerCase();
    const notes = interaction.guildId ? ctx.notes.list(interaction.guildId) : [];
    const choices = notes
      .filter((note) => note.meta.key.toLowerCase().includes(typed))
      .slice(0, LIMITS.autocompleteChoices)
      .map((note) => ({
        name: fitText(`${note.meta.key} — ${note.parsed.items.length} items`, LIMITS.autocompleteName),
        value: valueOrHandle(note.meta.key, LIMITS.autocompleteName),
      }));
    await suggest(interaction, choices);
  },
  components: {
    [FLAGS_HANDLER]: moderatorFlagHandlers,
    [SHOW_HANDLER]: {
      async button(interaction, args, ctx) {
        const [handle, pageArg] = args;
        const guildId = guildOf(interaction);
        const note = ctx.notes.list(guildId).find((n) => pageHandle(n.meta.key) === handle);
        if (!note) throw new UserError("This note is gone from the server's bank.");
        await updateMessage(interaction, pageMessage(notePage(note, Number(pageArg) || 0, SHOW_HANDLER)));
      },
    },
  },
} satisfies Command;
