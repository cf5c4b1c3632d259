import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/index.ts';
import { domainOfNote, mapDomains } from '../../src/exam/domains.ts';
import { examBank, ROOT, saaProfile } from './helpers.ts';

describe('mapping notes to exam domains', () => {
  it('maps by frontmatter domain:, then folder, then the domain most tags name; the rest is unmapped', async () => {
    const profile = await saaProfile();
    const bank = await examBank();
    const map = mapDomains(bank.items, profile);
    const notesOf = (domain: string) => [...new Set((map.byDomain.get(domain) ?? []).map((i) => i.note))];
    expect(notesOf('secure')).toEqual(['security/iam.md']); // folder security/
    expect(notesOf('resilient')).toEqual(['aws/resilience.md']); // frontmatter domain: resilience
    expect(notesOf('performance')).toEqual(['aws/compute.md']); // tags ec2, ebs
    expect(notesOf('cost')).toEqual(['aws/costs.md']); // tags cost, spot
    expect(map.unmapped).toEqual([{ note: 'misc/pets.md', items: expect.any(Number) }]);
  });

  it('lets frontmatter win over folder and tags, and reports a domain: the profile does not know', async () => {
    const profile = await saaProfile();
    expect(
      domainOfNote(
        { note: 'security/x.md', tags: ['cost'], domain: 'Design Cost-Optimized Architectures' },
        profile,
      ),
    ).toMatchObject({
      domain: { id: 'cost' },
      by: 'frontmatter',
    });
    expect(domainOfNote({ note: 'security/x.md', tags: ['cost'] }, profile)).toMatchObject({
      domain: { id: 'secure' },
      by: 'folder',
    });
    expect(domainOfNote({ note: 'a/x.md', tags: ['ec2', 'ami', 'image'] }, profile)).toMatchObject({
      domain: { id: 'resilient' },
      by: 'tag',
    });
    expect(domainOfNote({ note: 'a/x.md', tags: ['ec2', 'ami'] }, profile)).toMatchObject({
      domain: { id: 'performance' },
    });
    expect(domainOfNote({ note: 'a/x.md', tags: ['misc'], domain: 'astrology' }, profile)).toEqual({
      domain: null,
      unknownFrontmatter: 'astrology',
    });
  });

  it('covers the reference note: data/aws/ami.md is in Design Resilient Architectures', async () => {
    const bank = await loadBank(`${ROOT}/data`);
    const map = mapDomains(bank.items, await saaProfile());
    expect(map.unmapped).toEqual([]);
    expect(map.byDomain.get('resilient')?.length).toBe(bank.items.length);
  });

  it('carries frontmatter domain: onto every item of the note', async () => {
    const bank = await examBank();
    const items = bank.items.filter((i) => i.note === 'aws/resilience.md');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.domain === 'resilience')).toBe(true);
  });
});
