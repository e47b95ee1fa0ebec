/**
 * One pass over a text that tells which built-in rules could match it, so the regular expressions run only on
 * the rare texts that hold a candidate. Each bit is a necessary condition of its rule's regular expression
 * (never a sufficient one): a clear bit proves the rule has no match, a set bit sends the text to the regex.
 *
 * The pass reads the UTF-8 bytes of the text (encoded natively into a reused buffer: reading bytes is cheaper
 * than reading characters). Every character the rules look for is ASCII, and every byte of a non-ASCII
 * character is 0x80 or above, so it is never a digit, letter or separator; where a rule allows non-ASCII
 * white space (`\s`), such bytes are skipped, which can only add candidates.
 */

/** `password` family: a `=`/`:` after a key ending in pass, passwd, password, passphrase or pwd. */
export const CANDIDATE_PASSWORD = 1;
/** `token` family: a `=`/`:` after a key ending in token. */
export const CANDIDATE_TOKEN = 2;
/** `secret` family: a `=`/`:` after a key ending in secret or key. */
export const CANDIDATE_SECRET = 4;
/** `api-key` family: a `=`/`:` after a key ending in key. */
export const CANDIDATE_API_KEY = 8;
/** `authorization` family: a `=`/`:` after a key ending in authorization. */
export const CANDIDATE_AUTHORIZATION = 16;
/** The word `bearer`, in any case. */
export const CANDIDATE_BEARER = 32;
/** `eyJ`, how every JWT starts. */
export const CANDIDATE_JWT = 64;
/** `ddd-d`, at the start of a digit run not preceded by a word character or `-`. */
export const CANDIDATE_SSN = 128;
/** A run of 13+ digits, or of 4 then a space or dash and a digit, starting with 2–6 after no `[\w.-]`. */
export const CANDIDATE_CARD = 256;
/** `@` after an address character, then a run of domain-label characters that a dot ends. */
export const CANDIDATE_EMAIL = 512;
/** A digit, a dot, a digit. */
export const CANDIDATE_IPV4 = 1024;
/** `:`. */
export const CANDIDATE_IPV6 = 2048;

/** Finds the candidate bits of a text, among `wanted`; owns a reused byte buffer, so one per redactor. */
export type CandidateScanner = (text: string, wanted: number) => number;

/** Texts up to this length are copied to the buffer by a loop, longer ones by the native encoder. */
const SHORT_TEXT = 16;

/** Creates a scanner with its own buffer. */
export function createCandidateScanner(): CandidateScanner {
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(1024);
  return (text, wanted) => {
    const length = text.length;
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a lone surrogate becomes U+FFFD).
    if (bytes.length < length * 3) bytes = new Uint8Array(length * 4);
    // The native encoder costs a fixed toll per call: short texts are copied by hand instead, any non-ASCII
    // unit becoming 0x80 (only ASCII bytes matter to the scan, so both copies give the same bits).
    if (length > SHORT_TEXT) return scanBytes(bytes, encoder.encodeInto(text, bytes).written, wanted);
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      bytes[i] = c < 128 ? c : 128;
    }
    return scanBytes(bytes, length, wanted);
  };
}

/** Bytes the scan stops at (digits, `:`, `=`, `@`, `J` of `eyJ`, `b`/`B` of `bearer`); all others are skipped. */
const STOP = new Uint8Array(256);
for (const c of '0123456789:=@JbB') STOP[c.charCodeAt(0)] = 1;

function scanBytes(b: Uint8Array, length: number, wanted: number): number {
  let found = 0;
  for (let i = 0; i < length; i++) {
    const c = b[i]!;
    // Letters, blanks and punctuation: one table look-up, and a branch that is nearly always taken.
    if (STOP[c] === 0) continue;
    if (c <= 57) {
      const start = i;
      while (i + 1 < length && isDigit(b[i + 1]!)) i++;
      found |= digitRun(b, length, start, i + 1);
    } else if (c === 58) found |= CANDIDATE_IPV6 | keyBefore(b, i);
    else if (c === 61) found |= keyBefore(b, i);
    else if (c === 64) {
      if (emailAt(b, length, i)) found |= CANDIDATE_EMAIL;
      else continue;
    } else if (c === 74) {
      // The `J` of `eyJ`: rarer than its `e`, so fewer stops.
      if (i >= 2 && b[i - 2] === 101 && b[i - 1] === 121) found |= CANDIDATE_JWT;
      else continue;
    } else if (startsWith(b, length, i, 'bearer')) found |= CANDIDATE_BEARER;
    else continue;
    if ((found & wanted) === wanted) break;
  }
  return found & wanted;
}

