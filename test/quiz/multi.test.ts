import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/bank/types.ts';
import { applicableTypes, grade, makeQuestion } from '../../src/quiz/index.ts';
import { countAsked, multiPrompt, multiSourceOf } from '../../src/quiz/multi.ts';
import { amiItem, amiPool } from '../fixtures/quiz/ami.ts';

function choiceItem(prompt: string, choices: [string, boolean][], extra: Partial<Item> = {}): Item {
  return {
    id: `choice-${prompt.length}`,
    kind: 'choice',
    note: 'aws/vpc.md',
    title: 'VPC',
    section: 'Security',
    tags: ['aws'],
    prompt,
    answer: choices
      .filter(([, right]) => right)
      .map(([text]) => text)
      .join(', '),
    answerMarkdown: '',
    keys: [],
    line: 3,
    choices: choices.map(([text, correct]) => ({ text, correct })),
    ...extra,
  };
}

const firewalls = choiceItem('Which two can filter traffic to an EC2 instance?', [
  ['Security Group', true],
  ['Network ACL', true],
  ['Internet Gateway', false],
  ['Route Table', false],
]);
const pool = { items: [firewalls, ...amiPool.items] };

describe('multi-response questions ("Choose two.")', () => {
  it('asks a task list with two [x] as multi, never as a single choice with one of its answers', () => {
    expect(applicableTypes(firewalls, pool)).toContain('multi');
    expect(applicableTypes(firewalls, pool)).not.toContain('choice');
    const question = makeQuestion(firewalls, pool, { type: 'multi', seed: 3 });
    expect(question?.prompt).toBe('Which two can filter traffic to an EC2 instance? (Choose two.)');
    expect(question?.answers).toEqual(['Security Group', 'Network ACL']);
    for (const answer of question?.answers ?? []) expect(question?.options).toContain(answer);
    expect(question?.correctSet?.map((i) => question.options?.[i]).sort()).toEqual([
      'Network ACL',
      'Security Group',
    ]);
  });

  it('asks a Q&A whose answer lists the three sources as "Choose three."', () => {
    const item = amiItem('What are the three sources of AMIs?');
    const question = makeQuestion(item, amiPool, { type: 'multi', seed: 1 });
    expect(question?.prompt).toBe('What are the three sources of AMIs? (Choose three.)');
    expect(question?.answers).toEqual(['Public AMIs', 'Custom AMIs', 'Marketplace AMIs']);
    expect(question?.options?.length).toBeGreaterThanOrEqual(5);
  });

  it('grades all or nothing: every right option and no other, in any order', () => {
    const question = makeQuestion(firewalls, pool, { type: 'multi', seed: 3 });
    if (!question?.correctSet || !question.options) throw new Error('no multi question');
    const [a = 0, b = 0] = question.correctSet;
    const wrong = question.options.findIndex((_, i) => !question.correctSet?.includes(i));
    expect(grade(question, { choices: [b, a] }).correct).toBe(true);
    expect(grade(question, { choices: [a] }).correct).toBe(false);
    expect(grade(question, { choices: [a, b, wrong] }).correct).toBe(false);
    expect(grade(question, { choices: [a, a] }).correct).toBe(false);
    expect(grade(question, { choices: [a, 99] }).correct).toBe(false);
    expect(grade(question, { choice: a }).correct).toBe(false);
    expect(grade(question, { choices: [a, b] }).given).toBe(
      [a, b].map((i) => question.options?.[i]).join(', '),
    );
  });

  it('is no multi question when the prompt asks for another number than the answers give', () => {
    const item = choiceItem('Which three are stateful?', [
      ['Security Group', true],
      ['Network ACL', false],
      ['Network Firewall', true],
    ]);
    expect(multiSourceOf(item)).toBeNull();
  });

  it('is no multi question when two right answers read as one ("S3" and "S3 a")', () => {
    // Found by the property test (seed 252472969): both were options, so only one distinct fact was left.
    const item = choiceItem('Which two store objects?', [
      ['S3', true],
      ['S3 a', true],
      ['EBS', false],
      ['EFS', false],
    ]);
    expect(multiSourceOf(item)).toBeNull();
    expect(applicableTypes(item, { items: [item, ...amiPool.items] })).not.toContain('multi');
  });

  it('reads how many answers a question asks for', () => {
    expect(countAsked('Which two services are serverless?')).toBe(2);
    expect(countAsked('What are the three sources of AMIs?')).toBe(3);
    expect(countAsked('What is an AMI?')).toBeNull();
    expect(multiPrompt('Which two are stateless? (Choose two.)', 2)).toBe(
      'Which two are stateless? (Choose two.)',
    );
  });
});
