import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { UserError } from '../../src/core/errors.ts';
import {
  claimKey,
  type DuePost,
  dueServers,
  nextPost,
  type PlannedServer,
  postTimeFor,
} from '../../src/daily/planner.ts';
import { type DailySettings, makeDailySettings } from '../../src/daily/settings.ts';

const MINUTE = 60_000;

const settings = (time: string, timeZone: string, extra: Partial<DailySettings> = {}): DailySettings => ({
  channelId: '111',
  time,
  timeZone,
  enabled: true,
  ...extra,
});

/** Ticks the planner every minute from `from` to `to`, posting (and remembering) whatever is due. */
function runTicks(servers: PlannedServer[], clock: ManualClock, until: string, posts: DuePost[] = []) {
  const end = new Date(until).getTime();
  while (clock.now().getTime() <= end) {
    for (const due of dueServers(servers, clock.now())) {
      posts.push(due);
      const server = servers.find((s) => s.guildId === due.guildId);
      if (server) server.lastPostedLocalDate = due.localDate;
    }
    clock.advance(MINUTE);
  }
  return posts;
}

describe('makeDailySettings', () => {
  it('normalizes the time and stamps when the schedule was set', () => {
    const now = new Date('2026-11-27T10:00:20Z');
    expect(makeDailySettings({ channelId: '42', time: '8:05', timeZone: 'Europe/London' }, now)).toEqual({
      channelId: '42',
      time: '08:05',
      timeZone: 'Europe/London',
      enabled: true,
      setAt: '2026-11-27T10:00:20.000Z',
    });
  });

  it('names every problem at once', () => {
    const attempt = () =>
      makeDailySettings({ channelId: 'general', time: '25:00', timeZone: 'Europe/Paris2' }, new Date());
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/HH:MM[\s\S]*Europe\/Paris2[\s\S]*text channel/);
  });
});

describe('postTimeFor and nextPost', () => {
  it('gives the instant of the configured wall time on a local date', () => {
    expect(postTimeFor(settings('08:30', 'Asia/Kolkata'), '2026-11-27').toISOString()).toBe(
      '2026-11-27T03:00:00.000Z',
    );
  });

  it("plans today's post while its time is still ahead", () => {
    const post = nextPost(settings('08:30', 'Europe/London'), new Date('2026-11-27T08:00:00Z'));
    expect(post).toEqual({ localDate: '2026-11-27', at: new Date('2026-11-27T08:30:00Z') });
  });

  it("keeps today's post when its time has passed but it was not made (catch-up)", () => {
    const post = nextPost(settings('08:30', 'Europe/London'), new Date('2026-11-27T12:00:00Z'), '2026-11-26');
    expect(post?.localDate).toBe('2026-11-27');
  });

  it("moves to tomorrow once today's post is made", () => {
    const post = nextPost(settings('08:30', 'Europe/London'), new Date('2026-11-27T07:00:00Z'), '2026-11-27');
    expect(post).toEqual({ localDate: '2026-11-28', at: new Date('2026-11-28T08:30:00Z') });
  });

  it('plans nothing for a disabled or paused server', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(nextPost(settings('08:30', 'UTC', { enabled: false }), now)).toBeUndefined();
    expect(nextPost(settings('08:30', 'UTC', { paused: true }), now)).toBeUndefined();
  });

  it('owes no post for a time before the schedule was set: set at 10:00 for 08:30 starts tomorrow', () => {
    const s = settings('08:30', 'Europe/London', { setAt: '2026-11-27T10:00:00Z' });
    expect(nextPost(s, new Date('2026-11-27T10:00:00Z'))?.localDate).toBe('2026-11-28');
  });

  it('owes the post of the very minute the schedule was set in', () => {
    const s = settings('08:30', 'Europe/London', { setAt: '2026-11-27T08:30:40Z' });
    expect(nextPost(s, new Date('2026-11-27T08:30:40Z'))?.localDate).toBe('2026-11-27');
  });

  it('never plans a date on or before the last posted one, even after a time-zone change', () => {
    // Posted for 2026-11-28 in Tokyo; in New York it is still the 27th.
    const post = nextPost(
      settings('08:30', 'America/New_York'),
      new Date('2026-11-28T00:30:00Z'),
      '2026-11-28',
    );
    expect(post?.localDate).toBe('2026-11-29');
  });
});

