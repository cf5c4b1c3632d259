import { describe, expect, it } from 'vitest';
import { examResultView } from '../../src/cards/index.ts';

const result = {
  correct: 7,
  total: 10,
  scaled: 755,
  passScore: 720,
  scale: { min: 100, max: 1000 },
  passed: true,
  usedMs: 125_000,
  submittedBy: 'member' as const,
  byDomain: [
    { name: 'Design Secure Architectures', weight: 30, correct: 2, total: 3, percent: 2 / 3 },
    { name: 'Design Cost-Optimized Architectures', weight: 20, correct: 0, total: 2, percent: 0 },
  ],
};

describe('the exam result card view', () => {
  it('puts the scaled score against the pass mark and one bar per domain with its weight on the card', () => {
    const { card } = examResultView({ profileName: 'SAA-C03', name: 'Alice', result });
    expect(card).toMatchObject({ score: 755, passMark: 720, minScore: 100, maxScore: 1000, name: 'Alice' });
    expect(card.detail).toBe('7/10 right · 2 min 05 s');
    expect(card.domains.map((d) => [d.name, d.ratio, d.weight])).toEqual([
      ['Design Secure Architectures', 2 / 3, '30% of the exam · 2/3 right'],
      ['Design Cost-Optimized Architectures', 0, '20% of the exam · 0/2 right'],
    ]);
  });

  it('says in its text (the alt text) what the card shows, domain by domain', () => {
    const { text, summary } = examResultView({ profileName: 'SAA-C03', name: 'Alice', result });
    expect(summary).toBe('Pass: 755 of 1000 (pass mark 720) · 7/10 right · 2 min 05 s');
    expect(text.split('\n')).toEqual([
      'SAA-C03, Alice: pass, scaled score 755 on 100–1000 (pass mark 720).',
      '7 of 10 right (70%), time used 2 min 05 s.',
      'By domain (weight):',
      '• Design Secure Architectures (30%): 67%, 2/3 right',
      '• Design Cost-Optimized Architectures (20%): 0%, 0/2 right',
    ]);
  });

  it('marks an exam the clock submitted, and a fail as not yet a pass', () => {
    const late = { ...result, passed: false, scaled: 600, submittedBy: 'deadline' as const };
    const view = examResultView({ profileName: 'SAA-C03', name: 'Bob', result: late });
    expect(view.card.detail).toContain('time was up');
    expect(view.summary).toMatch(/^Not yet a pass: 600/);
    expect(view.text).toContain('submitted automatically when the time was up');
  });
});
