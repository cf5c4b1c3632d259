import { describe, expect, it } from 'vitest';
import {
  answerRace,
  applyAwards,
  createRace,
  finishRace,
  haltRace,
  isLastRound,
  type NewRace,
  nextRound,
  type RaceQuestion,
  rankStandings,
  revealRound,
} from '../../src/race/race.ts';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

function question(n: number, correct = 1): RaceQuestion {
  return {
    itemId: `item-${n}`,
    type: 'choice',
    prompt: `Question ${n}?`,
    options: ['w', 'x', 'y', 'z'],
    correct,
    answer: 'x',
    explanation: 'x, because.',
    source: 'Note › Section',
    seed: n,
    topics: ['aws'],
  };
}

const input = (questions = [question(1), question(2)]): NewRace => ({
  id: 'r1',
  guildId: 'g',
  channelId: 'c',
  starterId: 'starter',
  topic: 'aws',
  runner: 'proc-a',
  questions,
  timing: { roundMs: 2_000, gapMs: 0 },
});

describe('a race', () => {
  it('starts running with its first round open', () => {
    const race = createRace(input(), T0);
    expect(race).toMatchObject({
      status: 'running',
      round: { index: 0, closesAt: T0 + 2_000 },
      standings: {},
    });
  });

  it('refuses to start without questions or with a question whose right option is missing', () => {
    expect(() => createRace(input([]), T0)).toThrow(/at least one question/);
    expect(() => createRace(input([question(1, 7)]), T0)).toThrow(/no valid right option/);
  });

  it('takes answers only while running', () => {
    const race = createRace(input(), T0);
    expect(answerRace(race, 'a', 1, T0 + 10).outcome).toBe('locked');
    expect(answerRace(haltRace(race, 'stopped', 'starter'), 'a', 1, T0 + 10).outcome).toBe('closed');
  });

  it('adds the points the store awarded to the standings, not the points asked for', () => {
    let race = createRace(input(), T0);
    race = answerRace(race, 'fast', 1, T0 + 100).state;
    race = answerRace(race, 'slow', 1, T0 + 900).state;
    race = answerRace(race, 'wrong', 0, T0 + 950).state;
    const revealed = revealRound(race);
    // 'slow' already scored this item within 24 h: the store awarded 0.
    const standings = applyAwards(
      revealed.state,
      revealed.result,
      new Map([
        ['fast', 15],
        ['slow', 0],
        ['wrong', 0],
      ]),
    ).standings;
    expect(standings.fast).toEqual({ userId: 'fast', points: 15, correct: 1, answered: 1, rightMs: 100 });
    expect(standings.slow).toMatchObject({ points: 0, correct: 1, answered: 1 });
    expect(standings.wrong).toMatchObject({ points: 0, correct: 0, answered: 1, rightMs: 0 });
  });

  it('opens the next round only after the current one closed, and none after the last', () => {
    const race = createRace(input(), T0);
    expect(() => nextRound(race, T0 + 2_000)).toThrow(/still open/);
    const second = nextRound(revealRound(race).state, T0 + 2_000);
    expect(second.round).toMatchObject({ index: 1, openedAt: T0 + 2_000, answers: [], closed: false });
    expect(isLastRound(second)).toBe(true);
    expect(() => nextRound(revealRound(second).state, T0 + 4_000)).toThrow(/no question after the last/);
  });

  it('keeps who stopped it and counts a race that ran out of questions as finished', () => {
    const stopped = finishRace(haltRace(createRace(input(), T0), 'stopped', 'admin'), T0 + 5);
    expect(stopped).toMatchObject({ status: 'stopped', stoppedBy: 'admin', endedAt: T0 + 5 });
    expect(finishRace(createRace(input(), T0), T0 + 9).status).toBe('finished');
    expect(haltRace(stopped, 'interrupted').status).toBe('stopped');
  });

  it('ranks standings by points, then right answers, then speed', () => {
    const race = {
      ...createRace(input(), T0),
      standings: {
        b: { userId: 'b', points: 20, correct: 2, answered: 2, rightMs: 900 },
        a: { userId: 'a', points: 20, correct: 2, answered: 2, rightMs: 400 },
        c: { userId: 'c', points: 25, correct: 2, answered: 2, rightMs: 2000 },
        d: { userId: 'd', points: 0, correct: 0, answered: 2, rightMs: 0 },
      },
    };
    expect(rankStandings(race).map((s) => s.userId)).toEqual(['c', 'a', 'b', 'd']);
  });
});
