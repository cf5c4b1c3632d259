import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'notes');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const GUILD_A = '200000000000000001';
const GUILD_B = '200000000000000002';
const alice = { id: '100000000000000001', username: 'alice' };
const bob = { id: '100000000000000002', username: 'bob' };

const text = (message: FakeMessage) =>
  [message.content, ...message.embeds.map((e) => JSON.stringify(e))].join('\n');

describe('/bank: own notes of a server, managed from Discord', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      fake: {
        guilds: [
          { id: GUILD_A, name: 'Server A', channels: [{ name: 'general' }] },
          { id: GUILD_B, name: 'Server B', channels: [{ name: 'general' }] },
        ],
      },
      // Global registration, so both servers have the commands.
      env: { DEV_GUILD_ID: '' },
    });
  }, 60_000);
  afterAll(async () => harness?.close());

  async function upload(
    name: string,
    content: string | Uint8Array,
    options: { guildId?: string; user?: typeof alice; folder?: string; force?: boolean; type?: string } = {},
  ): Promise<FakeMessage> {
    const file = harness.fake.addAttachment(name, content, options.type ?? 'text/markdown; charset=utf-8');
    const ix = await harness.fake.slash({
      name: 'bank',
      subcommand: 'add',
      guildId: options.guildId ?? GUILD_A,
      user: options.user ?? alice,
      options: {
        file: { attachment: file },
        ...(options.folder ? { folder: options.folder } : {}),
        ...(options.force ? { force: true } : {}),
      },
    });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    return reply;
  }

  async function bank(subcommand: string, guildId = GUILD_A, options: Record<string, string> = {}) {
    const ix = await harness.fake.slash({ name: 'bank', subcommand, guildId, user: alice, options });
    return { ix, reply: await ix.reply() };
  }

  async function fact(query: string, guildId: string): Promise<string> {
    const ix = await harness.fake.slash({ name: 'fact', guildId, user: bob, options: { query } });
    return text(await ix.reply());
  }

  async function topics(typed: string, guildId: string): Promise<string[]> {
    const choices = await harness.fake.autocomplete({
      name: 'quiz',
      guildId,
      user: bob,
      options: { topic: typed },
      focused: 'topic',
    });
    return choices.map((c) => String(c.value));
  }

  it("an admin's note in server A is found by A's /fact and /quiz topics, never by server B's", async () => {
    const reply = await upload('vpc.md', fixture('vpc.md'), { folder: 'aws' });
    expect(reply.embeds[0]?.title).toBe('✅ Added server/aws/vpc.md');
    expect(reply.embeds[0]?.description).toContain('**3** items: qa 1 · cloze 1 · fact 1');
    expect(reply.embeds[0]?.description).toContain('No problems found.');

    expect(await fact('Transit Gateway', GUILD_A)).toContain('Hub that connects many VPCs');
    expect(await fact('Transit Gateway', GUILD_B)).not.toContain('Hub that connects many VPCs');
    expect(await topics('vpc', GUILD_A)).toContain('VPC');
    expect(await topics('vpc', GUILD_B)).toEqual([]);
    expect(await topics('networking', GUILD_A)).toContain('networking');

    const quizB = await harness.fake.slash({
      name: 'quiz',
      guildId: GUILD_B,
      user: bob,
      options: { topic: 'VPC' },
    });
    expect(text(await quizB.reply())).toContain('Nothing to ask about "VPC"');
    const quizA = await harness.fake.slash({
      name: 'quiz',
      guildId: GUILD_A,
      user: bob,
      options: { topic: 'VPC' },
    });
    expect(text(await quizA.reply())).not.toContain('Nothing to ask');

    const banks = harness.bot.ctx.banks;
    const ids = banks
      .forGuild(GUILD_A)
      .itemsForTopic('server/aws/vpc.md')
      .map((item) => item.id);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(banks.forGuild(GUILD_B).get(id)).toBeUndefined();
    expect(harness.fake.violations).toEqual([]);
  });

  it('refuses a note with a question callout lacking an answer, naming the line, and saves nothing', async () => {
    const reply = await upload('broken.md', fixture('broken.md'));
    const embed = reply.embeds[0] as { title: string; description: string };
    expect(embed.title).toBe('❌ Refused server/broken.md');
    expect(embed.description).toContain('Not saved: 1 error.');
    expect(embed.description).toMatch(/❌ `server\/broken\.md:5` .*no answer/);
    expect(embed.description).toContain('**2** items: qa 1 · cloze 1');
    const list = (await bank('list')).reply;
    expect(text(list)).not.toContain('broken.md');
  });

  it('saves a broken note with force, keeping what could be read, and lists its errors', async () => {
    const reply = await upload('broken.md', fixture('broken.md'), { force: true });
    expect(reply.embeds[0]?.description).toContain('Saved with 1 error (force).');
    expect(text((await bank('list')).reply)).toMatch(/`broken\.md` — 2 items .*❌ 1 error/);
    const stats = (await bank('stats')).reply.embeds[0]?.description ?? '';
    expect(stats).toMatch(/`server\/broken\.md:5`/);
  });

  it('refuses an oversized file, a binary file, path-like and hidden names, and a member without Manage Server', async () => {
    const inB = { guildId: GUILD_B };
    const big = `# Big\n\n${'A line of padding text for an oversized note.\n'.repeat(26_000)}`;
    expect(text(await upload('big.md', big, inB))).toMatch(
      /“big\.md” is 1\.\d MB; a note may be at most 1 MB\./,
    );

    const binary = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(text(await upload('photo.md', binary, { ...inB, type: 'application/octet-stream' }))).toContain(
      '“photo.md” is a binary file, not a Markdown text file.',
    );
    expect(text(await upload('photo.md', binary, { ...inB, type: 'image/png' }))).toContain('is image/png');

    // Discord never sends a file name with "/", so the path arrives through the folder option.
    expect(text(await upload('passwd.md', 'root:x:0:0', { ...inB, folder: '../../etc' }))).toContain(
      'must not contain . or ..',
    );
    expect(text(await upload('.env.md', 'TOKEN=x', inB))).toContain('hidden file');
    expect(text(await upload('notes.txt', 'plain', { ...inB, type: 'text/plain' }))).toContain(
      'only .md files',
    );

    const refused = await upload('vpc.md', fixture('vpc.md'), { user: bob });
    expect(refused.content).toBe('You need the Manage Server permission to use /bank.');
    expect(harness.bot.ctx.notes.list(GUILD_A).map((n) => n.meta.key)).toEqual(['aws/vpc.md', 'broken.md']);
    expect(harness.bot.ctx.notes.list(GUILD_B)).toEqual([]);
  });

  it('limits uploads to 10 a minute per server, counting refused ones', async () => {
    // Server B tried 6 uploads in the previous spec.
    for (let i = 0; i < 4; i++)
      await upload(`n${i}.md`, `# N${i}\n\nFact ${i}::Answer ${i}\n`, { guildId: GUILD_B });
    expect(harness.bot.ctx.notes.list(GUILD_B)).toHaveLength(4);
    const limited = await upload('n4.md', '# N4\n', { guildId: GUILD_B });
    expect(limited.content).toMatch(
      /^Too many uploads: a server may add 10 notes a minute; try again in \d+ s\.$/,
    );
    expect(harness.bot.ctx.notes.list(GUILD_B)).toHaveLength(4);
  });

  it('replaces a note of the same name and says so', async () => {
    const more = `${fixture('vpc.md')}\nSecurity groups are ==stateful==.\n`;
    const reply = await upload('vpc.md', more, { folder: 'aws' });
    expect(reply.embeds[0]?.description).toContain('Replaced the earlier `aws/vpc.md` (3 items).');
    expect(harness.bot.ctx.banks.forGuild(GUILD_A).itemsForTopic('server/aws/vpc.md')).toHaveLength(4);
  });

  it('shows a note page by page with buttons, and removes a note with autocomplete', async () => {
    const cards = Array.from({ length: 11 }, (_, i) => `Card ${i + 1} front::Card ${i + 1} back`).join(
      '\n\n',
    );
    await upload('cards.md', `# Cards\n\n${cards}\n`);
    const names = await harness.fake.autocomplete({
      name: 'bank',
      subcommand: 'show',
      guildId: GUILD_A,
      user: alice,
      options: { note: 'car' },
      focused: 'note',
    });
    expect(names).toEqual([{ name: 'cards.md — 11 items', value: 'cards.md' }]);

    const { reply: first } = await bank('show', GUILD_A, { note: 'cards.md' });
    expect(first.embeds[0]?.footer).toEqual({ text: 'Page 1/2 · 11 items' });
    expect(first.embeds[0]?.description).toContain('Card 8 front');
    const next = (first.components[0] as { components: { custom_id: string; label: string }[] })
      .components[1];
    expect(next?.label).toBe('Next ▶');
    const clicked = await harness.fake.click({
      message: first,
      customId: next?.custom_id ?? '',
      user: alice,
    });
    const second = await clicked.reply();
    expect(second.embeds[0]?.footer).toEqual({ text: 'Page 2/2 · 11 items' });
    expect(second.embeds[0]?.description).toContain('Card 11 front');

    const { reply: removed } = await bank('remove', GUILD_A, { note: 'cards.md' });
    expect(removed.content).toBe("Removed `cards.md` and its 11 items from this server's bank.");
    expect(harness.bot.ctx.banks.forGuild(GUILD_A).itemsForTopic('Cards')).toEqual([]);
    const { reply: unknown } = await bank('remove', GUILD_A, { note: 'cards.md' });
    expect(unknown.content).toContain('This server has no note “cards.md”.');
    expect(harness.fake.violations).toEqual([]);
  });

  it("keeps a server's notes across a restart (they live in the store)", async () => {
    await harness.restart();
    expect(await fact('Transit Gateway', GUILD_A)).toContain('Hub that connects many VPCs');
    expect(await fact('Transit Gateway', GUILD_B)).not.toContain('Hub that connects many VPCs');
    const stats = (await bank('stats')).reply.embeds[0] as {
      description: string;
      fields: { value: string }[];
    };
    expect(stats.fields[0]?.value).toContain('`server/aws/vpc.md`');
    expect(stats.fields[0]?.value).toContain('`aws/ami.md`');
    expect(harness.fake.violations).toEqual([]);
  });

  it('/bank reload reports what changed in the shared folder', async () => {
    const { reply } = await bank('reload');
    expect(reply.content).toMatch(/^Reloaded the shared notes: \*\*1\*\* note, \*\*\d+\*\* items\./);
    expect(reply.content).toContain('Changed or new: none');
    expect(reply.content).toContain('Unchanged: 1');
  });
});
