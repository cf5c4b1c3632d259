import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import { type ClaimBackend, type ClaimRecord, claimPost, markSent } from '../daily/claims.ts';
import { addDays } from '../daily/dates.ts';
import { dailySettingsOf } from '../daily/posting.ts';
import { PostFailure } from '../daily/view.ts';
import type { Logger } from '../log.ts';
import type { RankedEntry } from '../scoring/ranking.ts';
import { currentStreak } from '../scoring/streak.ts';
import type { ScoreStore, SeasonBoard } from '../store/scores.ts';
import type { SeasonResult, SeasonStanding, SeasonState, SeasonStore } from '../store/seasons.ts';
import { seasonKeys } from '../store/seasons.ts';
import type { SettingsStore } from '../store/settings.ts';
import { planSeasonEnd } from './planner.ts';
import { planRoleChanges } from './roles.ts';
import { daysBetween, type Season } from './schedule.ts';
import type { SeasonDiscord, SeasonPostView } from './view.ts';

/** Everything the end-of-season runner needs; Discord hides behind `discord`. */
export interface SeasonDeps {
  seasons: SeasonStore;
  settings: SettingsStore;
  scores: Pick<ScoreStore, 'seasonBoard' | 'getMember'>;
  claims: ClaimBackend;
  discord: SeasonDiscord;
  clock: Clock;
  log: Logger;
  /** A claim this old and not marked sent belongs to a process that died: it is resent once. */
  staleClaimMs: number;
}

/** What closing a guild's season did. */
export type CloseResult =
  | { kind: 'posted'; seasonId: string; messageId: string }
  /** Closed without a post: nobody scored, no channel, or Discord refused the post (`reason`). */
  | { kind: 'closed'; seasonId: string; reason: string }
  | { kind: 'skipped'; seasonId: string; reason: string };

/** What the role step did. */
interface RoleOutcome {
  roleId?: string;
  champions: string[];
  holders: string[];
  problem?: string;
}

/** How many places the history keeps and `/leaderboard period:season` shows. */
const BOARD_SIZE = 10;

/** Closes a guild's ended season exactly once: claim, standings, champion role, post, history. */
export class SeasonRunner {
  constructor(readonly deps: SeasonDeps) {}

  /** Plans and, when a season has ended, closes it; undefined when there was nothing to do. */
  async runGuild(guildId: string): Promise<CloseResult | undefined> {
    const { seasons, settings, clock } = this.deps;
    const { timeZone, daily } = await settings.get(guildId);
    const config = await seasons.config(guildId);
    const state = await seasons.state(guildId);
    const plan = planSeasonEnd(config.timeline, timeZone, clock.now(), state);
    if (plan.kind === 'start') {
      await seasons.updateState(guildId, (s) => (s.since ? s : { ...s, since: plan.since }));
      return undefined;
    }
    if (plan.kind === 'none') return undefined;
    const channelId = config.channelId ?? dailySettingsOf(daily)?.channelId;
    return this.#close(guildId, plan.season, plan.next, plan.skipped, channelId);
  }

