import { describe, expect, it } from 'vitest';
import { clozeCards } from '../../src/import/cloze.ts';
import { escapeMarkdownText, htmlToText } from '../../src/import/html.ts';

describe('Anki field HTML', () => {
  it('keeps the text, one line per block, and decodes character references', () => {
    expect(htmlToText('<div>One&nbsp;&amp;&#32;two</div><div>three&#x2192;<br/>four</div>')).toMatchObject({
      text: 'One & two\nthree→\nfour',
      media: 0,
    });
  });

  it('drops scripts, styles and comments with their content, and counts images and sounds', () => {
    const field = htmlToText(
      '<style>b{}</style>Hi<!-- secret --><script>fetch("x")</script> <img src="a.png"><audio src="b.mp3"></audio>[sound:c.mp3]',
    );
    expect(field).toEqual({ text: 'Hi', markdown: 'Hi', keys: [], media: 3 });
  });

  it('makes bold and underlined phrases keys, highlighted in the Markdown', () => {
    expect(htmlToText('An <b>AMI</b> is <u>region</u>-specific')).toMatchObject({
      text: 'An AMI is region-specific',
      markdown: 'An ==AMI== is ==region==-specific',
      keys: ['AMI', 'region'],
    });
  });

  it('never throws on broken markup', () => {
    for (const html of [
      '<b>open',
      '</i>close',
      '<<>>',
      '<script>never closed',
      '&#xffffffff; &bogus;',
      '<a href="x',
    ])
      expect(() => htmlToText(html)).not.toThrow();
    expect(htmlToText('&#0;x&bogus;').text).toBe('x&bogus;');
  });

  it('escapes what Markdown or Discord would format', () => {
    expect(escapeMarkdownText('# h\n- item\n1. one\n`code` ~~s~~ ==h== |t| > q')).toBe(
      '\\# h\n\\- item\n1\\. one\n\\`code\\` \\~\\~s\\~\\~ \\=\\=h\\=\\= \\|t\\| \\> q',
    );
  });
});

describe('Anki cloze deletions', () => {
  const plain = (text: string) => text;

  it('gives one card per number, blanking every deletion of that number', () => {
    const cards = clozeCards('{{c1::Tokyo}} is in {{c2::Japan}}; {{c1::Kyoto}} too', plain);
    expect(cards.map((c) => [c.blanked, c.answers])).toEqual([
      ['____ is in Japan; ____ too', ['Tokyo', 'Kyoto']],
      ['Tokyo is in ____; Kyoto too', ['Japan']],
    ]);
    expect(cards[1]?.markdown).toBe('Tokyo is in ==Japan==; Kyoto too');
  });

  it('shows a hint in the blank and reads nested deletions', () => {
    const cards = clozeCards('{{c1::Paris {{c2::France}}::city}} is nice', plain);
    expect(cards.map((c) => [c.blanked, c.answers])).toEqual([
      ['____ [city] is nice', ['Paris France']],
      ['Paris ____ is nice', ['France']],
    ]);
  });

  it('leaves unclosed markup as text', () => {
    expect(clozeCards('{{c1::open and {{c2::closed}}', plain)).toEqual([
      expect.objectContaining({ ordinal: 2, blanked: '{{c1::open and ____', answers: ['closed'] }),
    ]);
  });
});