describe('dueServers', () => {
  it('returns only servers whose post time has come and that have not posted today', () => {
    const now = new Date('2026-11-27T09:00:00Z');
    const due = dueServers(
      [
        { guildId: '1', settings: settings('08:30', 'Europe/London') },
        { guildId: '2', settings: settings('09:30', 'Europe/London') },
        { guildId: '3', settings: settings('08:30', 'Europe/London'), lastPostedLocalDate: '2026-11-27' },
        { guildId: '4', settings: settings('08:30', 'Europe/London'), lastPostedLocalDate: '2026-11-26' },
        { guildId: '5', settings: settings('08:30', 'Europe/London', { enabled: false }) },
      ],
      now,
    );
    expect(due.map((d) => d.guildId)).toEqual(['1', '4']);
    expect(due[0]).toEqual({ guildId: '1', localDate: '2026-11-27', at: new Date('2026-11-27T08:30:00Z') });
  });

  it('skips a server with corrupt settings, reports it, and still plans the others', () => {
    const problems: string[] = [];
    const due = dueServers(
      [
        { guildId: '1', settings: settings('08:30', 'Nowhere/City') },
        { guildId: '2', settings: settings('8h30', 'UTC') },
        { guildId: '3', settings: settings('08:30', 'UTC', { setAt: 'yesterday' }) },
        { guildId: '4', settings: settings('08:30', 'UTC') },
      ],
      new Date('2026-11-27T09:00:00Z'),
      (guildId, error) => problems.push(`${guildId}: ${error.message}`),
    );
    expect(due.map((d) => d.guildId)).toEqual(['4']);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('"Nowhere/City" is not a known time zone');
  });

  it('posts at midnight (00:00) at the first tick of the new local date, not a minute before', () => {
    const servers: PlannedServer[] = [
      { guildId: '1', settings: settings('00:00', 'Asia/Kolkata'), lastPostedLocalDate: '2026-11-26' },
    ];
    // 2026-11-27 00:00 in Kolkata is 2026-11-26T18:30Z.
    expect(dueServers(servers, new Date('2026-11-26T18:29:59Z'))).toEqual([]);
    expect(dueServers(servers, new Date('2026-11-26T18:30:00Z'))).toEqual([
      { guildId: '1', localDate: '2026-11-27', at: new Date('2026-11-26T18:30:00Z') },
    ]);
  });

  it('posts at 23:59 for the date that is ending, then again the next day', () => {
    const clock = new ManualClock('2026-11-27T00:00:00Z');
    const servers: PlannedServer[] = [{ guildId: '1', settings: settings('23:59', 'Europe/London') }];
    const posts = runTicks(servers, clock, '2026-11-29T23:59:00Z');
    expect(posts.map((p) => [p.localDate, p.at.toISOString()])).toEqual([
      ['2026-11-27', '2026-11-27T23:59:00.000Z'],
      ['2026-11-28', '2026-11-28T23:59:00.000Z'],
      ['2026-11-29', '2026-11-29T23:59:00.000Z'],
    ]);
  });

  it('a server set up at 23:59 for 23:59 posts that same minute, once', () => {
    const clock = new ManualClock('2026-11-27T23:59:10Z');
    const s = makeDailySettings({ channelId: '9', time: '23:59', timeZone: 'Europe/London' }, clock.now());
    const posts = runTicks([{ guildId: '9', settings: s }], clock, '2026-11-28T12:00:00Z');
    expect(posts.map((p) => p.localDate)).toEqual(['2026-11-27']);
  });

  it('a server set up at 23:59 for 08:30 first posts the next morning', () => {
    const clock = new ManualClock('2026-11-27T23:59:00Z');
    const s = makeDailySettings({ channelId: '9', time: '08:30', timeZone: 'Europe/London' }, clock.now());
    const posts = runTicks([{ guildId: '9', settings: s }], clock, '2026-11-28T23:00:00Z');
    expect(posts.map((p) => [p.localDate, p.at.toISOString()])).toEqual([
      ['2026-11-28', '2026-11-28T08:30:00.000Z'],
    ]);
  });

  it('after 5 minutes of downtime over the post time, catches up once on the first tick back', () => {
    const clock = new ManualClock('2026-11-27T08:00:00Z');
    const servers: PlannedServer[] = [{ guildId: '1', settings: settings('08:30', 'Europe/London') }];
    const posts = runTicks(servers, clock, '2026-11-27T08:28:00Z');
    expect(posts).toEqual([]);
    clock.set('2026-11-27T08:34:00Z'); // down from 08:29 to 08:33: no ticks
    runTicks(servers, clock, '2026-11-27T23:59:00Z', posts);
    expect(posts.map((p) => [p.localDate, p.at.toISOString()])).toEqual([
      ['2026-11-27', '2026-11-27T08:30:00.000Z'],
    ]);
  });

  it('catches up when the bot comes back during the repeated hour, after the first occurrence passed', () => {
    // New York 2026-11-01: 01:30 EDT is 05:30Z; the bot returns at 01:10 EST (06:10Z), when the wall clock
    // reads earlier than 01:30 again.
    const servers: PlannedServer[] = [
      { guildId: '1', settings: settings('01:30', 'America/New_York'), lastPostedLocalDate: '2026-10-31' },
    ];
    expect(dueServers(servers, new Date('2026-11-01T06:10:00Z'))).toEqual([
      { guildId: '1', localDate: '2026-11-01', at: new Date('2026-11-01T05:30:00Z') },
    ]);
  });

  it('posts nothing more after a restart that remembers the last posted date', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    const s = settings('08:30', 'Europe/London');
    expect(dueServers([{ guildId: '1', settings: s, lastPostedLocalDate: '2026-11-27' }], now)).toEqual([]);
    // Without that memory today's post looks due again: the claim key is what stops a second post then.
    expect(dueServers([{ guildId: '1', settings: s }], now)[0]?.localDate).toBe('2026-11-27');
  });
});

describe('claimKey', () => {
  it('builds a versioned per-guild, per-date key', () => {
    expect(claimKey('123456789012345678', '2027-03-14')).toBe(
      'v1:guild:123456789012345678:daily:claim:2027-03-14',
    );
  });

  it('refuses a guild id or date that would make a malformed key', () => {
    expect(() => claimKey('12:34', '2027-03-14')).toThrow('snowflake');
    expect(() => claimKey('1234', '2027-3-14')).toThrow('YYYY-MM-DD');
  });
});
