import {
  type APIEmbed,
  escapeMarkdown,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { Bank } from '../src/bank/index.ts';
import type { Diagnostic, ItemKind } from '../src/bank/types.ts';
import type { Command } from '../src/discord/command.ts';
import { replyPrivately } from '../src/discord/reply.ts';

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
    `**${bank.notes.length}** ${plural(bank.notes.length, 'note')}, **${bank.items.length}** ${plural(bank.items.length, 'item')}`,
    KINDS.map((k) => `${k} ${byKind[k]}`).join(' · '),
    bank.diagnostics.length === 0
      ? 'No problems found in the notes.'
      : `**${errors}** ${plural(errors, 'error')}, **${warnings}** ${plural(warnings, 'warning')} in the notes:`,
  ].join('\n');
  const description = fitLines(
    summary,
    [...bank.diagnostics].sort(bySeverityThenPlace).map(diagnosticLine),
    DESCRIPTION_MAX,
  );

  const embed: APIEmbed = { title: 'Question bank', description };
  if (bank.notes.length > 0) {
    const noteLines = [...bank.notes]
      .sort((a, b) => b.items - a.items)
      .map((n) => `${escapeMarkdown(n.title)} (\`${n.path}\`): ${n.items} ${plural(n.items, 'item')}`);
    embed.fields = [{ name: 'Notes', value: fitLines('', noteLines, FIELD_MAX) }];
  }
  return embed;
}

/** `head` then as many lines as fit in `max` characters, ending with "…and N more" when some do not. */
function fitLines(head: string, lines: readonly string[], max: number): string {
  let text = head;
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index - 1;
    const tail = rest > 0 ? `\n…and ${rest} more` : '';
    const candidate = text ? `${text}\n${line}` : line;
    if (candidate.length + tail.length > max) {
      const more = `…and ${lines.length - index} more`;
      return text ? `${text}\n${more}` : more;
    }
    text = candidate;
  }
  return text;
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

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export default {
  data: new SlashCommandBuilder()
    .setName('bank')
    .setDescription('The question bank: summary and problems in the notes')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub.setName('stats').setDescription('Notes, items by kind, and problems found in the notes'),
    ),
  adminOnly: true,
  guildOnly: true,
  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand();
    if (sub === 'stats') {
      await replyPrivately(interaction, { embeds: [bankStatsEmbed(ctx.bank.current)] });
    }
  },
} satisfies Command;
