import { describe, expect, it } from 'vitest';
import { mapDomains } from '../../src/exam/domains.ts';
import { readinessOf } from '../../src/exam/readiness.ts';
import { applyReview, type CardMap, createScheduler } from '../../src/review/card.ts';
import { examBank, saaProfile } from './helpers.ts';

const scheduler = createScheduler();
const at = new Date('2026-12-01T10:00:00Z');

describe('readiness by exam domain', () => {
  it('combines recall and coverage of each domain with its last exam, weighs the whole, names the weakest', async () => {
    const bank = await examBank();
    const map = mapDomains(bank.items, await saaProfile());
    const cards: CardMap = new Map();
    // Every secure item answered right yesterday; half the cost items too; nothing else.
    const yesterday = new Date(at.getTime() - 86_400_000);
    for (const item of map.byDomain.get('secure') ?? [])
      cards.set(item.id, applyReview(scheduler, undefined, 3, yesterday));
    const cost = map.byDomain.get('cost') ?? [];
    for (const item of cost.slice(0, 4)) cards.set(item.id, applyReview(scheduler, undefined, 3, yesterday));
    const readiness = readinessOf({
      map,
      cards,
      scheduler,
      at,
      lastExam: [
        { domain: 'performance', percent: 0.5, total: 2 },
        { domain: 'resilient', percent: 0, total: 0 }, // a domain the exam did not ask is no figure
      ],
    });
    const byId = Object.fromEntries(readiness.domains.map((d) => [d.domain, d]));
    expect(byId.secure).toMatchObject({ coverage: 1, lastExam: null });
    expect(byId.secure?.retrievability).toBeGreaterThan(0.9);
    expect(byId.cost?.coverage).toBe(4 / cost.length);
    expect(byId.performance).toMatchObject({ seen: 0, retrievability: null, lastExam: 0.5, readiness: 0.25 });
    expect(byId.resilient).toMatchObject({ readiness: 0, lastExam: null });
    const expected =
      (30 * (byId.secure?.readiness ?? 0) + 24 * 0.25 + 20 * (byId.cost?.readiness ?? 0)) / 100;
    expect(readiness.overall).toBeCloseTo(expected, 10);
    expect(readiness.weakest?.domain).toBe('resilient');
    expect(readiness.sentence).toBe('Weakest: Design Resilient Architectures, 0%');
  });

  it('asks to start when nothing is known yet', async () => {
    const bank = await examBank();
    const readiness = readinessOf({
      map: mapDomains(bank.items, await saaProfile()),
      cards: new Map(),
      scheduler,
      at,
    });
    expect(readiness.weakest).toBeNull();
    expect(readiness.overall).toBe(0);
    expect(readiness.sentence).toMatch(/No answers yet/);
  });
});
