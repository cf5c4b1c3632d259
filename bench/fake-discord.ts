/**
 * Fake Discord benchmark: what an end-to-end test pays for the stand-in. Login to ready, one slash
 * command round trip (dispatch → discord.js handler → callback captured), a burst of concurrent
 * interactions, and the cost of validating a message at Discord's limits. Run: `npx tsx bench/fake-discord.ts`.
 */
import { Client, GatewayIntentBits, MessageFlags } from 'discord.js';
import { FakeDiscord } from '../test/fake-discord/index.ts';
import { checkMessage } from '../test/fake-discord/validate-message.ts';

const SEQUENTIAL = 300;
const BURST = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const fake = await FakeDiscord.start({ rateLimitPerSecond: 10_000 });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl },
    allowedMentions: { parse: [] },
  });
  client.on('interactionCreate', (interaction) => {
    if (interaction.isChatInputCommand())
      void interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral });
  });
  const loginAt = performance.now();
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(fake.token);
  await ready;
  const loginMs = performance.now() - loginAt;
  await client.application?.commands.set([{ name: 'ping', description: 'pong' }]);

  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const at = performance.now();
    await (await fake.slash({ name: 'ping' })).response();
    latencies.push(performance.now() - at);
  }
  latencies.sort((a, b) => a - b);

  const burstAt = performance.now();
  const handles = await Promise.all(Array.from({ length: BURST }, () => fake.slash({ name: 'ping' })));
  await Promise.all(handles.map((h) => h.response({ timeoutMs: 30_000 })));
  const burstMs = performance.now() - burstAt;

  const embed = {
    title: 't'.repeat(256),
    description: 'd'.repeat(4096),
    fields: Array.from({ length: 25 }, () => ({ name: 'n'.repeat(20), value: 'v'.repeat(40) })),
  };
  const button = (r: number, b: number) => ({
    type: 2,
    style: 1,
    custom_id: `v1:quiz:session:${r}${b}`,
    label: 'x'.repeat(80),
  });
  const body = {
    content: 'c'.repeat(2000),
    embeds: [embed],
    components: Array.from({ length: 5 }, (_, r) => ({
      type: 1,
      components: Array.from({ length: 5 }, (_, b) => button(r, b)),
    })),
    allowed_mentions: { parse: [] },
  };
  const rounds = 20_000;
  const checkAt = performance.now();
  for (let i = 0; i < rounds; i++) checkMessage(body, ['data'], 0);
  const checkUs = ((performance.now() - checkAt) * 1000) / rounds;

  console.table([
    { metric: 'login → clientReady (1 guild)', value: `${loginMs.toFixed(0)} ms` },
    {
      metric: `slash round trip p50 (${SEQUENTIAL} sequential)`,
      value: `${percentile(latencies, 50).toFixed(2)} ms`,
    },
    { metric: 'slash round trip p99', value: `${percentile(latencies, 99).toFixed(2)} ms` },
    {
      metric: `burst of ${BURST} concurrent interactions`,
      value: `${burstMs.toFixed(0)} ms (${((BURST / burstMs) * 1000).toFixed(0)}/s)`,
    },
    { metric: 'validate a message at every limit', value: `${checkUs.toFixed(1)} µs` },
    { metric: 'violations', value: String(fake.violations.length) },
  ]);
  await client.destroy();
  await fake.close();
}

await main();
