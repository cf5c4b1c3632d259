/** The store URLs `openKeyv` can open, as named in every refusal. */
export const SUPPORTED_STORE_URLS = 'sqlite://<path>, redis://<host>[:port], rediss://<host>[:port]';

/** True for a Redis URL (`redis://`, or `rediss://` for TLS). */
export function isRedisUrl(url: string): boolean {
  return url.startsWith('redis://') || url.startsWith('rediss://');
}

/**
 * Why `url` cannot be opened as a store, or undefined when its scheme is supported. Pure, so config
 * validation refuses at start with the very message the store would give at open.
 */
export function storeUrlProblem(url: string): string | undefined {
  if (typeof url !== 'string' || url.length === 0) {
    return `STORE_URL is empty; supported: ${SUPPORTED_STORE_URLS}`;
  }
  if (url.startsWith('sqlite://') || isRedisUrl(url)) return undefined;
  const scheme = redactUserInfo(url.includes('://') ? url.slice(0, url.indexOf('://') + 3) : url);
  if (scheme.startsWith('postgres')) {
    return `STORE_URL ${scheme}… needs @keyv/postgres, which is not installed; supported: ${SUPPORTED_STORE_URLS}`;
  }
  return `STORE_URL scheme "${scheme}" is not supported; supported: ${SUPPORTED_STORE_URLS}`;
}

/** Hides a password in `user:secret@host`: a refused URL without `://` is shown whole. */
function redactUserInfo(text: string): string {
  return text.replace(/^[^/@]*@/, '***@').replace(/\/\/([^/@]*)@/, '//***@');
}
