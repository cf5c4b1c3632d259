import { randomUUID } from 'node:crypto';
import { schedule } from 'node-cron';
import { localDate } from '../core/localtime.ts';
import type { RankedEntry } from '../scoring/ranking.ts';
import type { SeasonResult } from '../store/seasons.ts';
import { applySeasonConfig, type SeasonConfig, type SeasonConfigInput } from './config.ts';
import { type CloseResult, type SeasonDeps, SeasonRunner } from './runner.ts';
import { daysLeft, type Season, type SeasonSchedule, seasonAt, seasonBefore } from './schedule.ts';

/** What the scheduler needs to know about the Discord connection (as for the daily question). */
export interface SeasonHost {
  isReady(): boolean;
  serves(guildId: string): boolean;
}

/** What `/season status` shows. */
export interface SeasonStatus {
  season?: Season;
  daysLeft: number;
  /** Members with points this season. */
  ranked: number;
  me: RankedEntry | null;
  /** The member one place ahead of the caller, and the points between them. */
  ahead?: { entry: RankedEntry; gap: number };
  config: SeasonConfig;
  /** A schedule that starts later (after `/season config`). */
  upcoming?: SeasonSchedule;
  /** Where the end-of-season post goes, and why there. */
  channel?: { id: string; from: 'season' | 'daily' };
  /** Why the champion role cannot be given, checked now. */
  roleProblem?: string;
  lastProblem?: string;
  last?: SeasonResult;
}

/** One season's standings for `/leaderboard period:season`. */
export interface SeasonStandingsView {
  name: string;
  /** The running season (standings still move) or a finished one (final). */
  live: boolean;
  /** Days left in the running season (the current day counted); null once it has ended. */
  daysLeft: number | null;
  ranked: number;
  /** Finished seasons keep each finisher's streak when the season ended. */
  top: (RankedEntry & { left?: boolean; streak?: number })[];
  me?: RankedEntry | null;
}

/** Seasons: configuration, status, standings, and the end-of-season scheduler. */
export class SeasonService {
  readonly runner: SeasonRunner;
  #task: { stop(): unknown; destroy(): unknown } | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #host: SeasonHost | undefined;
  /** The catch-up tick run on start (tests await it). */
  catchUp: Promise<CloseResult[]> | undefined;

  constructor(readonly deps: SeasonDeps) {
    this.runner = new SeasonRunner(deps);
  }

