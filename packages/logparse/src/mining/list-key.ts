import { WILDCARD } from '../types.js';

/**
 * The masked key with every run of bare variables (tokens that are `<*>` and nothing else) written as one
 * `<*>`, or undefined when the key has none. Lines whose keys differ only in the length of such runs
 * (`to delete <*>`, `to delete <*> <*> <*>`) share it: a run whose length varies under one context is a list.
 */
export function listKeyOf(key: string): string | undefined {
  const tokens = key.split(' ');
  if (!tokens.includes(WILDCARD)) return undefined;
  const out: string[] = [];
  for (const t of tokens) if (t !== WILDCARD || out[out.length - 1] !== WILDCARD) out.push(t);
  return out.join(' ');
}

/** Tokens of a masked key (one space between tokens). */
export function keyTokenCount(key: string): number {
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
}
