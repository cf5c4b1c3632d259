import { createHash } from 'node:crypto';

/** Length of the hex digest part of a handle: 48 bits, collision-free in practice within one bank or server. */
const HANDLE_HEX = 12;

/**
 * A short stand-in for a name too long to travel as an autocomplete value (Discord allows 100
 * characters): `#` and 12 hex digits of its SHA-1. Stable across processes, so a choice offered by one
 * shard resolves in another.
 */
export function handleOf(name: string): string {
  return `#${createHash('sha1').update(name).digest('hex').slice(0, HANDLE_HEX)}`;
}

/** True when `input` has the shape of a handle (it may still match nothing). */
export function isHandle(input: string): boolean {
  return /^#[0-9a-f]{12}$/.test(input);
}

/** `name` itself when it fits `max` characters, otherwise its handle. */
export function valueOrHandle(name: string, max: number): string {
  return name.length <= max ? name : handleOf(name);
}