  /** Starts the minute cron (unless `cron` is false) and a catch-up tick: cron never replays missed minutes. */
  start(host: SeasonHost, { cron = true }: { cron?: boolean } = {}): void {
    this.#host = host;
    if (cron && !this.#task) {
      this.#task = schedule('* * * * *', () => this.#logged(), {
        noOverlap: true,
        name: `flashcord-season-${randomUUID().slice(0, 8)}`,
      });
    }
    this.catchUp = this.#logged();
  }

  async stop(): Promise<void> {
    if (this.#task) {
      await this.#task.stop();
      await this.#task.destroy();
      this.#task = undefined;
    }
    await this.#chain;
  }

  /** One pass over the served guilds, after any running one; safe to run any time (claims make it once). */
  tick(): Promise<CloseResult[]> {
    const run = this.#chain.then(() => this.#tick());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #tick(): Promise<CloseResult[]> {
    const host = this.#host;
    if (!host?.isReady()) return [];
    const ids = new Set([
      ...(await this.deps.settings.listGuildIds()),
      ...(await this.deps.seasons.listGuildIds()),
    ]);
    const results: CloseResult[] = [];
    for (const guildId of ids) {
      if (!host.serves(guildId)) continue;
      try {
        const result = await this.runner.runGuild(guildId);
        if (result) results.push(result);
      } catch (error) {
        // A store failure or timeout: a taken claim is resent once stale; other guilds go on.
        this.deps.log.error({ err: error, guildId }, 'end of season failed');
      }
    }
    return results;
  }

  async #logged(): Promise<CloseResult[]> {
    try {
      return await this.tick();
    } catch (error) {
      this.deps.log.error({ err: error }, 'season tick failed');
      return [];
    }
  }

  /** Applies `/season config` (see applySeasonConfig) and returns the status after it. */
  async configure(guildId: string, input: SeasonConfigInput, userId: string): Promise<SeasonStatus> {
    const { timeZone } = await this.deps.settings.get(guildId);
    const now = this.deps.clock.now();
    await this.deps.seasons.updateConfig(guildId, (current) =>
      applySeasonConfig(current, input, now, timeZone),
    );
    // A server configuring seasons starts being followed now (seasons that ended before get no post).
    await this.runner.runGuild(guildId).catch((error: unknown) => {
      this.deps.log.warn({ err: error, guildId }, 'season check after config failed');
    });
    return this.status(guildId, userId);
  }

  /** The current season, the caller's place and the gap to the next one, and any role or post problem. */
  async status(guildId: string, userId: string): Promise<SeasonStatus> {
    const { seasons, settings, scores, clock, discord } = this.deps;
    const guild = await settings.get(guildId);
    const config = await seasons.config(guildId);
    const state = await seasons.state(guildId);
    const now = clock.now();
    const season = seasonAt(config.timeline, now, guild.timeZone);
    const board = season
      ? await scores.seasonBoard(guildId, season.id, { limit: 1, userId })
      : { ranked: 0, top: [], me: null };
    const me = board.me ?? null;
    const status: SeasonStatus = {
      daysLeft: season ? daysLeft(season, now, guild.timeZone) : 0,
      ranked: board.ranked,
      me,
      config,
      ...(season ? { season } : {}),
    };
    if (season && me && me.rank > 1 && me.rank - 1 <= 100) {
      const above = await scores.seasonBoard(guildId, season.id, { limit: me.rank - 1 });
      const entry = above.top[me.rank - 2];
      if (entry) status.ahead = { entry, gap: entry.points - me.points };
    }
    const { next } = config.timeline;
    if (next && next.anchor > localDate(now, guild.timeZone)) status.upcoming = next;
    const dailyChannel = (guild.daily as { channelId?: unknown } | null)?.channelId;
    if (config.channelId) status.channel = { id: config.channelId, from: 'season' };
    else if (typeof dailyChannel === 'string') status.channel = { id: dailyChannel, from: 'daily' };
    if (config.championRoleId) {
      try {
        const problem = await discord.roleProblem(guildId, config.championRoleId);
        if (problem) status.roleProblem = problem;
      } catch (error) {
        status.roleProblem = `The bot could not check the champion role (${(error as Error).message}).`;
      }
    }
    if (state.lastProblem) status.lastProblem = state.lastProblem.reason;
    const [last] = await seasons.history(guildId);
    if (last) status.last = last;
    return status;
  }

  /** Finished seasons, newest first. */
  history(guildId: string): Promise<SeasonResult[]> {
    return this.deps.seasons.history(guildId);
  }

  /** Whether a season runs in the server now: the leaderboard offers its Season button only then. */
  async running(guildId: string): Promise<boolean> {
    const { timeZone } = await this.deps.settings.get(guildId);
    const config = await this.deps.seasons.config(guildId);
    return seasonAt(config.timeline, this.deps.clock.now(), timeZone) !== undefined;
  }

  /** Names members can ask for: the running season, then finished ones, newest first. */
  async seasonNames(guildId: string): Promise<string[]> {
    const { timeZone } = await this.deps.settings.get(guildId);
    const config = await this.deps.seasons.config(guildId);
    const current = seasonAt(config.timeline, this.deps.clock.now(), timeZone);
    const names = (await this.history(guildId)).map((r) => r.name);
    return [...new Set([...(current ? [current.name] : []), ...names])];
  }

  /**
   * Standings of the running season, or of a season asked for by name or start date ("December 2026",
   * "2026-12-01"); undefined when no season has that name.
   */
  async standings(guildId: string, userId: string, query?: string): Promise<SeasonStandingsView | undefined> {
    const { timeZone } = await this.deps.settings.get(guildId);
    const config = await this.deps.seasons.config(guildId);
    const now = this.deps.clock.now();
    const current = seasonAt(config.timeline, now, timeZone);
    const wanted = query?.trim().toLowerCase();
    const matches = (s: { name: string; id?: string; seasonId?: string }) =>
      s.name.toLowerCase() === wanted || (s.id ?? s.seasonId) === wanted;
    const live = async (season: Season): Promise<SeasonStandingsView> => {
      const board = await this.deps.scores.seasonBoard(guildId, season.id, { limit: 10, userId });
      return {
        name: season.name,
        live: true,
        // The season that just ended and is not closed yet has no days left: its board is final.
        daysLeft: season === current ? daysLeft(season, now, timeZone) : null,
        ranked: board.ranked,
        top: board.top,
        me: board.me ?? null,
      };
    };
    if (current && (!wanted || matches(current))) return live(current);
    const result = (await this.history(guildId)).find(matches);
    if (result) {
      const mine = result.top.find((s) => s.userId === userId);
      const retained = await this.deps.scores.seasonBoard(guildId, result.seasonId, { limit: 1, userId });
      return {
        name: result.name,
        live: false,
        daysLeft: null,
        ranked: result.ranked,
        top: result.top,
        me: mine ?? retained.me ?? null,
      };
    }
    // The season just ended but not closed yet (the minute between the boundary and the next tick).
    const previous = current && seasonBefore(config.timeline, current, timeZone);
    if (previous && matches(previous)) return live(previous);
    return undefined;
  }
}
