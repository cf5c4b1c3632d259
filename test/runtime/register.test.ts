import type { REST, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandsHash, hashKey, registerCommands, registrationTarget } from '../../src/discord/register.ts';
import { createLogger } from '../../src/log.ts';
import type { KeyValue } from '../../src/store/keyv.ts';

const APP = '1200000000000000001';
const GUILD = '1100000000000000001';
const log = createLogger({ level: 'silent' });
const bodies: RESTPostAPIApplicationCommandsJSONBody[] = [
  { name: 'bank', description: 'Question bank', options: [] },
  { name: 'quiz', description: 'Take a quiz' },
];

function memoryKv(): KeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(key: string) => data.get(key) as T | undefined,
    set: async (key, value) => void data.set(key, value),
    delete: async (key) => data.delete(key),
  };
}

function recordingRest(fail = false) {
  const puts: { route: string; body: unknown }[] = [];
  const rest = {
    put: async (route: string, options: { body: unknown }) => {
      if (fail) throw new Error('Missing Access');
      puts.push({ route, body: options.body });
      return [];
    },
  } as unknown as REST;
  return { rest, puts };
}

describe('command registration', () => {
  it('PUTs all commands to the development guild when one is set, else globally', async () => {
    const guild = recordingRest();
    await registerCommands({
      ...guild,
      applicationId: APP,
      bodies,
      kv: memoryKv(),
      log,
      target: registrationTarget(GUILD),
    });
    expect(guild.puts).toEqual([{ route: `/applications/${APP}/guilds/${GUILD}/commands`, body: bodies }]);

    const global = recordingRest();
    await registerCommands({
      ...global,
      applicationId: APP,
      bodies,
      kv: memoryKv(),
      log,
      target: registrationTarget(undefined),
    });
    expect(global.puts.map((p) => p.route)).toEqual([`/applications/${APP}/commands`]);
  });

  it('skips the PUT when nothing changed since the last registration, and keeps the hash per target', async () => {
    const kv = memoryKv();
    const { rest, puts } = recordingRest();
    const target = registrationTarget(GUILD);
    const first = await registerCommands({ rest, applicationId: APP, bodies, kv, log, target });
    const second = await registerCommands({ rest, applicationId: APP, bodies, kv, log, target });
    expect([first.registered, second.registered]).toEqual([true, false]);
    expect(puts).toHaveLength(1);
    expect(kv.data.get(`v1:meta:commands-hash:guild:${GUILD}`)).toBe(first.hash);
    expect(hashKey(registrationTarget(undefined))).toBe('v1:meta:commands-hash:global');
  });

  it('registers again when a definition changes, or when forced', async () => {
    const kv = memoryKv();
    const { rest, puts } = recordingRest();
    const target = registrationTarget(GUILD);
    await registerCommands({ rest, applicationId: APP, bodies, kv, log, target });
    const changed = [...bodies, { name: 'fact', description: 'Look up a fact' }];
    expect(
      (await registerCommands({ rest, applicationId: APP, bodies: changed, kv, log, target })).registered,
    ).toBe(true);
    expect(
      (await registerCommands({ rest, applicationId: APP, bodies: changed, kv, log, target, force: true }))
        .registered,
    ).toBe(true);
    expect(puts).toHaveLength(3);
  });

  it('does not record the hash when Discord refuses the PUT, so the next start retries', async () => {
    const kv = memoryKv();
    const target = registrationTarget(GUILD);
    await expect(
      registerCommands({ ...recordingRest(true), applicationId: APP, bodies, kv, log, target }),
    ).rejects.toThrow('Missing Access');
    expect(kv.data.size).toBe(0);
  });

  it('hashes definitions independently of key order but not of application or target', () => {
    const target = registrationTarget(GUILD);
    const reordered = bodies.map((b) => Object.fromEntries(Object.entries(b).reverse())) as typeof bodies;
    expect(commandsHash(reordered, APP, target)).toBe(commandsHash(bodies, APP, target));
    expect(commandsHash(bodies, '1200000000000000002', target)).not.toBe(commandsHash(bodies, APP, target));
    expect(commandsHash(bodies, APP, registrationTarget(undefined))).not.toBe(
      commandsHash(bodies, APP, target),
    );
  });
});
