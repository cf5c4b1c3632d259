import type { ServerResponse } from 'node:http';
import type { FakeDiscord } from '../../test/fake-discord/index.ts';

/** How long changes are gathered into one event: a quiz answer makes several REST calls in a row. */
const BATCH_MS = 25;

/**
 * Tells every open page that something changed (the bot posted, edited or answered; the clock
 * moved), as server-sent events; pages then fetch what they show. Every message change goes
 * through the fake's REST API, so watching its request log is enough: no hook in the fake.
 */
export class ChangeFeed {
  readonly #clients = new Set<ServerResponse>();
  #version = 0;
  #pending: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(fake: FakeDiscord) {
    void this.#watch(fake);
  }

  /** Turns a response into an event stream until the page goes away. */
  subscribe(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`retry: 1000\nevent: change\ndata: ${this.#version}\n\n`);
    this.#clients.add(res);
    res.on('close', () => this.#clients.delete(res));
  }

  /** Announces a change soon (several changes within a few milliseconds make one event). */
  notify(): void {
    if (this.#stopped || this.#pending) return;
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.#version += 1;
      for (const res of this.#clients) res.write(`event: change\ndata: ${this.#version}\n\n`);
    }, BATCH_MS);
  }

  /** Ends every stream and stops watching. */
  close(): void {
    this.#stopped = true;
    clearTimeout(this.#pending);
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  async #watch(fake: FakeDiscord): Promise<void> {
    let seen = fake.requests.length;
    while (!this.#stopped) {
      try {
        // waitFor wakes on each request the fake handles; its timeout only bounds one wait.
        await fake.waitFor(() => this.#stopped || fake.requests.length !== seen, { timeoutMs: 60_000 });
      } catch {
        continue;
      }
      seen = fake.requests.length;
      this.notify();
    }
  }
}
