import Keyv from 'keyv';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bank } from '../../src/bank/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { ExamProfile } from '../../src/exam/profile.ts';
import { buildExamQuestion, rightOptions } from '../../src/exam/questions.ts';
import {
  actOnExam,
  type ExamDeps,
  type ExamView,
  resumeExam,
  startExam,
  submitExam,
  submitIfDue,
} from '../../src/exam/service.ts';
import { ExamTimer } from '../../src/exam/timer.ts';
import { ManualScheduler } from '../../src/race/scheduler.ts';
import { createExamStore } from '../../src/store/exams.ts';
import { createStore, type Store } from '../../src/store/index.ts';
import { examBank, saaProfile } from './helpers.ts';

const alice = { guildId: '1', userId: '100' };
const MINUTE = 60_000;

/** One "process": a store on the shared keyv, exam deps and a deadline timer on a manual scheduler. */
function processOn(keyv: Keyv, bank: Bank, profile: ExamProfile, clock: ManualClock) {
  const store: Store = createStore(keyv, { clock });
  const exams = createExamStore(keyv, store.queue);
  const scheduler = new ManualScheduler(clock);
  const timer: ExamTimer = new ExamTimer({
    guilds: () => exams.guilds(),
    openExams: (guildId) => exams.openExams(guildId),
    submitIfDue: (ref) => submitIfDue(deps, ref, ref.examId),
    scheduler,
    now: () => clock.now().getTime(),
    onError: (error) => {
      throw error;
    },
  });
  const deps: ExamDeps = {
    exams,
    cards: store.cards,
    queue: store.queue,
    bankOf: () => bank,
    profiles: () => [profile],
    clock,
    onDeadline: ({ session }) => timer.follow(session),
  };
  return { store, exams, deps, timer, scheduler };
}

function questionOf(view: ExamView, bank: Bank) {
  if (view.kind !== 'question') throw new Error(`expected a question, got ${view.kind}`);
  const planned = view.session.questions[view.index];
  const question = planned && buildExamQuestion(bank, planned);
  if (!question) throw new Error('no question');
  return { view, question, right: rightOptions(question) };
}

