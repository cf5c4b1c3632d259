import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { localDate, localParts, pad } from '../../src/core/localtime.ts';
import { addDays } from '../../src/daily/dates.ts';
import { type DuePost, dueServers, type PlannedServer } from '../../src/daily/planner.ts';
import type { DailySettings } from '../../src/daily/settings.ts';
import { zonedTimeToInstant } from '../../src/daily/zoned.ts';
import { inRange, loadDstZones } from './dst-fixture.ts';

// Times that fall before, inside, at the edges of and after every gap and repeat in the fixture.
const TIMES = [
  '00:00',
  '00:30',
  '01:00',
  '01:30',
  '01:45',
  '02:00',
  '02:15',
  '02:30',
  '03:00',
  '08:30',
  '23:59',
];
const MINUTE = 60_000;

const wall = (at: Date, timeZone: string) => {
  const p = localParts(at, timeZone);
  return { date: localDate(at, timeZone), time: `${pad(p.hour)}:${pad(p.minute)}` };
};

/**
 * Simulates the scheduler over the four local days D-2 … D+1 around the change day D: a tick every
 * minute calls dueServers with a ManualClock, records each post and remembers it as the server's last
 * posted date.
 */
function simulate(timeZone: string, changeDate: string): Map<string, DuePost[]> {
  // Four whole local days, D-2 to D+1, configured at the first minute of the first one.
  const clock = new ManualClock(zonedTimeToInstant(addDays(changeDate, -2), '00:00', timeZone));
  const end = zonedTimeToInstant(addDays(changeDate, 2), '00:00', timeZone).getTime() - MINUTE;
  const setAt = clock.now().toISOString();
  const servers: PlannedServer[] = TIMES.map((time) => ({
    guildId: String(TIMES.indexOf(time) + 1),
    settings: { channelId: '1', time, timeZone, enabled: true, setAt } satisfies DailySettings,
  }));
  const posts = new Map<string, DuePost[]>(TIMES.map((time) => [time, []]));
  while (clock.now().getTime() <= end) {
    for (const due of dueServers(servers, clock.now())) {
      const server = servers.find((s) => s.guildId === due.guildId) as PlannedServer;
      posts.get(server.settings.time)?.push({ ...due, at: clock.now() });
      server.lastPostedLocalDate = due.localDate;
    }
    clock.advance(MINUTE);
  }
  return posts;
}

describe.each(loadDstZones())('minute ticks around each DST change in $timeZone', ({ timeZone, changes }) => {
  it.each(changes)('$date: exactly one post per server per local date, at the right wall time', (change) => {
    const posts = simulate(timeZone, change.date);
    const days = [-2, -1, 0, 1].map((n) => addDays(change.date, n));
    for (const time of TIMES) {
      const made = posts.get(time) ?? [];
      const dates = made.map((p) => p.localDate);
      expect(dates, `${time}: not exactly one post per local date`).toEqual(days);
      for (const post of made) {
        const shown = wall(post.at, timeZone);
        expect(shown.date, `${time}: posted on another local date`).toBe(post.localDate);
        const expected = post.localDate === change.date && inRange(time, change.gap) ? change.gap?.[1] : time;
        expect(shown.time, `${time} on ${post.localDate}`).toBe(expected);
        if (post.localDate === change.date && inRange(time, change.repeat)) {
          const second = new Date(post.at.getTime() + (change.shiftMinutes ?? 0) * MINUTE);
          expect(wall(second, timeZone).time, `${time}: posted at the second occurrence`).toBe(time);
        }
      }
    }
  });
});