  async #close(
    guildId: string,
    season: Season,
    next: Season | undefined,
    skipped: Season[],
    channelId: string | undefined,
  ): Promise<CloseResult> {
    const { deps } = this;
    const now = deps.clock.now();
    // The claim expires after a week; the history is the lasting record that a season was closed.
    if ((await deps.seasons.history(guildId)).some((r) => r.seasonId === season.id)) {
      await deps.seasons.updateState(guildId, (s) => closedState(s, season.id));
      return { kind: 'skipped', seasonId: season.id, reason: 'already closed' };
    }
    const key = seasonKeys.claim(guildId, season.id);
    const claim: ClaimRecord = { token: randomUUID(), state: 'claimed', at: now.getTime() };
    const outcome = await claimPost(deps.claims, key, claim, deps.staleClaimMs);
    if (outcome.kind === 'held')
      return { kind: 'skipped', seasonId: season.id, reason: 'claimed by another process' };
    if (outcome.kind === 'sent') {
      await deps.seasons.updateState(guildId, (s) => closedState(s, season.id));
      return { kind: 'skipped', seasonId: season.id, reason: 'closed by another process' };
    }
    for (const missed of [...skipped].reverse()) await this.#recordMissed(guildId, missed);

    const config = await deps.seasons.config(guildId);
    const state = await deps.seasons.state(guildId);
    const board = await deps.scores.seasonBoard(guildId, season.id, { limit: BOARD_SIZE });
    const standings = await this.#standings(guildId, board, season, Math.max(3, config.top));
    const winners = standings.slice(0, config.top).map((s) => ({ userId: s.userId, present: !s.left }));
    const role = await this.#moveRole(guildId, config.championRoleId, state, winners);

    let messageId: string | undefined;
    let reason: string | undefined;
    let postProblem: string | undefined;
    if (board.ranked === 0) reason = 'nobody scored this season';
    else if (!channelId) reason = 'no channel: set one with /season config channel or /daily set';
    else {
      const view: SeasonPostView = {
        guildId,
        season: { id: season.id, name: season.name },
        podium: standings.slice(0, 3),
        participants: board.ranked,
        champions: role.champions,
        ...(next
          ? {
              next: {
                name: next.name,
                endDate: next.endDate,
                days: daysBetween(next.startDate, next.endDate),
              },
            }
          : {}),
        ...(role.roleId ? { championRoleId: role.roleId } : {}),
        ...(role.problem ? { roleProblem: role.problem } : {}),
      };
      try {
        const posted = await deps.discord.post(channelId, view);
        messageId = posted.messageId;
        postProblem = posted.problem;
      } catch (error) {
        // A refusal is final (nothing was posted; retrying every minute would not help); a timeout or
        // 5xx keeps the claim, which is resent once it is stale.
        if (!(error instanceof PostFailure)) throw error;
        reason = `Discord refused the end-of-season post: ${error.message}. Give the bot View Channel, Send Messages, Embed Links and Attach Files there.`;
      }
    }
    await markSent(deps.claims, key, claim, messageId ?? '');
    const result = resultOf(season, board, standings, now, {
      champions: role.champions,
      ...(role.problem ? { roleProblem: role.problem } : {}),
      ...(messageId ? { messageId } : {}),
    });
    await deps.seasons.addResult(guildId, result);
    const problems = [role.problem, postProblem, messageId || board.ranked === 0 ? undefined : reason];
    const problem = problems.filter(Boolean).join(' ') || undefined;
    await deps.seasons.updateState(guildId, (s) => {
      const closed: SeasonState = { ...closedState(s, season.id), holders: role.holders };
      if (role.roleId) closed.roleId = role.roleId;
      else delete closed.roleId;
      if (problem) closed.lastProblem = { at: now.toISOString(), reason: problem };
      else delete closed.lastProblem;
      return closed;
    });
    deps.log.info({ guildId, seasonId: season.id, messageId, champions: role.champions }, 'season closed');
    return messageId
      ? { kind: 'posted', seasonId: season.id, messageId }
      : { kind: 'closed', seasonId: season.id, reason: reason ?? 'closed' };
  }

  /** A season that ended while the bot was down, before the latest: kept in the history, not posted. */
  async #recordMissed(guildId: string, season: Season): Promise<void> {
    const board = await this.deps.scores.seasonBoard(guildId, season.id, { limit: BOARD_SIZE });
    const top = await this.#standings(guildId, board, season, 0);
    await this.deps.seasons.addResult(guildId, resultOf(season, board, top, this.deps.clock.now()));
  }

  /** The final standings with streaks; the first `checkPresence` are checked for still being members. */
  async #standings(
    guildId: string,
    board: SeasonBoard,
    season: Season,
    checkPresence: number,
  ): Promise<SeasonStanding[]> {
    const lastDay = addDays(season.endDate, -1);
    return Promise.all(
      board.top.map(async (entry: RankedEntry, i): Promise<SeasonStanding> => {
        const record = await this.deps.scores.getMember(guildId, entry.userId);
        const standing: SeasonStanding = {
          rank: entry.rank,
          userId: entry.userId,
          points: entry.points,
          accuracy: entry.accuracy ?? 0,
          streak: record ? currentStreak(record.daily, lastDay) : 0,
        };
        if (i < checkPresence && !(await this.#isMember(guildId, entry.userId))) standing.left = true;
        return standing;
      }),
    );
  }

  async #isMember(guildId: string, userId: string): Promise<boolean> {
    try {
      return await this.deps.discord.isMember(guildId, userId);
    } catch (error) {
      this.deps.log.warn(
        { err: error, guildId, userId },
        'could not tell whether a winner is still a member',
      );
      return false;
    }
  }

  /**
   * Moves the champion role: checked first (Manage Roles, hierarchy, managed), so a role the bot may not
   * give is never touched; a refusal on one member is reported and the rest goes on.
   */
  async #moveRole(
    guildId: string,
    roleId: string | undefined,
    state: SeasonState,
    winners: { userId: string; present: boolean }[],
  ): Promise<RoleOutcome> {
    const problems: string[] = [];
    // Holders of a role that is no longer the champion role lose it, if the bot may still manage it.
    if (state.roleId && state.roleId !== roleId && state.holders.length > 0) {
      const oldProblem = await this.#roleProblem(guildId, state.roleId);
      if (!oldProblem)
        for (const userId of state.holders)
          await this.#tryRole('remove', guildId, userId, state.roleId, problems);
    }
    if (!roleId) return { champions: [], holders: [] };
    const previous = state.roleId === roleId ? state.holders : [];
    const problem = await this.#roleProblem(guildId, roleId);
    if (problem) return { roleId, champions: [], holders: previous, problem };
    const plan = planRoleChanges(previous, winners);
    for (const userId of plan.remove) await this.#tryRole('remove', guildId, userId, roleId, problems);
    const failed = new Set<string>();
    for (const userId of plan.add) {
      if (!(await this.#tryRole('add', guildId, userId, roleId, problems))) failed.add(userId);
    }
    const holders = plan.holders.filter((id) => !failed.has(id));
    return {
      roleId,
      champions: holders,
      holders,
      ...(problems.length ? { problem: problems.join(' ') } : {}),
    };
  }

  async #roleProblem(guildId: string, roleId: string): Promise<string | undefined> {
    try {
      return await this.deps.discord.roleProblem(guildId, roleId);
    } catch (error) {
      this.deps.log.warn({ err: error, guildId, roleId }, 'could not check the champion role');
      return `The bot could not check the champion role (${(error as Error).message}).`;
    }
  }

  async #tryRole(
    change: 'add' | 'remove',
    guildId: string,
    userId: string,
    roleId: string,
    problems: string[],
  ): Promise<boolean> {
    try {
      if (change === 'add') await this.deps.discord.addRole(guildId, userId, roleId);
      else await this.deps.discord.removeRole(guildId, userId, roleId);
      return true;
    } catch (error) {
      this.deps.log.warn({ err: error, guildId, userId, roleId, change }, 'champion role change refused');
      const message = `Discord refused to ${change} the champion role (${(error as Error).message}).`;
      if (!problems.includes(message)) problems.push(message);
      return false;
    }
  }
}

/** The history record of a closed season; `extra` adds the champions, a role problem, the post. */
function resultOf(
  season: Season,
  board: SeasonBoard,
  top: SeasonStanding[],
  closedAt: Date,
  extra: Partial<Pick<SeasonResult, 'champions' | 'roleProblem' | 'messageId'>> = {},
): SeasonResult {
  return {
    v: 1,
    seasonId: season.id,
    name: season.name,
    startDate: season.startDate,
    endDate: season.endDate,
    ranked: board.ranked,
    top,
    champions: [],
    closedAt: closedAt.toISOString(),
    ...extra,
  };
}

function closedState(state: SeasonState, seasonId: string): SeasonState {
  return state.lastClosed !== undefined && state.lastClosed >= seasonId
    ? state
    : { ...state, lastClosed: seasonId };
}
