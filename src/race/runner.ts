import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import { UserError } from '../core/errors.ts';
import type { Logger } from '../log.ts';
import { recordGrade } from '../quiz/answer.ts';
import { grade } from '../quiz/grade.ts';
import type { Store } from '../store/index.ts';
import {
  answerRace,
  applyAwards,
  createRace,
  currentQuestion,
  finishRace,
  haltRace,
  isLastRound,
  nextRound,
  type RaceQuestion,
  type RaceState,
  type RaceTiming,
  revealRound,
} from './race.ts';
import type { RoundResult } from './round.ts';
import { type Cancel, type Scheduler, timerScheduler } from './scheduler.ts';
import { type ChannelClaim, RaceStore } from './store.ts';

/** Where a race shows itself (a Discord channel in production, a recorder in tests). */
export interface RaceDisplay {
  /** Posts the current round with its buttons; resolves to the message id. */
  postRound(state: RaceState): Promise<string>;
  /** Edits the open round's post (answer count); batched by the runner, never once per answer. */
  updateRound(state: RaceState): Promise<void>;
  /** Edits the round's post into the reveal: the answer, who was right, the fastest. */
  revealRound(state: RaceState, result: RoundResult, awarded: ReadonlyMap<string, number>): Promise<void>;
  /** Posts the final standings. */
  postStandings(state: RaceState): Promise<void>;
}

/** Timing of races; tests shorten it (e.g. 2 s rounds). */
export interface RaceSettings extends RaceTiming {
  /** At most one countdown edit per this many ms (only when the answer count changed). */
  updateEveryMs: number;
}

export const DEFAULT_RACE_SETTINGS: RaceSettings = { roundMs: 20_000, gapMs: 4_000, updateEveryMs: 5_000 };

/** What the race service needs. */
export interface RaceServiceDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Default: real timers against `clock`. */
  scheduler?: Scheduler;
  settings?: Partial<RaceSettings>;
  /** This process's runner id (default random); a race stored with another one is orphaned. */
  runner?: string;
  /** Race ids (default 10 random base-36 characters). */
  newId?: () => string;
}

/** What a new race is about. */
export interface RaceStart {
  guildId: string;
  channelId: string;
  starterId: string;
  topic: string | null;
  questions: RaceQuestion[];
}

/** The outcome of a click on an answer button. */
export type AnswerOutcome = 'locked' | 'duplicate' | 'closed' | 'invalid' | 'ended';

/** A finished race keeps its state this long, so late clicks are told it ended. */
const ENDED_TTL_MS = 60 * 60_000;
/** Headroom on the channel claim beyond the current round, so a crashed race frees the channel soon. */
const CLAIM_SLACK_MS = 60_000;

interface Active {
  display: RaceDisplay;
  timers: Cancel[];
  /** Answer count last shown on the post, so an unchanged count causes no edit. */
  shownAnswers: number;
}

/**
 * Runs races: claims the channel, posts rounds, takes answers, reveals, scores through the store's
 * guild queue, and posts standings. The store holds every race's state; this object only holds the
 * timers of the races it drives.
 */
export class RaceService {
  readonly runner: string;
  readonly settings: RaceSettings;
  readonly #races: RaceStore;
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #scheduler: Scheduler;
  readonly #newId: () => string;
  readonly #active = new Map<string, Active>();
  readonly #starting = new Set<Promise<RaceState>>();
  /** Orphaned races being ended after the click that found them was answered. */
  readonly #background = new Set<Promise<void>>();

  constructor(deps: RaceServiceDeps) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#log = deps.log;
    this.#races = new RaceStore(deps.store.sessions, deps.store.queue);
    this.settings = { ...DEFAULT_RACE_SETTINGS, ...deps.settings };
    for (const [name, value] of Object.entries(this.settings)) {
      if (!Number.isFinite(value) || value < 0 || (name !== 'gapMs' && value === 0)) {
        throw new RangeError(`race setting ${name} must be a positive number of ms, got ${value}`);
      }
    }
    this.#scheduler =
      deps.scheduler ??
      timerScheduler(deps.clock, (error) => this.#log.error({ err: error }, 'race task failed'));
    this.runner = deps.runner ?? randomBytes(6).toString('hex');
    this.#newId = deps.newId ?? (() => randomBytes(8).readBigUInt64BE().toString(36).slice(0, 10));
  }