describe('a timed exam', () => {
  let keyv: Keyv;
  let bank: Bank;
  let profile: ExamProfile;
  let clock: ManualClock;
  beforeEach(async () => {
    keyv = new Keyv();
    bank = await examBank();
    profile = await saaProfile();
    clock = new ManualClock('2026-12-01T10:00:00Z');
  });

  it('is submitted automatically at the deadline, unanswered questions wrong, cards updated, no points', async () => {
    const p = processOn(keyv, bank, profile, clock);
    const started = await startExam(p.deps, { ...alice, id: 'e1', seed: 3, questions: 10 });
    expect(started.kind === 'question' && started.remainingMs).toBe(20 * MINUTE);
    const first = questionOf(started, bank);
    await actOnExam(p.deps, alice, 'e1', { type: 'answer', index: 0, options: first.right });
    expect(p.timer.pending).toBe(1);

    await p.scheduler.advance(20 * MINUTE - 1);
    expect((await p.exams.get('1', 'e1'))?.status).toBe('open');
    await p.scheduler.advance(1);
    const closed = await p.exams.get('1', 'e1');
    expect(closed?.status).toBe('submitted');
    expect(closed?.result).toMatchObject({
      correct: 1,
      total: 10,
      submittedBy: 'deadline',
      usedMs: 20 * MINUTE,
    });
    expect(closed?.result?.review).toHaveLength(9);
    expect(await p.exams.openExamOf('1', '100')).toBeUndefined();
    const [attempt] = await p.exams.history('1', '100');
    expect(attempt).toMatchObject({ examId: 'e1', correct: 1, scaled: 190, passed: false });
    // The answered question taught the card store; the leaderboard saw nothing.
    expect((await p.store.cards.cards('1', '100')).size).toBe(1);
    expect(await p.store.scores.getMember('1', '100')).toBeUndefined();
  });

  it('refuses an answer after the deadline and submits the exam as it stood instead', async () => {
    const p = processOn(keyv, bank, profile, clock);
    await startExam(p.deps, { ...alice, id: 'e2', seed: 3, questions: 10, minutes: 5 });
    clock.advance(5 * MINUTE); // the timer has not run: the click itself finds the exam overdue
    const view = await actOnExam(p.deps, alice, 'e2', { type: 'answer', index: 0, options: [0] });
    expect(view.kind).toBe('result');
    expect(view.kind === 'result' && view.result).toMatchObject({ correct: 0, submittedBy: 'deadline' });
  });

  it('survives a restart in the middle: answers and marks kept, resumed, and overdue exams submitted by the next start', async () => {
    const before = processOn(keyv, bank, profile, clock);
    const started = await startExam(before.deps, { ...alice, id: 'e3', seed: 5, questions: 10 });
    const first = questionOf(started, bank);
    await actOnExam(before.deps, alice, 'e3', { type: 'answer', index: 0, options: first.right });
    await actOnExam(before.deps, alice, 'e3', { type: 'mark', index: 1 });
    before.timer.stop(); // the process dies; its timers with it

    const after = processOn(keyv, bank, profile, clock);
    clock.advance(5 * MINUTE);
    expect(await after.timer.sweep()).toBe(0);
    expect(after.timer.pending).toBe(1);
    const resumed = await resumeExam(after.deps, alice);
    expect(resumed?.kind).toBe('question');
    if (resumed?.kind !== 'question') return;
    expect(resumed.index).toBe(1);
    expect(resumed.session.answers[0]).toEqual(first.right);
    expect(resumed.session.marked[1]).toBe(true);
    expect(resumed.remainingMs).toBe(15 * MINUTE);
    await expect(startExam(after.deps, { ...alice, id: 'e4', seed: 1, questions: 10 })).rejects.toThrow(
      /already have an exam running/,
    );

    after.timer.stop();
    clock.advance(60 * MINUTE); // down over the deadline
    const third = processOn(keyv, bank, profile, clock);
    expect(await third.timer.sweep()).toBe(1);
    expect((await third.exams.get('1', 'e3'))?.result).toMatchObject({ correct: 1, submittedBy: 'deadline' });
  });

  it('grades all or nothing, gives per-domain figures with weights, and reviews missed and marked questions', async () => {
    const p = processOn(keyv, bank, profile, clock);
    let view = await startExam(p.deps, { ...alice, id: 'e5', seed: 9, questions: 10 });
    for (let i = 0; i < 10; i++) {
      const { right, question } = questionOf(view, bank);
      const wrong = (question.options ?? []).findIndex((_, o) => !right.includes(o));
      view = await actOnExam(p.deps, alice, 'e5', {
        type: 'answer',
        index: i,
        options: i < 7 ? right : [wrong],
      });
    }
    await actOnExam(p.deps, alice, 'e5', { type: 'mark', index: 0 });
    clock.advance(7 * MINUTE);
    const done = await submitExam(p.deps, alice, 'e5');
    if (done.kind !== 'result') throw new Error('no result');
    expect(done.result).toMatchObject({
      correct: 7,
      total: 10,
      scaled: 730,
      passed: true,
      submittedBy: 'member',
      usedMs: 7 * MINUTE,
    });
    expect(done.result.byDomain.map((d) => [d.domain, d.weight, d.total])).toEqual([
      ['secure', 30, 3],
      ['resilient', 26, 3],
      ['performance', 24, 2],
      ['cost', 20, 2],
    ]);
    expect(done.result.byDomain.reduce((sum, d) => sum + d.correct, 0)).toBe(7);
    expect(done.result.review.map((r) => [r.index, r.correct, r.marked])).toEqual([
      [0, true, true],
      [7, false, false],
      [8, false, false],
      [9, false, false],
    ]);
    expect(done.result.review[1]?.explanation).not.toBe('');
    expect(p.timer.pending).toBe(0);
    // Submitting twice changes nothing.
    expect((await submitExam(p.deps, alice, 'e5')).kind).toBe('result');
    expect(await p.exams.history('1', '100')).toHaveLength(1);
  });

  it('refuses another member’s exam and a bank that cannot fill the weights', async () => {
    const p = processOn(keyv, bank, profile, clock);
    await startExam(p.deps, { ...alice, id: 'e6', seed: 1, questions: 10 });
    await expect(
      actOnExam(p.deps, { guildId: '1', userId: '200' }, 'e6', { type: 'go', index: 2 }),
    ).rejects.toThrow(/someone else/);
    await expect(startExam(p.deps, { guildId: '1', userId: '200', id: 'e7', seed: 1 })).rejects.toThrow(
      /needs 19, the notes give 10/,
    );
  });
});
