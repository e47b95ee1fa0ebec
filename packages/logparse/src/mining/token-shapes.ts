import * as classes from './char-class.js';

/**
 * Shapes recognised inside tokens: small pure predicates used by the message scanner. They read the
 * scanner's byte copy of the message (`src`, see `ScanState`), where every non-ASCII unit is 0x80 and the
 * bytes just past the end are 0.
 */

// Module-level copies: V8 folds these into compiled code, while an imported binding is read (and checked
// for initialisation) at every use.
const CHAR_FLAGS = classes.CHAR_FLAGS;
const SPACE = classes.SPACE;
const DELIM = classes.DELIM;
const DIGIT = classes.DIGIT;
const LETTER = classes.LETTER;
const HEX = classes.HEX;
const CLOSER = classes.CLOSER;

const CH_DOT = 46;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_BACKSLASH = 92;
const CH_DASH = 45;
const CH_LT = 60;
const CH_GT = 62;

/** Whether [a, b) holds a space. */
export function hasSpace(src: Uint8Array, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if ((CHAR_FLAGS[src[i] ?? 0] ?? 0) & SPACE) return true;
  return false;
}

/** A path may start after these: token start, or a delimiter such as '(', '=', ':', '[' or a quote. */
export function isPathLead(code: number): boolean {
  return ((CHAR_FLAGS[code & 0xffff] ?? 0) & DELIM) !== 0 && code !== CH_SLASH && code !== CH_BACKSLASH;
}

/**
 * End of a path or URL starting at a: up to a closing bracket, quote or comma; trailing '.', ':' excluded. A
 * redaction marker inside (`?key=<redacted:api-key>&…`) is part of it, its closing '>' included.
 */
export function spanEnd(src: Uint8Array, a: number, e: number): number {
  let k = a + 1;
  for (;;) {
    while (k < e && !((CHAR_FLAGS[src[k] ?? 0] ?? 0) & (CLOSER | SPACE))) k++;
    if (k >= e || src[k] !== CH_GT || markerStart(src, a, k) < 0) break;
    k++;
  }
  while (k > a + 1 && (src[k - 1] === CH_DOT || src[k - 1] === CH_COLON)) k--;
  return k;
}

const MARKER = '<redacted:';

/** Start of the redaction marker that the '>' at `gt` closes, if [a, gt) holds one; else -1. */
function markerStart(src: Uint8Array, a: number, gt: number): number {
  let p = gt - 1;
  while (p > a && src[p] !== CH_LT) p--;
  if (src[p] !== CH_LT || p + MARKER.length >= gt) return -1;
  for (let i = 1; i < MARKER.length; i++) if (src[p + i] !== MARKER.charCodeAt(i)) return -1;
  return p;
}

/** "node-12", "core.7": a letters-only label joined by '-' or '.' to a number; returns where the number starts. */
export function labelSplit(src: Uint8Array, j: number, k: number): number {
  let p = j;
  while (p < k && (CHAR_FLAGS[src[p] ?? 0] ?? 0) & LETTER) p++;
  if (p === j || p + 1 >= k) return -1;
  const c = src[p];
  if (c !== CH_DASH && c !== CH_DOT) return -1;
  return (CHAR_FLAGS[src[p + 1] ?? 0] ?? 0) & DIGIT ? p + 1 : -1;
}

/** "./x" or "../x". */
export function isRelativePathStart(src: Uint8Array, j: number, e: number): boolean {
  if (j + 2 < e && src[j + 1] === CH_SLASH) return !((CHAR_FLAGS[src[j + 2] ?? 0] ?? 0) & (DELIM | SPACE));
  return j + 3 < e && src[j + 1] === CH_DOT && src[j + 2] === CH_SLASH;
}

const MAX_HEX_GROUPS = 32;

/** End of 4 to 32 groups of 1-4 hex digits joined by ':' (MAC, IPv6, fingerprints), up to a closer; else -1. */
export function matchHexColons(src: Uint8Array, j: number, e: number): number {
  let k = j;
  let groups = 0;
  for (;;) {
    const start = k;
    while (k < e && k - start < 4 && (CHAR_FLAGS[src[k] ?? 0] ?? 0) & HEX) k++;
    if (k === start) return -1;
    groups++;
    // At most 32 groups (a SHA-256 fingerprint; chip ids have 12): reading a longer run again from each of
    // its groups would make a line of thousands of them quadratic.
    if (groups === MAX_HEX_GROUPS) break;
    if (k < e && src[k] === CH_COLON) {
      k++;
      continue;
    }
    break;
  }
  if (groups < 4) return -1;
  if (k < e && !((CHAR_FLAGS[src[k] ?? 0] ?? 0) & (CLOSER | SPACE))) return -1;
  return k;
}

/** End of a dotted IPv4 address starting at a, or -1. */
export function matchIpv4(src: Uint8Array, a: number, e: number): number {
  let k = a;
  for (let group = 0; group < 4; group++) {
    if (group > 0) {
      if (k >= e || src[k] !== CH_DOT) return -1;
      k++;
    }
    const start = k;
    while (k < e && k - start < 3 && (CHAR_FLAGS[src[k] ?? 0] ?? 0) & DIGIT) k++;
    if (k === start) return -1;
  }
  if (k < e && (CHAR_FLAGS[src[k] ?? 0] ?? 0) & (DIGIT | LETTER)) return -1;
  return k;
}

/** Size units of human-readable sizes. */
const SIZE_UNITS: readonly string[] = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'kB'];

/** Whether [a, b) is a size unit; compared in place, since most numbers are followed by other words. */
export function isSizeUnit(src: Uint8Array, a: number, b: number): boolean {
  const len = b - a;
  if (len < 1 || len > 3) return false;
  for (const unit of SIZE_UNITS) {
    if (unit.length !== len) continue;
    let p = 0;
    while (p < len && src[a + p] === unit.charCodeAt(p)) p++;
    if (p === len) return true;
  }
  return false;
}

/** A signed decimal number. */
export function isNumeric(src: Uint8Array, a: number, b: number): boolean {
  let i = a;
  const c = src[i];
  if (c === CH_DASH || c === 43) i++;
  let digits = 0;
  let dots = 0;
  for (; i < b; i++) {
    const d = src[i] ?? 0;
    if ((CHAR_FLAGS[d] ?? 0) & DIGIT) digits++;
    else if (d === CH_DOT && dots === 0) dots++;
    else return false;
  }
  return digits > 0;
}

const LITERALS = ['true', 'false', 'null', 'none', 'nil', 'undefined'];

/**
 * Whether the piece [j, k) may be a literal (see `isLiteralValue`) once a closing dot is cut off: 3 to 10
 * units (a piece never ends with two dots: they would be leader dots), and starting with the first letter
 * of one (t, f, n, u, any case).
 */
export function mayBeLiteral(src: Uint8Array, j: number, k: number): boolean {
  if (k - j < 3 || k - j > 10) return false;
  const first = (src[j] ?? 0) | 0x20;
  return first === 116 || first === 102 || first === 110 || first === 117;
}

/** Boolean and null literals are values whatever their case: `enabled=true`, `config null`. */
export function isLiteralValue(src: Uint8Array, j: number, k: number): boolean {
  const len = k - j;
  if (len > 9 || !mayBeLiteral(src, j, k)) return false;
  for (const word of LITERALS) {
    if (word.length !== len) continue;
    let same = true;
    for (let p = 0; p < len; p++) {
      if (((src[j + p] ?? 0) | 0x20) !== word.charCodeAt(p)) {
        same = false;
        break;
      }
    }
    if (same) return true;
  }
  return false;
}
