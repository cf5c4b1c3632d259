import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Keyv from 'keyv';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildBank, parseNote } from '../../src/bank/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { GuildBanks } from '../../src/notes/guild-banks.ts';
import { GuildNotes } from '../../src/notes/service.ts';
import { NotesStore, noteKeys } from '../../src/notes/store.ts';
import { createStore, type Store } from '../../src/store/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const AMI = readFileSync(join(ROOT, 'data', 'aws', 'ami.md'));
const VPC = readFileSync(join(ROOT, 'test', 'fixtures', 'notes', 'vpc.md'), 'utf8');
const GUILD = '300000000000000001';
const OTHER = '300000000000000002';

/** Serves every URL as the text after `#` in it, so each test file carries its own content. */
const fakeFetch = (async (url: URL) =>
  new Response(decodeURIComponent(url.hash.slice(1)), {
    headers: { 'content-type': 'text/markdown' },
  })) as unknown as typeof fetch;
const file = (name: string, text: string) => ({
  name,
  url: `https://cdn.example/a/${name}#${encodeURIComponent(text)}`,
  size: Buffer.byteLength(text),
  contentType: 'text/markdown',
});

describe("a server's own notes", () => {
  let store: Store;
  let shared: { current: ReturnType<typeof buildBank> };
  let banks: GuildBanks;
  let clock: ManualClock;
  const notesOn = (limits = {}) =>
    new GuildNotes({ store: new NotesStore(store), banks, clock, fetch: fakeFetch, limits });

  beforeEach(() => {
    store = createStore(new Keyv());
    shared = { current: buildBank([parseNote('aws/ami.md', AMI)]) };
    banks = new GuildBanks(shared);
    clock = new ManualClock('2026-11-27T12:00:00Z');
  });

  it('serves the shared bank as is to a server without notes and in DMs', () => {
    expect(banks.forGuild(GUILD)).toBe(shared.current);
    expect(banks.forGuild(null)).toBe(shared.current);
  });

  it('adds a note to one server only, with ids from its server/ path', async () => {
    const notes = notesOn();
    const outcome = await notes.add(GUILD, file('vpc.md', VPC), { folder: 'aws', userId: '1' });
    expect(outcome).toMatchObject({ saved: true, forced: false, name: { path: 'server/aws/vpc.md' } });
    const own = banks.forGuild(GUILD);
    expect(own.items.length).toBe(shared.current.items.length + 3);
    expect(own.search('transit gateway')[0]?.item.note).toBe('server/aws/vpc.md');
    expect(own.topics()).toContainEqual({ name: 'server', kind: 'tag', items: 3 });
    expect(own.itemsForTopic('aws').length).toBe(shared.current.itemsForTopic('aws').length + 3);
    expect(banks.forGuild(OTHER).search('transit gateway')).toEqual([]);
    expect(banks.forGuild(GUILD)).toBe(own); // cached until something changes
  });

  it('stores notes under v1:guild:<id>:notes and loads them back in a new process', async () => {
    await notesOn().add(GUILD, file('vpc.md', VPC), { userId: '1' });
    expect(await store.raw.get(noteKeys.index(GUILD))).toMatchObject({
      v: 1,
      notes: [{ key: 'vpc.md', addedBy: '1', updatedAt: Date.parse('2026-11-27T12:00:00Z') }],
    });
    expect(await store.raw.get(noteKeys.note(GUILD, 'vpc.md'))).toMatchObject({ text: VPC });
    expect(await store.raw.get(noteKeys.guilds())).toEqual([GUILD]);

    banks = new GuildBanks(shared);
    expect(await notesOn().loadAll()).toEqual({ guilds: 1, notes: 1 });
    expect(banks.forGuild(GUILD).search('transit gateway')).toHaveLength(1);
  });

  it('rebuilds a server bank when the shared bank is reloaded', async () => {
    await notesOn().add(GUILD, file('vpc.md', VPC), { userId: '1' });
    const before = banks.forGuild(GUILD);
    shared.current = buildBank([]);
    const after = banks.forGuild(GUILD);
    expect(after).not.toBe(before);
    expect(after.items).toHaveLength(3);
  });

  it('refuses a note whose block id another note of the server already uses', async () => {
    shared.current = buildBank([
      parseNote('aws/iam.md', '# IAM\n\n> [!question] Root? ^root-user\n> Owner.\n'),
    ]);
    const blockId = 'root-user';
    const copy = `# Copy\n\n> [!question] Borrowed? ^${blockId}\n> Yes.\n`;
    const outcome = await notesOn().add(GUILD, file('copy.md', copy), { userId: '1' });
    expect(outcome.saved).toBe(false);
    expect(outcome.diagnostics[0]?.message).toContain(`duplicate id ${blockId}`);
  });

  it('holds at most 200 notes per server, replacing one of the same name still works', async () => {
    const notes = notesOn({ maxNotes: 2, uploadsPerWindow: 100 });
    await notes.add(GUILD, file('a.md', '# A\n\nx::y\n'), { userId: '1' });
    await notes.add(GUILD, file('b.md', '# B\n\nx::y\n'), { userId: '1' });
    await expect(notes.add(GUILD, file('c.md', '# C\n\nx::y\n'), { userId: '1' })).rejects.toThrow(
      'This server already has 2 notes',
    );
    const replaced = await notes.add(GUILD, file('b.md', '# B\n\nx::z\n'), { userId: '1' });
    expect(replaced.replaces?.meta.key).toBe('b.md');
    expect(notes.list(GUILD).map((n) => n.meta.key)).toEqual(['a.md', 'b.md']);
  });

  it('lets a server add 10 notes a minute, then again once the minute has passed', async () => {
    const notes = notesOn();
    for (let i = 0; i < 10; i++) await notes.add(GUILD, file(`n${i}.md`, `# N${i}\n`), { userId: '1' });
    await expect(notes.add(GUILD, file('late.md', '# Late\n'), { userId: '1' })).rejects.toThrow(
      'try again in 60 s',
    );
    await notes.add(OTHER, file('other.md', '# Other\n'), { userId: '1' });
    clock.advance(60_001);
    await expect(notes.add(GUILD, file('late.md', '# Late\n'), { userId: '1' })).resolves.toMatchObject({
      saved: true,
    });
  });

  it('removes a note from the store and the server bank', async () => {
    const notes = notesOn();
    await notes.add(GUILD, file('vpc.md', VPC), { userId: '1' });
    await notes.remove(GUILD, 'server/vpc.md');
    expect(banks.forGuild(GUILD).search('transit gateway')).toEqual([]);
    expect(await store.raw.get(noteKeys.note(GUILD, 'vpc.md'))).toBeUndefined();
    await expect(notes.remove(GUILD, 'vpc.md')).rejects.toThrow('This server has no note “vpc.md”');
  });
});
