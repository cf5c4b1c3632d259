import { UserError } from '../core/errors.ts';
import { fitText, MAX_OPTION_TEXT, quoteInput } from '../core/fit.ts';
import { localDate } from '../core/localtime.ts';
import {
  answerDaily,
  assertCanAnswer,
  CountEditor,
  type DailyAnswerRequest,
  type DailyAnswerResult,
} from './answers.ts';
import { bankOf, type DailyDeps, dailySettingsOf, laneOf, type PostResult, postDaily } from './posting.ts';
import { DailyScheduler, type SchedulerHost, type TickReport } from './scheduler.ts';
import { type DailySettings, type DailySettingsInput, makeDailySettings } from './settings.ts';
import { type DailyStatus, dailyStatus } from './status.ts';

/** The daily question's operations, for the command and the scheduler; no Discord types. */
export class DailyService {
  readonly counts: CountEditor;
  #scheduler: DailyScheduler | undefined;
  /** The catch-up tick run on start (tests await it). */
  catchUp: Promise<TickReport> | undefined;

  constructor(
    readonly deps: DailyDeps,
    { countEditMs = 5_000 }: { countEditMs?: number } = {},
  ) {
    this.counts = new CountEditor(deps, countEditMs);
  }

  /** Starts the scheduler (cron unless disabled) and its catch-up tick. */
  start(host: SchedulerHost, { cron = true }: { cron?: boolean } = {}): void {
    this.#scheduler ??= new DailyScheduler(this.deps, host);
    this.catchUp = this.#scheduler.start({ cron });
  }

  /** Stops the scheduler and pending count edits. */
  async stop(): Promise<void> {
    await this.#scheduler?.stop();
    await this.counts.stop();
  }

  /** Runs one scheduler tick now (tests drive time this way). */
  tick(): Promise<TickReport> {
    if (!this.#scheduler) throw new Error('the daily scheduler has not started');
    return this.#scheduler.tick();
  }

  /**
   * Validates `/daily set` input: settings stamped with now, or every problem (a bad time, zone, channel,
   * or a topic without questions) so the admin can fix them all at once.
   */
  prepare(
    input: DailySettingsInput,
    guildId?: string,
  ): { settings: DailySettings; problems: [] } | { problems: string[] } {
    const problems: string[] = [];
    let settings: DailySettings | undefined;
    try {
      settings = makeDailySettings(input, this.deps.clock.now());
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...error.message.split('\n'));
    }
    const topic = input.topic?.trim();
    const bank = guildId ? bankOf(this.deps, guildId) : this.deps.bank.current;
    if (topic && bank.itemsForTopic(topic).length === 0) {
      const known = bank
        .topics()
        .slice(0, 8)
        .map((t) => fitText(t.name, MAX_OPTION_TEXT));
      problems.push(
        `There are no questions about ${quoteInput(topic)}.${known.length ? ` Try one of: ${known.join(', ')}.` : ''}`,
      );
    }
    return settings && problems.length === 0 ? { settings, problems: [] } : { problems };
  }

  /** Saves settings from `prepare`, sets the server time zone, and resumes a paused daily. */
  async configure(guildId: string, settings: DailySettings): Promise<DailyStatus> {
    await this.deps.settings.update(guildId, (current) => ({
      ...current,
      timeZone: settings.timeZone,
      daily: settings,
    }));
    await this.deps.queue.run(laneOf(guildId), async () => {
      const state = await this.deps.state.getState(guildId);
      const next = { ...state, failures: 0 };
      delete next.lastFailure;
      delete next.pausedReason;
      await this.deps.state.putState(guildId, next);
    });
    return this.status(guildId);
  }

  /** Turns the daily question off, keeping its configuration; false when it was not set up. */
  async turnOff(guildId: string): Promise<boolean> {
    let found = false;
    await this.deps.settings.update(guildId, (current) => {
      const daily = dailySettingsOf(current.daily);
      found = daily !== undefined;
      return daily ? { ...current, daily: { ...daily, enabled: false } } : current;
    });
    return found;
  }

  /**
   * Posts today's question now (`/daily now`), revealing the previous one. Today's post counts as posted:
   * the scheduled one does not follow. Refused (UserError) when not set up, paused, or posted already.
   */
  async postNow(guildId: string): Promise<PostResult> {
    const guild = await this.deps.settings.get(guildId);
    const settings = dailySettingsOf(guild.daily);
    if (!settings?.enabled)
      throw new UserError('The daily question is not on here. Set it up with /daily set.');
    if (settings.paused) {
      const state = await this.deps.state.getState(guildId);
      throw new UserError(`The daily question is paused: ${state.pausedReason ?? 'posting failed'}`);
    }
    const today = localDate(this.deps.clock.now(), settings.timeZone);
    const state = await this.deps.state.getState(guildId);
    if (state.lastPostedLocalDate !== undefined && state.lastPostedLocalDate >= today) {
      throw new UserError(
        `Today's daily question (${state.lastPostedLocalDate}) is already posted; the next one comes at ${settings.time} tomorrow.`,
      );
    }
    return postDaily(this.deps, guildId, today);
  }

  /** Records a member's answer and schedules the batched count edit. */
  async answer(request: DailyAnswerRequest): Promise<DailyAnswerResult> {
    const result = await answerDaily(this.deps, request);
    this.counts.touch(request.guildId, request.localDate);
    return result;
  }

  /** Throws the refusal a member would get (already answered, closed, unknown) before they type an answer. */
  checkCanAnswer(guildId: string, localDate: string, userId: string): Promise<void> {
    return assertCanAnswer(this.deps, guildId, localDate, userId);
  }

  /** The status of a guild's daily question. */
  async status(guildId: string): Promise<DailyStatus> {
    const guild = await this.deps.settings.get(guildId);
    const state = await this.deps.state.getState(guildId);
    const lastPost = state.lastPostedLocalDate
      ? await this.deps.state.getPost(guildId, state.lastPostedLocalDate)
      : undefined;
    return dailyStatus({
      timeZone: guild.timeZone,
      settings: dailySettingsOf(guild.daily),
      state,
      lastPost,
      bank: bankOf(this.deps, guildId),
      now: this.deps.clock.now(),
    });
  }
}
