import { describe, expect, it } from 'vitest';
import { defaultProfile, findProfile, parseProfile } from '../../src/exam/profile.ts';
import { saaProfile } from './helpers.ts';

describe('exam profiles', () => {
  it('ships SAA-C03 as the default: 65 questions, 130 minutes, 720 on 100–1000, four weighted domains', async () => {
    const profile = await saaProfile();
    expect(profile).toMatchObject({ questions: 65, scored: 50, minutes: 130, passScore: 720, default: true });
    expect(profile.scale).toEqual({ min: 100, max: 1000 });
    expect(profile.domains.map((d) => [d.name, d.weight])).toEqual([
      ['Design Secure Architectures', 30],
      ['Design Resilient Architectures', 26],
      ['Design High-Performing Architectures', 24],
      ['Design Cost-Optimized Architectures', 20],
    ]);
    expect(defaultProfile([profile])).toBe(profile);
    expect(findProfile([profile], 'SAA-C03')).toBe(profile);
    expect(findProfile([profile], 'nope')).toBeUndefined();
  });

  it('reports each invalid value with the file and the line it is on', () => {
    const text = [
      'name: Broken',
      'questions: 5',
      'minutes: 60',
      'passScore: 70',
      'domains:',
      '  - id: one',
      '    name: One',
      '    weight: -3',
      '  - id: One Two',
      '    name: Two',
      '    weight: 50',
    ].join('\n');
    const { profiles, diagnostics } = parseProfile('data/exams/broken.yaml', text);
    expect(profiles).toEqual([]);
    const where = diagnostics.map((d) => `${d.file}:${d.line} ${d.message.split(':')[0]}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'data/exams/broken.yaml:2 questions',
        'data/exams/broken.yaml:8 domains.0.weight',
        'data/exams/broken.yaml:9 domains.1.id',
      ]),
    );
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('reports YAML that does not parse, and an unknown key, without throwing', () => {
    expect(parseProfile('x.yaml', 'name: [unclosed\n').diagnostics[0]).toMatchObject({
      file: 'x.yaml',
      severity: 'error',
    });
    const unknown = parseProfile(
      'x.yaml',
      'name: X\nquestions: 10\nminutes: 5\npassScore: 50\ncolour: red\ndomains: [{id: a, name: A, weight: 100}]\n',
    );
    expect(unknown.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('colour')]);
  });

  it('warns, and still loads, when weights do not add up to 100', () => {
    const result = parseProfile(
      'x.json',
      JSON.stringify({
        name: 'X',
        questions: 10,
        minutes: 5,
        passScore: 50,
        domains: [{ id: 'a', name: 'A', weight: 3 }],
      }),
    );
    expect(result.profiles).toHaveLength(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });
});
