import Keyv from 'keyv';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { UserError } from '../../src/core/errors.ts';
import { createLogger } from '../../src/log.ts';
import type { RaceQuestion, RaceState } from '../../src/race/race.ts';
import type { RoundResult } from '../../src/race/round.ts';
import { type RaceDisplay, RaceService, type RaceStart } from '../../src/race/runner.ts';
import { ManualScheduler } from '../../src/race/scheduler.ts';
import { createStore, type Store } from '../../src/store/index.ts';

const GUILD = '900000000000000001';
const CHANNEL = '900000000000000002';
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

/** Records what the race showed, in order. */
class RecordingDisplay implements RaceDisplay {
  readonly events: {
    kind: string;
    round: number;
    answers?: number;
    result?: RoundResult;
    state: RaceState;
  }[] = [];
  #ids = 0;
  async postRound(state: RaceState) {
    this.events.push({ kind: 'post', round: state.round.index, state });
    return `m${++this.#ids}`;
  }
  async updateRound(state: RaceState) {
    this.events.push({
      kind: 'update',
      round: state.round.index,
      answers: state.round.answers.length,
      state,
    });
  }
  async revealRound(state: RaceState, result: RoundResult) {
    this.events.push({ kind: 'reveal', round: state.round.index, result, state });
  }
  async postStandings(state: RaceState) {
    this.events.push({ kind: 'standings', round: state.round.index, state });
  }
  kinds() {
    return this.events.map((e) => `${e.kind}${e.round + 1}`);
  }
}

/** Holds every reveal until `open()`: stands in for a slow Discord edit. */
class GatedDisplay implements RaceDisplay {
  readonly revealEntered: Promise<void>;
  #entered!: () => void;
  #open!: () => void;
  readonly #gate = new Promise<void>((resolve) => {
    this.#open = resolve;
  });
  constructor(readonly inner: RecordingDisplay) {
    this.revealEntered = new Promise((resolve) => {
      this.#entered = resolve;
    });
  }
  open() {
    this.#open();
  }
  postRound = (state: RaceState) => this.inner.postRound(state);
  updateRound = (state: RaceState) => this.inner.updateRound(state);
  async revealRound(state: RaceState, result: RoundResult) {
    this.#entered();
    await this.#gate;
    await this.inner.revealRound(state, result);
  }
  postStandings = (state: RaceState) => this.inner.postStandings(state);
}

function question(n: number): RaceQuestion {
  return {
    itemId: `item-${n}`,
    type: 'choice',
    prompt: `Question ${n}?`,
    options: ['w', 'x', 'y', 'z'],
    correct: 1,
    answer: 'x',
    explanation: 'x.',
    source: 'Note',
    seed: n,
    topics: ['aws'],
  };
}

const start = (over: Partial<RaceStart> = {}): RaceStart => ({
  guildId: GUILD,
  channelId: CHANNEL,
  starterId: 'starter',
  topic: 'aws',
  questions: [question(1), question(2)],
  ...over,
});

let clock: ManualClock;
let scheduler: ManualScheduler;
let store: Store;
let display: RecordingDisplay;

function service(runner = 'proc-a', settings = { roundMs: 2_000, gapMs: 0, updateEveryMs: 5_000 }) {
  return new RaceService({
    store,
    clock,
    scheduler,
    runner,
    settings,
    log: createLogger({ level: 'silent' }),
  });
}

beforeEach(() => {
  clock = new ManualClock(T0);
  scheduler = new ManualScheduler(clock);
  store = createStore(new Keyv(), { clock });
  display = new RecordingDisplay();
});

