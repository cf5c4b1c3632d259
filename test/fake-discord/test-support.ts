import { Client, type ClientOptions, GatewayIntentBits, type Interaction } from 'discord.js';
import type { FakeDiscord } from './index.ts';

/** A tiny inline handler for the fake's own tests. */
export type Handler = (interaction: Interaction) => Promise<void>;

/** A discord.js client logged in to the fake, plus what its handler threw. */
export interface TestBot {
  client: Client;
  errors: unknown[];
  /** Replaces the interaction handler. */
  handle(handler: Handler): void;
  destroy(): Promise<void>;
}

/**
 * Logs a real discord.js client in to the fake (intents: Guilds) and waits for `clientReady`.
 * `allowedMentions: { parse: [] }` is on unless `options` says otherwise, as the bot does.
 */
export async function loginBot(fake: FakeDiscord, options: Partial<ClientOptions> = {}): Promise<TestBot> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl },
    allowedMentions: { parse: [] },
    ...options,
  });
  const errors: unknown[] = [];
  let handler: Handler = async () => {};
  client.on('interactionCreate', (interaction) => {
    handler(interaction).catch((error: unknown) => errors.push(error));
  });
  // clientReady can fire before login() resolves against a local server: listen first.
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(fake.token);
  await ready;
  return {
    client,
    errors,
    handle: (next) => {
      handler = next;
    },
    destroy: () => client.destroy(),
  };
}

/** The slash commands the fake's own tests register. */
export const TEST_COMMANDS = [
  {
    name: 'ping',
    description: 'Replies pong',
  },
  {
    name: 'bank',
    description: 'Question bank',
    default_member_permissions: '32',
    options: [
      { type: 1, name: 'stats', description: 'Bank summary' },
      {
        type: 1,
        name: 'add',
        description: 'Add a note',
        options: [{ type: 11, name: 'file', description: 'A Markdown note', required: true }],
      },
    ],
  },
  {
    name: 'fact',
    description: 'Look up a fact',
    options: [{ type: 3, name: 'query', description: 'What to look up', required: true, autocomplete: true }],
  },
  {
    name: 'quiz',
    description: 'Start a quiz',
    options: [
      { type: 3, name: 'topic', description: 'Topic', autocomplete: true },
      { type: 4, name: 'questions', description: 'How many', min_value: 1, max_value: 20 },
      {
        type: 3,
        name: 'mode',
        description: 'Solo or race',
        choices: [
          { name: 'solo', value: 'solo' },
          { name: 'race', value: 'race' },
        ],
      },
    ],
  },
];

/** Resolves after `ms`; used only to make a handler miss a deadline on purpose, never to assert timing. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
