import { describe, expect, it } from 'vitest';
import { bankStatsEmbed } from '../../commands/bank.ts';
import { LiveBank } from '../../src/bank/index.ts';
import type { Diagnostic, Item } from '../../src/bank/types.ts';

const item = (kind: Item['kind']) => ({ kind }) as Item;
const diagnostic = (i: number, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({
  file: `notes/n${String(i).padStart(3, '0')}.md`,
  line: i + 1,
  column: 1,
  severity,
  message: `empty table cell in row ${i} of a long table with a fairly wordy description`,
});

describe('/bank stats embed', () => {
  it('counts notes and items by kind, and says when the notes have no problems', () => {
    const embed = bankStatsEmbed({
      items: [item('qa'), item('qa'), item('fact')],
      notes: [
        {
          path: 'aws/ami.md',
          title: 'AMI',
          tags: [],
          items: 3,
          counts: { qa: 2, cloze: 0, fact: 1, sequence: 0, choice: 0 },
        },
      ],
      diagnostics: [],
    });
    expect(embed.description).toContain('**1** note, **3** items');
    expect(embed.description).toContain('qa 2 · cloze 0 · fact 1 · sequence 0 · choice 0');
    expect(embed.description).toContain('No problems found');
    expect(embed.fields?.[0]?.value).toBe('AMI (`aws/ami.md`): 3 items');
  });

  it('lists errors before warnings with file:line', () => {
    const embed = bankStatsEmbed({
      items: [],
      notes: [],
      diagnostics: [diagnostic(1), diagnostic(2, 'error')],
    });
    const lines = embed.description?.split('\n') ?? [];
    expect(lines.slice(-2)).toEqual([
      expect.stringMatching(/^❌ `notes\/n002\.md:3` /),
      expect.stringMatching(/^⚠️ `notes\/n001\.md:2` /),
    ]);
  });

  it('fits hundreds of diagnostics within Discord limits and says how many more there are', () => {
    const diagnostics = Array.from({ length: 500 }, (_, i) => diagnostic(i));
    const embed = bankStatsEmbed({ items: [], notes: [], diagnostics });
    const description = embed.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    const shown = description.split('\n').filter((l) => l.startsWith('⚠️')).length;
    expect(shown).toBeGreaterThan(10);
    expect(description).toMatch(new RegExp(`…and ${500 - shown} more$`));
  });

  it('escapes Markdown in note titles and messages', () => {
    const embed = bankStatsEmbed({
      items: [],
      notes: [
        {
          path: 'a.md',
          title: '**bold**',
          tags: [],
          items: 0,
          counts: { qa: 0, cloze: 0, fact: 0, sequence: 0, choice: 0 },
        },
      ],
      diagnostics: [{ ...diagnostic(0), message: 'a *starred* word' }],
    });
    expect(embed.fields?.[0]?.value).toContain('\\*\\*bold\\*\\*');
    expect(embed.description).toContain('a \\*starred\\* word');
  });

  it('summarises the shipped seed note', async () => {
    const bank = (await LiveBank.open('data')).current;
    const embed = bankStatsEmbed(bank);
    expect(embed.description).toContain(`**${bank.items.length}** items`);
    expect(embed.fields?.[0]?.value).toContain('aws/ami.md');
  });
});
