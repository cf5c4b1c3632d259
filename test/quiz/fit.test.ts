import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedLength, fitEmbed, fitText, LIMITS } from '../../src/core/fit.ts';

describe('fitText', () => {
  it('leaves text within the limit untouched', () => {
    expect(fitText('Launch from Custom AMI', LIMITS.buttonLabel)).toBe('Launch from Custom AMI');
  });

  it('cuts at a word boundary and ends with an ellipsis', () => {
    expect(fitText('Launch Instance then My AMIs tab', 20)).toBe('Launch Instance…');
    expect(fitText('Launch Instance then My AMIs tab', 21)).toBe('Launch Instance then…');
  });

  it('cuts mid-word when the only boundary is too far back', () => {
    expect(fitText('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });

  it('never splits an emoji in half', () => {
    const cut = fitText(`${'x'.repeat(8)}😀😀`, 10);
    expect(cut).toBe(`${'x'.repeat(8)}…`);
  });

  it('never exceeds the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 120 }), (text, max) => {
        const fitted = fitText(text, max);
        expect(fitted.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(fitted).toBe(text);
        else expect(fitted.endsWith('…')).toBe(true);
      }),
    );
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => fitText('x', 0)).toThrow(RangeError);
  });
});

describe('fitEmbed', () => {
  it('fits each part to its own limit', () => {
    const embed = fitEmbed({ title: 't'.repeat(300), fields: [{ name: 'n', value: 'v '.repeat(600) }] });
    expect(embed.title?.length).toBe(LIMITS.embedTitle);
    expect(embed.fields?.[0]?.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
  });

  it('brings the whole embed under 6,000 characters, shortening the longest parts first', () => {
    const embed = fitEmbed({
      title: 'Question 3',
      description: 'word '.repeat(900),
      fields: Array.from({ length: 5 }, (_, i) => ({ name: `Field ${i}`, value: 'text '.repeat(220) })),
      footer: { text: 'AMI (Amazon Machine Image) › AMI Characteristics' },
    });
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embed.title).toBe('Question 3');
    expect(embed.footer?.text).toBe('AMI (Amazon Machine Image) › AMI Characteristics');
  });

  it('keeps at most 25 fields and never leaves a field name or value empty', () => {
    const embed = fitEmbed({ fields: Array.from({ length: 30 }, () => ({ name: '', value: '' })) });
    expect(embed.fields).toHaveLength(LIMITS.embedFields);
    expect(embed.fields?.every((field) => field.name !== '' && field.value !== '')).toBe(true);
  });

  it('does not change the embed it was given', () => {
    const original = { description: 'x'.repeat(5000) };
    fitEmbed(original);
    expect(original.description).toHaveLength(5000);
  });

  it('always fits, whatever the parts', () => {
    const part = fc.string({ maxLength: 5000 });
    fc.assert(
      fc.property(
        part,
        part,
        fc.array(fc.record({ name: part, value: part }), { maxLength: 30 }),
        (title, description, fields) => {
          const embed = fitEmbed({ title, description, fields });
          expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
        },
      ),
      { numRuns: 50 },
    );
  });
});
