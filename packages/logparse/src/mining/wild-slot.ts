import { WILDCARD } from '../types.js';
import type { WildSlot } from './cluster.js';
import { DELIM, flagsOf } from './char-class.js';

/**
 * The slot that covers every value seen at a position: the longest common literal prefix ending with a
 * delimiter and suffix starting with one, so `rhost=a` and `rhost=b` give `rhost=<*>`, not `<*>`.
 */
export function commonSlot(values: readonly string[]): WildSlot {
  const first = values[0] ?? '';
  let minLen = first.length;
  let pre = first.length;
  let suf = first.length;
  for (const v of values) {
    minLen = Math.min(minLen, v.length);
    let i = 0;
    while (i < pre && i < v.length && v.charCodeAt(i) === first.charCodeAt(i)) i++;
    pre = i;
    let j = 0;
    while (
      j < suf &&
      j < v.length &&
      v.charCodeAt(v.length - 1 - j) === first.charCodeAt(first.length - 1 - j)
    )
      j++;
    suf = j;
  }
  // A literal prefix must not contain a wildcard (params are cut from the raw token by length).
  const wildAt = first.indexOf(WILDCARD);
  if (wildAt !== -1 && wildAt < pre) pre = wildAt;
  while (pre > 0 && !(flagsOf(first.charCodeAt(pre - 1)) & DELIM)) pre--;
  const lastWild = first.lastIndexOf(WILDCARD);
  if (lastWild !== -1 && lastWild + WILDCARD.length > first.length - suf)
    suf = first.length - lastWild - WILDCARD.length;
  while (suf > 0 && !(flagsOf(first.charCodeAt(first.length - suf)) & DELIM)) suf--;
  if (pre + suf > minLen) suf = Math.max(0, minLen - pre);
  while (suf > 0 && !(flagsOf(first.charCodeAt(first.length - suf)) & DELIM)) suf--;
  return { prefix: first.slice(0, pre), suffix: suf > 0 ? first.slice(first.length - suf) : '' };
}
