import { describe, expect, it } from 'vitest';
import { grade, matchTyped, type Question } from '../../src/quiz/index.ts';

function typed(answer: string, extra: Partial<Question> = {}): Question {
  return {
    itemId: 'x',
    type: 'typed',
    prompt: 'Q?',
    answer,
    explanation: `The answer is ${answer}.`,
    source: 'Note › Section',
    seed: 1,
    ...extra,
  };
}

describe('grading a typed answer', () => {
  it.each([
    ['ebs snapshot', 'EBS snapshots', 'accepted'],
    ['EBS Snapshots!', 'EBS snapshots', 'exact'],
    ['  ebs   snapshots ', 'EBS snapshots', 'exact'],
    ['Yes', 'No', 'wrong'],
    ['air', 'chair', 'wrong'],
    ['templates for ec2 instance', 'template for EC2 instances', 'accepted'],
    ['the template for EC2 instances', 'template for EC2 instances', 'accepted'],
    ['Images & Templates', 'Images and Templates', 'exact'],
    ['tempalte for EC2 instances', 'template for EC2 instances', 'accepted'],
    ['template for EC3 instances', 'template for EC2 instances', 'wrong'],
    ['Wait 3-4 minutes', 'Wait 2-3 minutes', 'wrong'],
    ['cat', 'car', 'wrong'],
    ['it gives faster boot times', 'faster boot times', 'accepted'],
    ['boot', 'faster boot times', 'wrong'],
  ] as const)('grades %j against %j as %s', (given, answer, verdict) => {
    const result = grade(typed(answer), { text: given });
    expect(result.verdict).toBe(verdict);
    expect(result.correct).toBe(verdict !== 'wrong');
  });

  it('says what a near match was accepted as', () => {
    expect(grade(typed('EBS snapshots'), { text: 'ebs snapshot' }).acceptedAs).toBe('EBS snapshots');
  });

  it('accepts either side of an `a / b` alternative', () => {
    expect(grade(typed('Elastic Block Store / EBS'), { text: 'ebs' }).correct).toBe(true);
    expect(grade(typed('Elastic Block Store / EBS'), { text: 'elastic block store' }).correct).toBe(true);
    expect(grade(typed('Elastic Block Store / EBS'), { text: 'EFS' }).correct).toBe(false);
  });

  it('accepts the other forms listed in accepts', () => {
    const question = typed('Built for a specific region', { accepts: ['specific region'] });
    expect(grade(question, { text: 'specific region' }).verdict).toBe('exact');
  });

  it('treats an empty or whitespace-only answer as wrong, without an error', () => {
    for (const text of ['', '   ', '\n\t', '?!']) {
      expect(grade(typed('EBS snapshots'), { text })).toMatchObject({ verdict: 'wrong', correct: false });
    }
  });

  it('grades a 5,000-character answer as wrong, with the answer shown', () => {
    const result = grade(typed('EBS snapshots'), { text: 'ebs snapshots '.repeat(358).slice(0, 5000) });
    expect(result).toMatchObject({ verdict: 'wrong', answer: 'EBS snapshots', source: 'Note › Section' });
  });

  it('grades a 5,000-character answer to a multi-key question as wrong', () => {
    const question = typed('Public, Custom, Marketplace', { keys: ['Public', 'Custom', 'Marketplace'] });
    expect(grade(question, { text: 'public custom marketplace '.repeat(200) }).correct).toBe(false);
  });

  it('does not fuzzy-match answers of three characters or fewer', () => {
    expect(grade(typed('EBS'), { text: 'EFS' }).correct).toBe(false);
    expect(grade(typed('EBS'), { text: 'ebs' }).correct).toBe(true);
  });
});

describe('grading a multi-key typed answer', () => {
  const sources = typed('Public AMIs, Custom AMIs, Marketplace AMIs', {
    keys: ['Public AMIs / Public', 'Custom AMIs / Custom', 'Marketplace AMIs / Marketplace'],
  });

  it.each([
    'Public, Custom, Marketplace',
    'marketplace, public, custom',
    'Custom and Public and Marketplace',
    'Public AMIs\nCustom AMIs\nMarketplace AMIs',
    'Public, custom & marketplace AMIs',
  ])('accepts %j in any order and separation', (text) => {
    expect(grade(sources, { text }).correct).toBe(true);
  });

  it('calls the full list in order exact', () => {
    expect(grade(sources, { text: 'Public AMIs, Custom AMIs, Marketplace AMIs' }).verdict).toBe('exact');
  });

  it('rejects a list with a key missing', () => {
    expect(grade(sources, { text: 'Public, Custom' }).correct).toBe(false);
  });

  it('rejects every key buried in a pile of guesses', () => {
    expect(grade(sources, { text: 'Public, Private, Shared, Community, Custom, Marketplace' }).correct).toBe(
      false,
    );
  });
});

describe('grading a clicked option', () => {
  const choice: Question = {
    itemId: 'x',
    type: 'choice',
    prompt: 'What does an AMI create behind the scenes?',
    options: ['EBS volumes', 'EBS snapshots', 'S3 buckets', 'Launch templates'],
    correct: 1,
    answer: 'EBS snapshots',
    explanation: 'AWS creates ==EBS snapshots==.',
    source: 'AMI › Q&A',
    seed: 3,
  };

  it('is right only for the correct index', () => {
    expect(grade(choice, { choice: 1 })).toMatchObject({
      verdict: 'exact',
      correct: true,
      given: 'EBS snapshots',
    });
    expect(grade(choice, { choice: 0 })).toMatchObject({
      verdict: 'wrong',
      correct: false,
      given: 'EBS volumes',
    });
  });

  it('treats an index outside the options as wrong, without an error', () => {
    for (const index of [-1, 4, 1.5, Number.NaN]) {
      expect(grade(choice, { choice: index })).toMatchObject({ correct: false, given: '' });
    }
  });

  it('always returns the answer, the explanation and the source', () => {
    expect(grade(choice, { choice: 0 })).toMatchObject({
      answer: 'EBS snapshots',
      explanation: 'AWS creates ==EBS snapshots==.',
      source: 'AMI › Q&A',
    });
  });

  it('understands yes/no/true/false typed to a true/false question', () => {
    const trueFalse: Question = { ...choice, type: 'truefalse', options: ['True', 'False'], correct: 0 };
    expect(grade(trueFalse, { text: 'yes' }).correct).toBe(true);
    expect(grade(trueFalse, { text: 'TRUE' }).correct).toBe(true);
    expect(grade(trueFalse, { text: 'no' }).correct).toBe(false);
    expect(grade(trueFalse, { text: 'maybe' }).correct).toBe(false);
  });
});

describe('matchTyped', () => {
  it('matches a reply without a question around it', () => {
    expect(matchTyped('pre baked', { answer: 'pre-baked' }).verdict).toBe('exact');
  });
});