/** Card, SSN and IPv4 candidates of the maximal digit run `b[start, end)`. */
function digitRun(b: Uint8Array, length: number, start: number, end: number): number {
  let found = 0;
  const next = end < length ? b[end]! : 0;
  const digitAfter = end + 1 < length && isDigit(b[end + 1]!);
  if (next === 46 && digitAfter) found |= CANDIDATE_IPV4;
  const before = start > 0 ? b[start - 1]! : 32;
  if (isWord(before) || before === 45) return found;
  const run = end - start;
  // `(?<![\w-])\d{3}-\d{2}-\d{4}`: the run is the area number.
  if (run === 3 && next === 45 && digitAfter) found |= CANDIDATE_SSN;
  const first = b[start]!;
  if (before !== 46 && first >= 50 && first <= 54) {
    // `[2-6]\d{12,18}`, or `[2-6]\d{3}([ -])\d{4,6}...` (groups of one separator kind).
    if (run >= 13 || (run === 4 && (next === 32 || next === 45) && digitAfter)) found |= CANDIDATE_CARD;
  }
  return found;
}

/**
 * Whether the `@` at `at` can be the one of `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`:
 * the first label after it is a run of `[A-Za-z0-9-]` that only a dot can end. Java names (`Worker@679]`) and
 * `user@host:port` are the usual `@` of logs, and fail this test.
 */
function emailAt(b: Uint8Array, length: number, at: number): boolean {
  if (at === 0 || !isLocalPart(b[at - 1]!)) return false;
  let i = at + 1;
  while (i < length && isLabel(b[i]!)) i++;
  return i > at + 1 && i < length && b[i] === 46;
}

/** `[A-Za-z0-9._%+-]`. */
function isLocalPart(c: number): boolean {
  return isWord(c) || c === 46 || c === 37 || c === 43 || c === 45;
}

/** `[A-Za-z0-9-]`. */
function isLabel(c: number): boolean {
  return c === 45 || (isWord(c) && c !== 95);
}

/**
 * Key families whose name could end just before the separator at `sep`: the secret-field rules read
 * `KEY["']?\s*(=|:|=>)`, so the key ends before optional white space and one optional quote. Key names match
 * ASCII letters case-insensitively (without the `u` flag no other character folds to them).
 */
function keyBefore(b: Uint8Array, sep: number): number {
  let end = sep;
  while (end > 0 && isSpaceByte(b[end - 1]!)) end--;
  if (end > 0 && (b[end - 1] === 34 || b[end - 1] === 39)) end--;
  if (end === 0) return 0;
  switch (lower(b[end - 1]!)) {
    case 121: // y
      return endsWith(b, end, 'key') ? CANDIDATE_SECRET | CANDIDATE_API_KEY : 0;
    case 110: // n
      if (endsWith(b, end, 'token')) return CANDIDATE_TOKEN;
      return endsWith(b, end, 'authorization') ? CANDIDATE_AUTHORIZATION : 0;
    case 116: // t
      return endsWith(b, end, 'secret') ? CANDIDATE_SECRET : 0;
    case 115: // s
      return endsWith(b, end, 'pass') ? CANDIDATE_PASSWORD : 0;
    case 100: // d
      return endsWith(b, end, 'pwd') || endsWith(b, end, 'passwd') || endsWith(b, end, 'password')
        ? CANDIDATE_PASSWORD
        : 0;
    case 101: // e
      return endsWith(b, end, 'passphrase') ? CANDIDATE_PASSWORD : 0;
    default:
      return 0;
  }
}

/** True when `b[end - word.length, end)` is `word` (lower case) in any ASCII case. */
function endsWith(b: Uint8Array, end: number, word: string): boolean {
  return end >= word.length && startsWith(b, end, end - word.length, word);
}

/** True when `b[start, limit)` begins with `word` (lower case) in any ASCII case. */
function startsWith(b: Uint8Array, limit: number, start: number, word: string): boolean {
  if (start + word.length > limit) return false;
  for (let i = 0; i < word.length; i++) {
    if (lower(b[start + i]!) !== word.charCodeAt(i)) return false;
  }
  return true;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `\w` without the `u` flag. */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** `\s` in ASCII, and any byte of a non-ASCII character (which may be one of the Unicode spaces). */
function isSpaceByte(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c >= 128;
}
