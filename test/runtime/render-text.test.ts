import { ButtonStyle } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { button, buttonRows } from '../../src/discord/render/buttons.ts';
import { fitLines, plain, plural, pluralWord } from '../../src/discord/render/text.ts';

describe('plain (note and member text shown as is)', () => {
  it('keeps ordinary text unchanged', () => {
    expect(plain('Amazon Machine Image (AMI), region-scoped')).toBe(
      'Amazon Machine Image (AMI), region-scoped',
    );
  });

  it('escapes inline formatting, so blanks and stars stay visible', () => {
    expect(plain('a *b* c')).toBe('a \\*b\\* c');
    expect(plain('||spoiler||')).toBe('\\|\\|spoiler\\|\\|');
  });

  it('escapes headings, lists, quotes and masked links at the start of a line', () => {
    expect(plain('# heading')).toBe('\\# heading');
    expect(plain('- item')).toBe('\\- item');
    expect(plain('> quote\n  > nested')).toBe('\\> quote\n  \\> nested');
    expect(plain('[x](https://example.com)')).toMatch(/^\\\[x/);
  });

  it('never shows a mention', () => {
    expect(plain('@everyone')).toBe('\\@everyone');
    expect(plain('<@123>')).toBe('\\<\\@123>');
  });
});

describe('plural and pluralWord', () => {
  it('writes the count with the word, or the word alone for a count written apart', () => {
    expect(plural(1, 'item')).toBe('1 item');
    expect(plural(2, 'item')).toBe('2 items');
    expect(pluralWord(1, 'note')).toBe('note');
    expect(pluralWord(0, 'note')).toBe('notes');
  });
});

describe('fitLines', () => {
  it('keeps a head line and counts the lines that did not fit', () => {
    const text = fitLines(['head', 'x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)], 60);
    expect(text).toBe(`head\n${'x'.repeat(30)}\n…and 2 more`);
  });
});

describe('button', () => {
  it('fits a long label to 80 characters and never leaves it blank', () => {
    expect(button('v1:x', 'a'.repeat(200)).label).toHaveLength(80);
    expect(button('v1:x', '   ').label).toBe('…');
    expect(button('v1:x', 'Go', ButtonStyle.Primary).style).toBe(ButtonStyle.Primary);
  });

  it('lays buttons out five to a row, in at most five rows', () => {
    const many = Array.from({ length: 27 }, (_, i) => button(`v1:x:${i}`, String(i)));
    const rows = buttonRows(many);
    expect(rows.map((row) => row.components.length)).toEqual([5, 5, 5, 5, 5]);
  });
});
