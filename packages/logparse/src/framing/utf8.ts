const REPLACEMENT = '\uFFFD';

/** Counts U+FFFD characters in a string. */
export function countReplacements(text: string): number {
  let count = 0;
  let i = text.indexOf(REPLACEMENT);
  while (i >= 0) {
    count++;
    i = text.indexOf(REPLACEMENT, i + 1);
  }
  return count;
}

/**
 * Counts well-formed encodings of U+FFFD (EF BF BD) in bytes. Such a triple always decodes to a genuine
 * U+FFFD: EF is a lead byte, so no broken sequence before it can swallow it.
 */
export function countEncodedReplacements(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let count = 0;
  let i = bytes.indexOf(0xef, from);
  while (i >= 0 && i + 2 < to) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
    i = bytes.indexOf(0xef, i + 1);
  }
  return count;
}

/** Cuts text to at most `max` code units without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, max - 1) : text.slice(0, max);
}
