import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './helpers.ts';

describe('/fact on the AMI note', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness?.close());

  it('/fact region finds "Built for a specific region", publicly, with the key phrase in bold and its source', async () => {
    const ix = await harness.fake.slash({ name: 'fact', options: { query: 'region' } });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(false);
    const embed = reply.embeds[0] as {
      title: string;
      description: string;
      fields: { name: string; value: string }[];
    };
    expect(embed.title).toBe('Region');
    expect(embed.description).toBe('Built for a **specific region**');
    expect(embed.fields[0]).toEqual({
      name: 'Source',
      value: 'AMI (Amazon Machine Image) › AMI Characteristics',
    });
    expect(embed.fields[1]?.name).toBe('See also');
  });

  it('autocomplete for "cros" offers Cross-Region, and picking it shows that fact', async () => {
    const choices = await harness.fake.autocomplete({
      name: 'fact',
      options: { query: 'cros' },
      focused: 'query',
    });
    const cross = choices.find((c) => c.name.startsWith('Cross-Region'));
    expect(cross?.name).toBe('Cross-Region — Can be copied across regions');
    expect(choices.length).toBeLessThanOrEqual(25);

    const picked = await harness.fake.slash({ name: 'fact', options: { query: String(cross?.value) } });
    expect((await picked.reply()).embeds[0]?.description).toBe('Can be **copied across regions**');
  });

  it('a Q&A answer keeps its highlights as bold', async () => {
    const reply = await (
      await harness.fake.slash({ name: 'fact', options: { query: 'sell your own AMIs' } })
    ).reply();
    expect(reply.embeds[0]?.title).toBe('Can you sell your own AMIs?');
    expect(reply.embeds[0]?.description).toContain(
      '**Yes**. You can publish and sell AMIs through the **AWS Marketplace**.',
    );
  });

  it('nothing matching → the three nearest suggestions, privately', async () => {
    const ix = await harness.fake.slash({ name: 'fact', options: { query: 'regoin' } });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(reply.content).toMatch(
      /^Nothing matches “regoin”\. Did you mean: \*\*Region\*\*, \*\*[^*]+\*\*, \*\*[^*]+\*\*\?$/,
    );
    expect(harness.fake.violations).toEqual([]);
  });
});

describe('note text that contains mentions', () => {
  let harness: Harness;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flashcord-mentions-'));
    mkdirSync(join(dataDir, 'pranks'));
    writeFileSync(
      join(dataDir, 'pranks', 'ping.md'),
      [
        '# Pings',
        '',
        '| Term | Meaning |',
        '| --- | --- |',
        '| Everyone | Hello @everyone and <@&123> and @here, ==wake up== |',
        '| Role | Ask <@&123> or <@100000000000000002> for ==help== |',
        '| Quiet | Nobody is ==pinged== here |',
        '',
      ].join('\n'),
    );
    harness = await startHarness({ env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is posted without pinging anyone: every message the bot sent disables mention parsing', async () => {
    const fact = await (await harness.fake.slash({ name: 'fact', options: { query: 'everyone' } })).reply();
    expect(fact.embeds[0]?.description).toContain('@everyone and <@&123>');

    const quiz = await harness.fake.slash({ name: 'quiz', options: { topic: 'pranks', questions: 3 } });
    await quiz.reply();

    const sent = harness.fake.requests.filter(
      (r) => r.path.includes('/callback') || r.path.includes('/webhooks/'),
    );
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const request of sent) {
      const body = request.body as { data?: Record<string, unknown> } & Record<string, unknown>;
      const message = body.data ?? body;
      if ('content' in message || 'embeds' in message)
        expect(message.allowed_mentions).toEqual({ parse: [] });
    }
    expect(harness.fake.violations).toEqual([]);
  });
});
