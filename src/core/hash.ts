/**
 * 32-bit FNV-1a of a string's UTF-16 code units, started from the offset basis XOR `seed`.
 * Stored keys depend on its outputs (member buckets, card shards): never change it.
 */
export function fnv1a32(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
