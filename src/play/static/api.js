// The playground server's JSON API. Errors come back as `{ error }` and are thrown as Error(error).

async function call(/** @type {string} */ path, /** @type {RequestInit} */ init) {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

/** GET a JSON resource. */
export function get(/** @type {string} */ path) {
  return call(path, { headers: { accept: 'application/json' } });
}

/** POST JSON and read the JSON answer. */
export function post(/** @type {string} */ path, /** @type {unknown} */ body) {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}
