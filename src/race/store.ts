import type { GuildQueue, SessionStore } from '../store/index.ts';
import type { RaceState } from './race.ts';

/** Who holds a channel: the one race allowed there at a time. */
export interface ChannelClaim {
  raceId: string;
  runner: string;
  starterId: string;
  topic: string | null;
}

const raceKey = (raceId: string) => `race:${raceId}`;
const claimKey = (channelId: string) => `race-channel:${channelId}`;
/** Claims and race states get their own queue lanes, apart from the guild's score writes. */
const claimLane = (channelId: string) => `:race-channel:${channelId}`;
const raceLane = (raceId: string) => `:race:${raceId}`;

/** Race states and channel claims in the session store (TTL'd keyv values), updated one at a time. */
export class RaceStore {
  readonly #sessions: SessionStore;
  readonly #queue: GuildQueue;

  constructor(sessions: SessionStore, queue: GuildQueue) {
    this.#sessions = sessions;
    this.#queue = queue;
  }

  /**
   * Claims `channelId` for `claim.raceId` for `ttlMs`. When another race holds it, returns that claim
   * unless `isStale` says its holder is gone (then the claim is taken over).
   */
  claimChannel(
    channelId: string,
    claim: ChannelClaim,
    ttlMs: number,
    isStale: (holder: ChannelClaim) => Promise<boolean> | boolean,
  ): Promise<{ claimed: true; previous?: ChannelClaim } | { claimed: false; holder: ChannelClaim }> {
    return this.#queue.run(claimLane(channelId), async () => {
      const holder = await this.#sessions.get<ChannelClaim>(claimKey(channelId));
      if (holder && holder.raceId !== claim.raceId && !(await isStale(holder))) {
        return { claimed: false as const, holder };
      }
      await this.#sessions.put(claimKey(channelId), claim, ttlMs);
      return holder && holder.raceId !== claim.raceId
        ? { claimed: true as const, previous: holder }
        : { claimed: true as const };
    });
  }

  /** The claim on a channel, if any. */
  claimOf(channelId: string): Promise<ChannelClaim | undefined> {
    return this.#sessions.get<ChannelClaim>(claimKey(channelId));
  }

  /** Extends the race's claim (each round) so a crashed race frees the channel soon after. */
  refreshClaim(channelId: string, claim: ChannelClaim, ttlMs: number): Promise<void> {
    return this.#queue.run(claimLane(channelId), async () => {
      const holder = await this.#sessions.get<ChannelClaim>(claimKey(channelId));
      if (holder && holder.raceId !== claim.raceId) return;
      await this.#sessions.put(claimKey(channelId), claim, ttlMs);
    });
  }

  /** Frees the channel if `raceId` still holds it. */
  release(channelId: string, raceId: string): Promise<void> {
    return this.#queue.run(claimLane(channelId), async () => {
      const holder = await this.#sessions.get<ChannelClaim>(claimKey(channelId));
      if (holder?.raceId === raceId) await this.#sessions.delete(claimKey(channelId));
    });
  }

  /** A race's state, or undefined when unknown or expired. */
  load(raceId: string): Promise<RaceState | undefined> {
    return this.#sessions.get<RaceState>(raceKey(raceId));
  }

  /** Saves a race's state for `ttlMs`. */
  save(state: RaceState, ttlMs: number): Promise<void> {
    return this.#sessions.put(raceKey(state.id), state, ttlMs);
  }

  /**
   * Read-modify-write of one race, serialized with every other change to it. `change` returns the
   * new state (saved) or undefined (nothing saved) plus a value for the caller.
   */
  update<T>(
    raceId: string,
    ttlMs: number,
    change: (state: RaceState | undefined) => { state?: RaceState; value: T },
  ): Promise<T> {
    return this.#queue.run(raceLane(raceId), async () => {
      const { state, value } = change(await this.load(raceId));
      if (state) await this.save(state, ttlMs);
      return value;
    });
  }
}
