import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ShardSupervisor, type SupervisedShard, type SupervisorTimers } from '../../src/shard/supervisor.ts';

/** Timers that only fire when the test advances time. */
class FakeTimers implements SupervisorTimers {
  time = 0;
  readonly #due: { at: number; run: () => void; id: number }[] = [];
  #next = 0;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.#next++;
    this.#due.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    const index = this.#due.findIndex((t) => t.id === id);
    if (index >= 0) this.#due.splice(index, 1);
  };
  advance(ms: number): void {
    this.time += ms;
    for (const timer of this.#due.filter((t) => t.at <= this.time)) {
      this.clearTimeout(timer.id);
      timer.run();
    }
  }
  get pending(): number[] {
    return this.#due.map((t) => t.at - this.time);
  }
}

/** A shard whose process the test starts, readies and kills by hand. */
class FakeShard extends EventEmitter implements SupervisedShard {
  spawns: number[] = [];
  constructor(
    readonly id: number,
    private readonly timers: FakeTimers,
  ) {
    super();
  }
  async spawn(): Promise<void> {
    this.spawns.push(this.timers.now());
    this.emit('spawn');
  }
  die(): void {
    this.emit('death');
  }
}

const quiet = pino({ level: 'silent' });

function setup() {
  const timers = new FakeTimers();
  const supervisor = new ShardSupervisor({ log: quiet, timers });
  const shard = new FakeShard(0, timers);
  supervisor.start(shard);
  return { timers, supervisor, shard };
}

describe('the shard supervisor', () => {
  it('starts a shard at once and restarts a crashing one after 5 s, 10 s, 20 s', () => {
    const { timers, shard } = setup();
    expect(shard.spawns).toEqual([0]);
    for (const wait of [5_000, 10_000, 20_000]) {
      shard.die();
      expect(timers.pending).toEqual([wait]);
      timers.advance(wait - 1);
      expect(shard.spawns).toHaveLength(1 + [5_000, 10_000, 20_000].indexOf(wait));
      timers.advance(1);
    }
    expect(shard.spawns).toEqual([0, 5_000, 15_000, 35_000]);
  });

  it('reports readiness until the shard dies', () => {
    const { supervisor, shard } = setup();
    expect(supervisor.allReady()).toBe(false);
    shard.emit('ready');
    expect(supervisor.allReady()).toBe(true);
    shard.die();
    expect(supervisor.allReady()).toBe(false);
    expect(supervisor.stats(0)).toEqual({ crashesInARow: 1, startsToday: 1 });
  });

  it('restarts nothing once stopped, not even a restart already scheduled', () => {
    const { timers, supervisor, shard } = setup();
    shard.die();
    supervisor.stop();
    expect(timers.pending).toEqual([]);
    shard.die();
    timers.advance(60_000);
    expect(shard.spawns).toEqual([0]);
  });

  it('refuses to supervise the same shard twice', () => {
    const { timers, supervisor } = setup();
    expect(() => supervisor.start(new FakeShard(0, timers))).toThrow(/already supervised/);
  });
});
