/** What `GET /gateway/bot` says about sharding. */
export interface GatewayInfo {
  /** Discord's recommended shard count. */
  shards: number;
  /** How many shards may IDENTIFY at the same time (per 5 s). */
  maxConcurrency: number;
}

/**
 * Asks Discord (at `apiUrl`, e.g. DISCORD_API_URL) for the recommended shard count. discord.js's own
 * `fetchRecommendedShardCount` always asks discord.com, which would bypass DISCORD_API_URL.
 * Errors name the problem, never the token.
 */
export async function fetchGatewayInfo(
  apiUrl: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): Promise<GatewayInfo> {
  let response: Response;
  try {
    response = await fetchImpl(`${apiUrl.replace(/\/+$/, '')}/v10/gateway/bot`, {
      headers: { Authorization: `Bot ${token}` },
    });
  } catch (error) {
    throw new Error(
      `Cannot reach Discord at ${apiUrl} to ask for the shard count: ${(error as Error).message}`,
    );
  }
  if (response.status === 401) throw new Error('Discord refused DISCORD_TOKEN (401): check the bot token');
  if (!response.ok) throw new Error(`Discord answered ${response.status} when asked for the shard count`);
  const body = (await response.json()) as {
    shards?: unknown;
    session_start_limit?: { max_concurrency?: unknown };
  };
  const shards = Number(body.shards);
  if (!Number.isInteger(shards) || shards < 1) throw new Error('Discord sent no usable shard count');
  const concurrency = Number(body.session_start_limit?.max_concurrency ?? 1);
  return { shards, maxConcurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 1 };
}
