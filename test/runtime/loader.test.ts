import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/discord/command.ts';
import {
  buildCommandSet,
  COMMAND_FILE_EXTENSION,
  CommandLoadError,
  importCommandFiles,
  loadCommands,
} from '../../src/discord/loader.ts';

const fixtures = 'test/fixtures/runtime';

function command(name: string, extra: Partial<Command> = {}): Command {
  return {
    data: new SlashCommandBuilder().setName(name).setDescription(`The ${name} command`),
    async execute() {},
    ...extra,
  };
}

const loadError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CommandLoadError);
    return (error as Error).message;
  }
  throw new Error('expected a CommandLoadError');
};

describe('command loader', () => {
  it('imports every .ts file of the folder, in name order, with its components', async () => {
    const set = await loadCommands(`${fixtures}/commands-ok`);
    expect([...set.byName.keys()]).toEqual(['admin', 'ping']);
    expect(set.bodies.map((b) => b.name)).toEqual(['admin', 'ping']);
    expect([...set.components.keys()]).toEqual(['ping']);
  });

  it('loads command files of the running code: .ts under tsx and vitest', () => {
    expect(COMMAND_FILE_EXTENSION).toBe('.ts');
  });

  it('imports the .js files of a compiled commands folder, skipping source maps', async () => {
    const sources = await importCommandFiles(`${fixtures}/commands-compiled`, '.js');
    expect(sources.map((s) => s.origin)).toEqual(['commands-compiled/pong.js']);
    expect(buildCommandSet(sources).bodies.map((b) => b.name)).toEqual(['pong']);
  });

  it('refuses a folder without a command file of the running kind, instead of starting with none', async () => {
    await expect(loadCommands(`${fixtures}/commands-compiled`)).rejects.toThrow(
      /no \*\.ts command files in .*commands-compiled/,
    );
    await expect(importCommandFiles(`${fixtures}/commands-ok`, '.js')).rejects.toThrow(CommandLoadError);
  });

  it('names the folder when it cannot be read', async () => {
    await expect(loadCommands(`${fixtures}/no-such-folder`)).rejects.toThrow(
      /cannot read the commands folder .*no-such-folder/,
    );
  });

  it('adds extra commands after the files', async () => {
    const set = await loadCommands(`${fixtures}/commands-ok`, [
      { origin: 'test', command: command('extra') },
    ]);
    expect(set.bodies.map((b) => b.name)).toEqual(['admin', 'ping', 'extra']);
  });

  it('stops on a file that throws at import, naming the file and the reason', async () => {
    await expect(loadCommands(`${fixtures}/commands-throwing`)).rejects.toThrow(
      /commands-throwing\/explodes\.ts: cannot be imported: explodes at import/,
    );
  });

  it('stops on a file without a default export', async () => {
    await expect(loadCommands(`${fixtures}/commands-no-default`)).rejects.toThrow(
      /named\.ts: has no default export/,
    );
  });

  it('refuses a command without execute, naming the field', () => {
    const message = loadError(() =>
      buildCommandSet([{ origin: 'commands/half.ts', command: { data: command('half').data } }]),
    );
    expect(message).toMatch(/^commands\/half\.ts: not a valid command: execute/);
  });

  it('refuses data that is not a builder', () => {
    const message = loadError(() =>
      buildCommandSet([{ origin: 'commands/raw.ts', command: { data: { name: 'raw' }, execute() {} } }]),
    );
    expect(message).toMatch(/commands\/raw\.ts: .*data/);
  });

  it('refuses data whose toJSON() fails validation', () => {
    const broken = { data: new SlashCommandBuilder().setName('nodesc'), async execute() {} };
    const message = loadError(() => buildCommandSet([{ origin: 'commands/nodesc.ts', command: broken }]));
    expect(message).toMatch(/^commands\/nodesc\.ts: data\.toJSON\(\) failed/);
  });

  it('refuses two commands with the same name', () => {
    const message = loadError(() =>
      buildCommandSet([
        { origin: 'commands/a.ts', command: command('quiz') },
        { origin: 'commands/b.ts', command: command('quiz') },
      ]),
    );
    expect(message).toBe('commands/b.ts: command name "quiz" is already used by commands/a.ts');
  });

  it('refuses two commands claiming the same component prefix', () => {
    const handlers = { quiz: { async button() {} } };
    const message = loadError(() =>
      buildCommandSet([
        { origin: 'commands/a.ts', command: command('a', { components: handlers }) },
        { origin: 'commands/b.ts', command: command('b', { components: handlers }) },
      ]),
    );
    expect(message).toMatch(/component prefix "quiz" is already used by commands\/a\.ts/);
  });

  it('refuses a component prefix the custom_id codec cannot carry', () => {
    const message = loadError(() =>
      buildCommandSet([{ origin: 'x.ts', command: command('x', { components: { 'Bad:Id': {} } }) }]),
    );
    expect(message).toMatch(/component prefix "Bad:Id"/);
  });

  it('refuses an adminOnly command whose data does not require Manage Server', () => {
    const message = loadError(() =>
      buildCommandSet([{ origin: 'commands/daily.ts', command: command('daily', { adminOnly: true }) }]),
    );
    expect(message).toMatch(/adminOnly.*default_member_permissions/);
    const fixed = command('daily', { adminOnly: true });
    (fixed.data as SlashCommandBuilder).setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
    expect(buildCommandSet([{ origin: 'commands/daily.ts', command: fixed }]).bodies).toHaveLength(1);
  });
});