describe('the race runner', () => {
  it('plays every round: post, answers, reveal at the deadline, next round, standings; then frees the channel', async () => {
    const races = service();
    const race = await races.start(display, start());
    expect(await races.answer(display, race.id, 0, 'u1', 1)).toBe('locked');
    expect(await races.answer(display, race.id, 0, 'u2', 0)).toBe('locked');
    await scheduler.advance(2_000);
    expect(display.kinds()).toEqual(['post1', 'reveal1', 'post2']);
    expect(await races.answer(display, race.id, 1, 'u2', 1)).toBe('locked');
    await scheduler.advance(2_000);
    expect(display.kinds()).toEqual(['post1', 'reveal1', 'post2', 'reveal2', 'standings2']);
    const final = display.events.at(-1)?.state;
    expect(final?.status).toBe('finished');
    expect(final?.standings.u1).toMatchObject({ points: 15, correct: 1, answered: 1 });
    expect(final?.standings.u2).toMatchObject({ points: 15, correct: 1, answered: 2 });
    expect(await store.sessions.get(`race-channel:${CHANNEL}`)).toBeUndefined();
    expect(scheduler.pending).toBe(0);
    expect(races.activeRaces()).toEqual([]);
  });

  it('records answers in the score store, and the 24 h rule applies to a second race on the same question', async () => {
    const races = service();
    const first = await races.start(display, start({ questions: [question(1)] }));
    await races.answer(display, first.id, 0, 'u1', 1);
    await scheduler.advance(2_000);
    const second = await races.start(display, start({ questions: [question(1)] }));
    await races.answer(display, second.id, 0, 'u1', 1);
    await scheduler.advance(2_000);
    const member = await store.scores.getMember(GUILD, 'u1');
    expect(member).toMatchObject({ answers: 2, correct: 2, periods: { all: { points: 15 } } });
    const reveals = display.events.filter((e) => e.kind === 'standings');
    expect(reveals.map((e) => e.state.standings.u1?.points)).toEqual([15, 0]);
  });

  it('edits the open round at most once per interval, and only when the answer count changed', async () => {
    const races = service('proc-a', { roundMs: 20_000, gapMs: 0, updateEveryMs: 5_000 });
    const race = await races.start(display, start({ questions: [question(1)] }));
    for (let i = 0; i < 10; i++) await races.answer(display, race.id, 0, `u${i}`, i % 4);
    await scheduler.advance(5_000); // one edit for ten answers
    await scheduler.advance(5_000); // nothing new: no edit
    await races.answer(display, race.id, 0, 'late', 1);
    await scheduler.advance(5_000); // one more
    const updates = display.events.filter((e) => e.kind === 'update').map((e) => e.answers);
    expect(updates).toEqual([10, 11]);
  });

  it('refuses a second race in a busy channel, naming the running one', async () => {
    const races = service();
    const race = await races.start(display, start());
    const second = races.start(display, start({ starterId: 'other' }));
    await expect(second).rejects.toThrow(UserError);
    await expect(second).rejects.toThrow(new RegExp(`started by <@starter>.*race ${race.id}`));
  });

  it('lets only the starter or an admin stop a race; the open round is still revealed and scored', async () => {
    const races = service();
    const race = await races.start(display, start());
    await races.answer(display, race.id, 0, 'u1', 1);
    await expect(races.stop(display, race.id, 'someone', false)).rejects.toThrow(/Only <@starter>/);
    await races.stop(display, race.id, 'starter', false);
    expect(display.kinds()).toEqual(['post1', 'reveal1', 'standings1']);
    expect(display.events.at(-1)?.state).toMatchObject({ status: 'stopped', stoppedBy: 'starter' });
    expect((await store.scores.getMember(GUILD, 'u1'))?.periods.all?.points).toBe(15);
    await scheduler.advance(10_000);
    expect(display.kinds()).toHaveLength(3);
    await expect(races.stop(display, race.id, 'starter', false)).rejects.toThrow(/already ended/);
  });

  it('lets an admin stop someone else’s race', async () => {
    const races = service();
    const race = await races.start(display, start());
    await races.stop(display, race.id, 'admin', true);
    expect(display.events.at(-1)?.state).toMatchObject({ status: 'stopped', stoppedBy: 'admin' });
  });

  it('after a restart, ends the old race when its button is clicked and frees the channel', async () => {
    const before = service('proc-a');
    const race = await before.start(display, start());
    await before.answer(display, race.id, 0, 'u1', 1);
    const after = service('proc-b'); // a new process: proc-a's timers are gone with it
    expect(await after.answer(display, race.id, 0, 'u2', 1)).toBe('ended');
    await after.whenIdle(); // the old race ends after the click is answered
    expect(display.kinds()).toEqual(['post1', 'reveal1', 'standings1']);
    expect(display.events.at(-1)?.state.status).toBe('interrupted');
    expect(await store.sessions.get(`race-channel:${CHANNEL}`)).toBeUndefined();
  });

  it('after a restart, a new race takes over the channel of a race nobody drives', async () => {
    const race = await service('proc-a').start(display, start());
    const next = await service('proc-b').start(display, start({ starterId: 'other' }));
    expect(next.id).not.toBe(race.id);
    const old = display.events.find((e) => e.kind === 'standings');
    expect(old?.state).toMatchObject({ id: race.id, status: 'interrupted' });
  });

  it('announces a new race before ending the orphaned one it replaces, which still ends before round 1', async () => {
    await service('proc-a').start(display, start());
    const slow = new GatedDisplay(display);
    const order: string[] = [];
    const starting = service('proc-b').start(slow, start({ starterId: 'other' }), async () => {
      order.push('announce');
    });
    await slow.revealEntered;
    order.push('orphan reveal started');
    slow.open();
    const next = await starting;
    expect(order).toEqual(['announce', 'orphan reveal started']);
    expect(display.kinds()).toEqual(['post1', 'reveal1', 'standings1', 'post1']);
    expect(display.events.at(-1)?.state.id).toBe(next.id);
  });

  it('answers a click on an orphaned race at once and ends that race in the background', async () => {
    const race = await service('proc-a').start(display, start());
    const slow = new GatedDisplay(display);
    const after = service('proc-b');
    expect(await after.answer(slow, race.id, 0, 'u2', 1)).toBe('ended');
    await slow.revealEntered;
    expect(display.kinds()).toEqual(['post1']);
    slow.open();
    await after.whenIdle();
    expect(display.kinds()).toEqual(['post1', 'reveal1', 'standings1']);
    expect(display.events.at(-1)?.state.status).toBe('interrupted');
  });

  it('ends running races on shutdown with standings', async () => {
    const races = service();
    await races.start(display, start());
    await races.close();
    expect(display.kinds()).toEqual(['post1', 'reveal1', 'standings1']);
    expect(display.events.at(-1)?.state.status).toBe('interrupted');
  });

  it('tells duplicate, late and unknown answers apart', async () => {
    const races = service();
    const race = await races.start(display, start());
    expect(await races.answer(display, race.id, 0, 'u1', 1)).toBe('locked');
    expect(await races.answer(display, race.id, 0, 'u1', 2)).toBe('duplicate');
    expect(await races.answer(display, race.id, 0, 'u2', 9)).toBe('invalid');
    await scheduler.advance(2_000);
    expect(await races.answer(display, race.id, 0, 'u2', 1)).toBe('closed');
    expect(await races.answer(display, 'nosuchrace', 0, 'u2', 1)).toBe('ended');
  });

  it('releases the channel when the first round cannot be posted', async () => {
    const races = service();
    const failing: RaceDisplay = {
      postRound: () => Promise.reject(new Error('403')),
      updateRound: (state) => display.updateRound(state),
      revealRound: (state, result) => display.revealRound(state, result),
      postStandings: (state) => display.postStandings(state),
    };
    await expect(races.start(failing, start())).rejects.toThrow('403');
    expect(await store.sessions.get(`race-channel:${CHANNEL}`)).toBeUndefined();
    await expect(races.start(display, start())).resolves.toMatchObject({ status: 'running' });
  });
});