  /**
   * Starts a race in a channel: claims it (a `UserError` naming the running race when taken),
   * calls `announce`, posts the first round and schedules the rest.
   */
  start(
    display: RaceDisplay,
    input: RaceStart,
    announce: (state: RaceState) => Promise<void> = async () => {},
  ): Promise<RaceState> {
    // Tracked so that a shutdown during a start waits for it and then ends that race too.
    const starting = this.#start(display, input, announce);
    this.#starting.add(starting);
    void starting.then(
      () => this.#starting.delete(starting),
      () => this.#starting.delete(starting),
    );
    return starting;
  }

  async #start(
    display: RaceDisplay,
    input: RaceStart,
    announce: (state: RaceState) => Promise<void>,
  ): Promise<RaceState> {
    const now = this.#now();
    let state = createRace({ ...input, id: this.#newId(), runner: this.runner, timing: this.settings }, now);
    const claim = claimOf(state);
    const outcome = await this.#races.claimChannel(input.channelId, claim, this.#claimTtl(), (holder) =>
      this.#isOrphaned(holder),
    );
    if (!outcome.claimed) throw new UserError(runningRaceMessage(outcome.holder));
    const previous = outcome.previous?.raceId;
    try {
      await this.#races.save(state, this.#stateTtl(state));
      // Announce first: the announcement answers the slash command, which Discord drops after 3 s.
      await announce(state);
      // The race this one replaced ends before its first round, so the channel reads in order.
      if (previous) await this.#endOrphan(display, previous);
      const messageId = await display.postRound(state);
      state = await this.#races.update(state.id, this.#stateTtl(state), (s) => {
        if (!s) return { value: state };
        const posted = { ...s, roundMessageId: messageId };
        return { state: posted, value: posted };
      });
    } catch (error) {
      // Ending an orphan twice is harmless (it only ends a running race): make sure it is not left running.
      if (previous) this.#inBackground(this.#endOrphan(display, previous));
      await this.#races.release(input.channelId, state.id);
      await this.#races.save(finishRace(haltRace(state, 'interrupted'), now), ENDED_TTL_MS);
      throw error;
    }
    this.#active.set(state.id, { display, timers: [], shownAnswers: 0 });
    this.#scheduleRound(state);
    this.#log.info(
      {
        raceId: state.id,
        guildId: state.guildId,
        channelId: state.channelId,
        questions: state.questions.length,
      },
      'race started',
    );
    return state;
  }

  /** Records a member's answer to round `round` of a race; nobody else learns the choice. */
  async answer(
    display: RaceDisplay,
    raceId: string,
    round: number,
    userId: string,
    choice: number,
  ): Promise<AnswerOutcome> {
    const at = this.#now();
    const outcome = await this.#races.update<AnswerOutcome | 'orphaned'>(raceId, ENDED_TTL_MS, (state) => {
      if (!state || state.endedAt !== undefined || state.status !== 'running') return { value: 'ended' };
      if (state.runner !== this.runner) return { value: 'orphaned' };
      if (state.round.index !== round) return { value: 'closed' };
      const answered = answerRace(state, userId, choice, at);
      if (answered.outcome !== 'locked') return { value: answered.outcome };
      return { state: answered.state, value: 'locked' };
    });
    if (outcome === 'orphaned') {
      // The click is answered now; ending the race (reveal, scores, standings) may take longer than 3 s.
      this.#inBackground(this.#endOrphan(display, raceId));
      return 'ended';
    }
    return outcome;
  }

  /**
   * Stops a race for its starter or an admin: the open round is revealed and scored, the standings
   * posted. Others get a `UserError`.
   */
  async stop(display: RaceDisplay, raceId: string, userId: string, isAdmin: boolean): Promise<void> {
    const state = await this.#races.load(raceId);
    if (state?.status !== 'running') throw new UserError('This race has already ended.');
    if (state.starterId !== userId && !isAdmin) {
      throw new UserError(
        `Only <@${state.starterId}>, who started this race, or a server admin can stop it.`,
      );
    }
    await this.#drive(raceId, () => this.#halt(display, raceId, 'stopped', userId));
  }

  /** Resolves once the work started in the background (ending orphaned races) has settled. */
  async whenIdle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  /** Ends every race this process drives (shutdown): each is revealed, scored and marked interrupted. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#starting]);
    await this.whenIdle();
    const running = [...this.#active.entries()];
    await Promise.all(
      running.map(([raceId, active]) =>
        this.#drive(raceId, () => this.#halt(active.display, raceId, 'interrupted')).catch((error: unknown) =>
          this.#log.warn({ err: error, raceId }, 'could not end race on shutdown'),
        ),
      ),
    );
  }

  /** Ids of the races this process is driving. */
  activeRaces(): string[] {
    return [...this.#active.keys()];
  }

  async #halt(
    display: RaceDisplay,
    raceId: string,
    status: 'stopped' | 'interrupted',
    by?: string,
  ): Promise<void> {
    this.#cancelTimers(raceId);
    const halted = await this.#races.update(raceId, ENDED_TTL_MS, (s) => {
      if (s?.status !== 'running') return { value: undefined };
      const next = haltRace(s, status, by);
      return { state: next, value: next };
    });
    if (!halted) return;
    this.#log.info({ raceId, status, by }, 'race halted');
    if (!halted.round.closed) await this.#closeRound(display, raceId, halted.round.index);
    else await this.#finish(display, raceId);
  }

  /** Ends an orphaned race on its lane; a failure is logged, never passed to the member who met it. */
  async #endOrphan(display: RaceDisplay, raceId: string): Promise<void> {
    try {
      await this.#drive(raceId, () => this.#interruptOrphan(display, raceId));
    } catch (error) {
      this.#log.warn({ err: error, raceId }, 'could not end a race interrupted by a restart');
    }
  }

  #inBackground(task: Promise<void>): void {
    this.#background.add(task);
    void task.finally(() => this.#background.delete(task));
  }

  /** The race was driven by a process that is gone: end it so its channel and post are not stuck. */
  async #interruptOrphan(display: RaceDisplay, raceId: string): Promise<void> {
    const state = await this.#races.update(raceId, ENDED_TTL_MS, (s) => {
      if (s?.status !== 'running' || s.runner === this.runner) return { value: undefined };
      // Adopted: this process finishes it.
      const adopted = haltRace({ ...s, runner: this.runner }, 'interrupted');
      return { state: adopted, value: adopted };
    });
    if (!state) return;
    this.#log.info({ raceId }, 'ending a race interrupted by a restart');
    if (!state.round.closed) await this.#closeRound(display, raceId, state.round.index);
    else await this.#finish(display, raceId);
  }

  async #isOrphaned(holder: ChannelClaim): Promise<boolean> {
    if (holder.runner === this.runner) {
      // Ours: stale only if the race already ended and its release failed.
      const state = await this.#races.load(holder.raceId);
      return !state || state.endedAt !== undefined;
    }
    return true; // one process owns a guild, so another runner id means a process that is gone
  }

  #scheduleRound(state: RaceState): void {
    const active = this.#active.get(state.id);
    if (!active) return;
    const { round } = state;
    active.shownAnswers = 0;
    const every = this.settings.updateEveryMs;
    for (let at = round.openedAt + every; at < round.closesAt; at += every) {
      active.timers.push(
        this.#scheduler.at(at, () => this.#drive(state.id, () => this.#tick(state.id, round.index))),
      );
    }
    active.timers.push(
      this.#scheduler.at(round.closesAt, () =>
        this.#drive(state.id, () => this.#closeRound(active.display, state.id, round.index)),
      ),
    );
  }

  /** The batched countdown edit: shows the answer count if it changed since the last edit. */
  async #tick(raceId: string, roundIndex: number): Promise<void> {
    const active = this.#active.get(raceId);
    const state = await this.#races.load(raceId);
    if (!active || !state || state.status !== 'running' || state.round.index !== roundIndex) return;
    if (state.round.closed || state.round.answers.length === active.shownAnswers) return;
    active.shownAnswers = state.round.answers.length;
    await this.#quietly(raceId, 'update the round post', () => active.display.updateRound(state));
  }

  /** Closes round `roundIndex` (once), scores it, shows the reveal, then goes on or ends the race. */
  async #closeRound(display: RaceDisplay, raceId: string, roundIndex: number): Promise<void> {
    const revealed = await this.#races.update(raceId, ENDED_TTL_MS, (s) => {
      if (!s || s.endedAt !== undefined || s.round.index !== roundIndex || s.round.closed) {
        return { value: undefined };
      }
      const next = revealRound(s);
      return { state: next.state, value: next };
    });
    if (!revealed) return;
    const awarded = await this.#score(revealed.state, revealed.result);
    const scored = await this.#races.update(raceId, ENDED_TTL_MS, (s) => {
      if (!s) return { value: undefined };
      const next = applyAwards(s, revealed.result, awarded);
      return { state: next, value: next };
    });
    if (!scored) return;
    await this.#quietly(raceId, 'reveal the round', () =>
      display.revealRound(scored, revealed.result, awarded),
    );
    if (scored.status !== 'running' || isLastRound(scored)) {
      await this.#finish(display, raceId);
      return;
    }
    const active = this.#active.get(raceId);
    if (!active) return;
    active.timers = [
      this.#scheduler.at(this.#now() + scored.timing.gapMs, () =>
        this.#drive(raceId, () => this.#openNext(raceId)),
      ),
    ];
  }

  async #openNext(raceId: string): Promise<void> {
    const active = this.#active.get(raceId);
    if (!active) return;
    const opened = await this.#races.update(raceId, ENDED_TTL_MS, (s) => {
      if (s?.status !== 'running' || s.endedAt !== undefined || !s.round.closed || isLastRound(s)) {
        return { value: undefined };
      }
      const next = nextRound(s, this.#now());
      return { state: next, value: next };
    });
    if (!opened) return;
    await this.#races.refreshClaim(opened.channelId, claimOf(opened), this.#claimTtl());
    let messageId: string;
    try {
      messageId = await active.display.postRound(opened);
    } catch (error) {
      // Without a post nobody can answer: end the race rather than run rounds nobody sees.
      this.#log.error({ err: error, raceId }, 'could not post a race round; ending the race');
      await this.#halt(active.display, raceId, 'interrupted');
      return;
    }
    const posted = await this.#races.update(raceId, this.#stateTtl(opened), (s) => {
      if (!s) return { value: undefined };
      const next = { ...s, roundMessageId: messageId };
      return { state: next, value: next };
    });
    if (posted) this.#scheduleRound(posted);
  }

  /** Posts the standings once, frees the channel and forgets the race's timers. */
  async #finish(display: RaceDisplay, raceId: string): Promise<void> {
    this.#cancelTimers(raceId);
    this.#active.delete(raceId);
    const ended = await this.#races.update(raceId, ENDED_TTL_MS, (s) => {
      if (!s || s.endedAt !== undefined) return { value: undefined };
      const next = finishRace(s, this.#now());
      return { state: next, value: next };
    });
    if (!ended) return;
    await this.#races.release(ended.channelId, raceId);
    await this.#quietly(raceId, 'post the standings', () => display.postStandings(ended));
    this.#log.info({ raceId, status: ended.status }, 'race ended');
  }

  /** Records every answer of the round through the guild's score queue; returns points awarded per member. */
  async #score(state: RaceState, result: RoundResult): Promise<Map<string, number>> {
    const question = currentQuestion(state);
    const awarded = new Map<string, number>();
    if (result.answers.length === 0) return awarded;
    const { timeZone } = await this.#store.settings.get(state.guildId);
    // The shared answer pipeline: same grading and scoring rules as solo quizzes, through the guild queue.
    const outcomes = await Promise.allSettled(
      result.answers.map((answer) =>
        recordGrade(
          this.#store.scores,
          {
            guildId: state.guildId,
            userId: answer.userId,
            question,
            topics: question.topics,
            kind: 'race',
            at: new Date(answer.at),
            timeZone,
            ...(answer.rank !== undefined ? { raceRank: answer.rank } : {}),
            cards: this.#store.cards,
            elapsedMs: answer.ms,
          },
          grade(question, { choice: answer.choice }),
        ),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const answer = result.answers[i];
      if (!answer) continue;
      if (outcome.status === 'fulfilled') {
        awarded.set(answer.userId, outcome.value.awarded);
        this.#countAnswer(state.guildId, question, answer.choice, answer.correct);
        if (outcome.value.cardError) {
          this.#log.warn(
            { err: outcome.value.cardError, raceId: state.id, userId: answer.userId },
            'review card not updated',
          );
        }
      } else
        this.#log.error(
          { err: outcome.reason, raceId: state.id, userId: answer.userId },
          'race answer not recorded',
        );
    }
    return awarded;
  }

  /**
   * Counts a recorded race answer in the question's statistics (`/bank flags`). Best effort and not
   * awaited: a statistic is not worth holding up the reveal.
   */
  #countAnswer(guildId: string, question: RaceQuestion, choice: number, correct: boolean): void {
    const chosen = correct ? undefined : question.options[choice];
    this.#store.health.recordAnswer(guildId, question.itemId, correct, chosen).catch(() => undefined);
  }

  /** Discord failures (a deleted post, a lost permission) must not stop the race or its scoring. */
  async #quietly(raceId: string, what: string, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.#log.warn({ err: error, raceId }, `could not ${what}`);
    }
  }

  /**
   * Runs the steps that move a race (reveal, next round, stop, end) one at a time per race, so a Stop
   * click during a reveal waits for it instead of posting the standings half-way through.
   * Steps running here never call `#drive` again (the lane would wait on itself).
   */
  #drive<T>(raceId: string, step: () => Promise<T>): Promise<T> {
    return this.#store.queue.run(`:race-driver:${raceId}`, step);
  }

  #cancelTimers(raceId: string): void {
    const active = this.#active.get(raceId);
    if (!active) return;
    for (const cancel of active.timers) cancel();
    active.timers = [];
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  /** Two rounds and a gap, plus slack: refreshed every round, so a crashed race frees the channel soon. */
  #claimTtl(): number {
    return 2 * (this.settings.roundMs + this.settings.gapMs) + CLAIM_SLACK_MS;
  }

  /** The rest of the race plus an hour, so late clicks still find it. */
  #stateTtl(state: RaceState): number {
    const rounds = state.questions.length - state.round.index;
    return rounds * (state.timing.roundMs + state.timing.gapMs) + ENDED_TTL_MS;
  }
}

function claimOf(state: RaceState): ChannelClaim {
  return { raceId: state.id, runner: state.runner, starterId: state.starterId, topic: state.topic };
}

/** The refusal for a second race in a channel, naming the one running. */
export function runningRaceMessage(holder: ChannelClaim): string {
  const topic = holder.topic ? ` on **${holder.topic}**` : '';
  return (
    `A race${topic} started by <@${holder.starterId}> is already running in this channel (race ${holder.raceId}). ` +
    'Wait for it to end, or ask its starter or an admin to press Stop.'
  );
}
