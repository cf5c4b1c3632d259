/**
 * One in-process writer per guild: work for one guild runs one at a time, in call order;
 * different guilds run concurrently. keyv has no atomic increment, so this is what keeps
 * concurrent answers from losing points.
 */
export class GuildQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `fn` after all earlier work for `guildId`; its result or error goes to the caller only. */
  run<T>(guildId: string, fn: () => Promise<T> | T): Promise<T> {
    const previous = this.#tails.get(guildId) ?? Promise.resolve();
    const result = previous.then(() => fn());
    // A failure belongs to its caller; the queue itself must go on.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(guildId, tail);
    void tail.then(() => {
      if (this.#tails.get(guildId) === tail) this.#tails.delete(guildId);
    });
    return result;
  }

  /** Resolves once all work queued so far has settled (for a graceful shutdown). */
  async idle(): Promise<void> {
    await Promise.all(this.#tails.values());
  }

  /** Number of guilds with queued or running work. */
  get busyGuilds(): number {
    return this.#tails.size;
  }
}
