/**
 * Daily planner benchmark: how long one scheduler tick takes to plan 1,000 servers.
 * Run: npx tsx bench/daily.ts
 */
import { localDate, localParts, pad } from '../src/core/localtime.ts';
import { addDays } from '../src/daily/dates.ts';
import { dueServers, nextPost, type PlannedServer } from '../src/daily/planner.ts';
import { zonedTimeToInstant } from '../src/daily/zoned.ts';

const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Kyiv',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Africa/Lagos',
  'Asia/Dubai',
];
const SERVERS = 1000;
const RUNS = 200;
const now = new Date('2026-11-27T12:00:00Z');

/** Servers spread over the zones, whose post time is `minutesAhead` from now (0 = due this minute). */
function makeServers(minutesAhead: number): PlannedServer[] {
  const at = new Date(now.getTime() + minutesAhead * 60_000);
  return Array.from({ length: SERVERS }, (_, i) => {
    const timeZone = ZONES[i % ZONES.length] as string;
    const p = localParts(at, timeZone);
    const today = localDate(now, timeZone);
    return {
      guildId: String(100_000 + i),
      settings: { channelId: '1', time: `${pad(p.hour)}:${pad(p.minute)}`, timeZone, enabled: true },
      lastPostedLocalDate: addDays(today, -1),
    };
  });
}

function measure(label: string, fn: () => number): string[] {
  const times: number[] = [];
  let result = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  const first = times[0] as number;
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(2);
  return [label, String(result), first.toFixed(2), at(0.5), at(0.95), at(1)];
}

const allDue = makeServers(0);
const dueNextMinute = makeServers(1);
const posted = allDue.map((s) => ({
  ...s,
  lastPostedLocalDate: addDays(s.lastPostedLocalDate as string, 1),
}));
const dates = Array.from({ length: SERVERS }, (_, i) => addDays('2026-01-01', i % 730));

const rows = [
  measure('dueServers: 1,000 due this minute', () => dueServers(allDue, now).length),
  measure('dueServers: 1,000 due next minute', () => dueServers(dueNextMinute, now).length),
  measure('dueServers: 1,000 posted already', () => dueServers(posted, now).length),
  measure('nextPost × 1,000 (/daily status)', () => allDue.filter((s) => nextPost(s.settings, now)).length),
  measure('zonedTimeToInstant × 1,000', () => {
    let n = 0;
    for (let i = 0; i < SERVERS; i++) {
      n += zonedTimeToInstant(dates[i] as string, '02:30', ZONES[i % ZONES.length] as string) ? 1 : 0;
    }
    return n;
  }),
];

const header = ['case', 'result', 'first ms', 'median ms', 'p95 ms', 'max ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
console.log(`daily planner, ${SERVERS} servers in ${ZONES.length} zones, ${RUNS} runs each (target < 50 ms)`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));

// ── Posting pace: 1,000 servers due in the same minute, posted through discord.js to the fake Discord ──
{
  const { Client } = await import('discord.js');
  const { default: Keyv } = await import('keyv');
  const { default: pino } = await import('pino');
  const { FakeDiscord } = await import('../test/fake-discord/index.ts');
  const { LiveBank } = await import('../src/bank/index.ts');
  const { ManualClock } = await import('../src/core/clock.ts');
  const { settleBackend } = await import('../src/daily/claims.ts');
  const { DEFAULT_LIMITS } = await import('../src/daily/posting.ts');
  const { discordDailyChannel } = await import('../src/daily/poster.ts');
  const { runTick } = await import('../src/daily/scheduler.ts');
  const { DailyStateStore } = await import('../src/daily/state.ts');
  const { pacedChannel } = await import('../src/daily/view.ts');
  const { createStore } = await import('../src/store/index.ts');

  const PER_SECOND = 40;
  const guilds = Array.from({ length: SERVERS }, (_, i) => ({
    id: String(200_000_000_000_000_000n + BigInt(i) * 4_194_304n),
    name: `Study ${i}`,
    channels: [{ name: 'daily' }],
    members: [],
  }));
  const fake = await FakeDiscord.start({ guilds });
  const client = new Client({ intents: [], rest: { api: fake.apiUrl } });
  client.rest.setToken(fake.token);
  const keyv = new Keyv();
  const store = createStore(keyv);
  const clock = new ManualClock('2026-11-27T08:00:00Z');
  for (const guild of guilds) {
    const channelId = fake.guild(guild.id).channels[0]?.id as string;
    const daily = { channelId, time: '08:00', timeZone: 'UTC', enabled: true };
    await store.settings.set(guild.id, { timeZone: 'UTC', daily });
  }
  const deps = {
    settings: store.settings,
    scores: store.scores,
    queue: store.queue,
    state: new DailyStateStore(keyv),
    claims: settleBackend(keyv, 0),
    bank: await LiveBank.open('data'),
    clock,
    log: pino({ level: 'silent' }),
    channel: pacedChannel(
      discordDailyChannel(() => client),
      PER_SECOND,
    ),
    limits: DEFAULT_LIMITS,
  };
  const start = performance.now();
  const report = await runTick(deps, { isReady: () => true, serves: () => true });
  const seconds = (performance.now() - start) / 1000;
  const posts = fake.requests.filter((r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path));
  const times = posts.map((r) => r.at).sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while ((times[j] as number) - (times[i] as number) >= 1000) i++;
    busiest = Math.max(busiest, j - i + 1);
  }
  const posted = report.results.filter((r) => r.result.kind === 'posted').length;
  const limited = fake.requests.filter((r) => r.status === 429).length;
  console.log(
    `\ndaily posting, ${SERVERS} servers due at once, paced at ${PER_SECOND} requests/s (limit 50/s)`,
  );
  console.log('| posted | tick wall s | mean posts/s | busiest 1 s window | 429s |');
  console.log('|---:|---:|---:|---:|---:|');
  console.log(
    `| ${posted} | ${seconds.toFixed(1)} | ${(posted / seconds).toFixed(1)} | ${busiest} | ${limited} |`,
  );
  await client.destroy();
  await store.close();
  await fake.close();
}
