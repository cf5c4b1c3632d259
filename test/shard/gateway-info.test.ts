import { describe, expect, it } from 'vitest';
import { fetchGatewayInfo } from '../../src/shard/gateway-info.ts';
import { FakeDiscord } from '../fake-discord/index.ts';

const TOKEN = 'secret-token-value-1234567890';

const answering = (status: number, body: unknown) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('asking Discord for the shard count', () => {
  it('reads the recommended count and the login concurrency from DISCORD_API_URL', async () => {
    const fake = await FakeDiscord.start({ shards: 3 });
    try {
      expect(await fetchGatewayInfo(fake.apiUrl, fake.token)).toEqual({ shards: 3, maxConcurrency: 3 });
    } finally {
      await fake.close();
    }
  });

  it('says the token was refused, without showing it', async () => {
    const error = await fetchGatewayInfo('http://x/api', TOKEN, answering(401, {})).catch((e: Error) => e);
    expect(String(error)).toMatch(/refused DISCORD_TOKEN/);
    expect(String(error)).not.toContain(TOKEN);
  });

  it('refuses an answer without a usable count', async () => {
    await expect(fetchGatewayInfo('http://x/api', TOKEN, answering(200, { shards: 0 }))).rejects.toThrow(
      /no usable shard count/,
    );
    await expect(fetchGatewayInfo('http://x/api', TOKEN, answering(500, {}))).rejects.toThrow(/answered 500/);
  });

  it('says where it could not connect', async () => {
    const failing = (async () => {
      throw new Error('ECONNREFUSED');
    }) as unknown as typeof fetch;
    await expect(fetchGatewayInfo('http://127.0.0.1:9/api', TOKEN, failing)).rejects.toThrow(
      'Cannot reach Discord at http://127.0.0.1:9/api to ask for the shard count: ECONNREFUSED',
    );
  });
});
