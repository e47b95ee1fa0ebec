import { CLOSER, DELIM, DIGIT, DOT, HEX, LETTER, SPACE, flagsOf } from './char-class.js';
import {
  SIZE_UNITS,
  hasSpace,
  isLiteralValue,
  isNumeric,
  isPathLead,
  isRelativePathStart,
  labelSplit,
  matchHexColons,
  matchIpv4,
  spanEnd,
} from './token-shapes.js';
import { WILDCARD } from '../types.js';

/** What the scanner already knows about a variable span; the rest is typed later, only when asked. */
export const VarHint = { Plain: 0, Redacted: 1, Path: 2, Url: 3, Quoted: 4, Ip: 5 } as const;
/** One of the {@link VarHint} values. */
export type VarHint = (typeof VarHint)[keyof typeof VarHint];

const SEP_NONE = 0;
const SEP_SPACE = 1;
const SEP_WILD = 2;
const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const REDACTED_PREFIX = '<redacted:';
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_BACKSLASH = 92;
const CH_QUOTE = 34;
const CH_EQ = 61;
const CH_LT = 60;
const CH_SP = 32;

/**
 * Result of scanning one message, held in reusable typed arrays (valid until the next scan).
 * `key` is the masked message: tokens joined by one space, every variable span written `<*>`.
 */
export interface ScanResult {
  readonly message: string;
  /** Built on first access from the recorded segments (the hot path compares segments instead). */
  readonly key: string;
  /** 32-bit hash of `key`, computed while scanning. */
  readonly hash: number;
  /** Whether `key` equals k, without building `key`. */
  keyEquals(k: string): boolean;
  readonly tokenCount: number;
  readonly varCount: number;
  /** Raw [start, end) of each token in the message. */
  readonly tokStart: Int32Array;
  readonly tokEnd: Int32Array;
  /** [start, end) of each token in the key. */
  readonly keyTokStart: Int32Array;
  readonly keyTokEnd: Int32Array;
  /** Raw [start, end) of each variable span, the token it belongs to, and its hint. */
  readonly varStart: Int32Array;
  readonly varEnd: Int32Array;
  readonly varTok: Int32Array;
  readonly varHint: Uint8Array;
}

/** A reusable single-pass scanner that masks variables; one per miner, never shared between threads. */
export interface MessageScanner {
  /** Scans a message; the returned object is overwritten by the next call. */
  scan(message: string): ScanResult;
}

/** Creates a scanner with its own scratch buffers. */
export function createMessageScanner(): MessageScanner {
  const state = new ScanState();
  return { scan: (message) => state.run(message) };
}

function grow<T extends Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Scanner state: a class so that V8 keeps one hidden shape and the hot loop stays monomorphic. */
class ScanState implements ScanResult {
  message = '';
  hash = 0;
  /** Length `key` has so far (it is built lazily). */
  private keyLen = 0;
  private builtKey: string | undefined;
  /** Literal ranges of the key, each followed by a separator: 0 none (end), 1 space, 2 wildcard. */
  private segA = new Int32Array(64);
  private segB = new Int32Array(64);
  private segSep = new Uint8Array(64);
  private segCount = 0;
  tokenCount = 0;
  varCount = 0;
  tokStart = new Int32Array(64);
  tokEnd = new Int32Array(64);
  keyTokStart = new Int32Array(64);
  keyTokEnd = new Int32Array(64);
  varStart = new Int32Array(64);
  varEnd = new Int32Array(64);
  varTok = new Int32Array(64);
  varHint = new Uint8Array(64);
  /** Start of the literal text not yet copied into `key`. */
  private lit = 0;
  private n = 0;
  /** The previous token ended with '=' (so this one is a value). */
  private afterEquals = false;

  run(msg: string): ScanResult {
    this.message = msg;
    this.hash = FNV_BASIS;
    this.keyLen = 0;
    this.builtKey = undefined;
    this.segCount = 0;
    this.tokenCount = 0;
    this.varCount = 0;
    const n = msg.length;
    this.n = n;
    let i = 0;
    while (i < n && flagsOf(msg.charCodeAt(i)) & SPACE) i++;
    this.lit = i;
    this.afterEquals = false;
    while (i < n) {
      const t = this.tokenCount++;
      if (t >= this.tokStart.length) this.growTokens(t + 1);
      this.tokStart[t] = i;
      this.keyTokStart[t] = this.keyLen + (i - this.lit);
      let e = this.scanToken(i, i, this.afterEquals);
      e = this.absorbSizeUnit(t, i, e);
      this.tokEnd[t] = e;
      const last = msg.charCodeAt(e - 1);
      // "key = value": the token after a lone or trailing '=' is a value.
      this.afterEquals = last === CH_EQ;
      this.keyTokEnd[t] = this.keyLen + (e - this.lit);
      let j = e;
      while (j < n && flagsOf(msg.charCodeAt(j)) & SPACE) j++;
      if (j >= n) {
        this.flush(e, SEP_NONE);
        this.lit = n;
      } else if (j - e !== 1 || msg.charCodeAt(e) !== CH_SP) {
        // Whitespace runs collapse to one space, so "a  b" and "a b" share a template.
        this.flush(e, SEP_SPACE);
        this.lit = j;
      }
      i = j;
    }
    if (this.lit < n) this.flush(n, SEP_NONE);
    return this;
  }

  /** Appends the literal text [lit, b) and a separator to the (virtual) key, hashing as it goes. */
  private flush(b: number, sep: number): void {
    const c = this.segCount++;
    if (c >= this.segA.length) {
      this.segA = grow(this.segA, c + 1);
      this.segB = grow(this.segB, c + 1);
      this.segSep = grow(this.segSep, c + 1);
    }
    const msg = this.message;
    let h = this.hash;
    for (let i = this.lit; i < b; i++) h = Math.imul(h ^ msg.charCodeAt(i), FNV_PRIME);
    // Kept within 30 bits so that it stays a small integer for the engine (no boxed numbers as Map keys).
    this.hash = Math.imul(h ^ (sep + 1), FNV_PRIME) & 0x3fffffff;
    this.segA[c] = this.lit;
    this.segB[c] = b;
    this.segSep[c] = sep;
    this.keyLen += b - this.lit + (sep === SEP_WILD ? WILDCARD.length : sep);
  }

  get key(): string {
    if (this.builtKey !== undefined) return this.builtKey;
    let k = '';
    for (let c = 0; c < this.segCount; c++) {
      k += this.message.slice(this.segA[c], this.segB[c]);
      const sep = this.segSep[c];
      if (sep === SEP_WILD) k += WILDCARD;
      else if (sep === SEP_SPACE) k += ' ';
    }
    this.builtKey = k;
    return k;
  }

  keyEquals(k: string): boolean {
    if (k.length !== this.keyLen) return false;
    const msg = this.message;
    let p = 0;
    for (let c = 0; c < this.segCount; c++) {
      const b = this.segB[c] ?? 0;
      for (let i = this.segA[c] ?? 0; i < b; i++) if (k.charCodeAt(p++) !== msg.charCodeAt(i)) return false;
      const sep = this.segSep[c];
      if (sep === SEP_WILD) {
        if (!k.startsWith(WILDCARD, p)) return false;
        p += WILDCARD.length;
      } else if (sep === SEP_SPACE && k.charCodeAt(p++) !== CH_SP) return false;
    }
    return true;
  }

  private growTokens(need: number): void {
    this.tokStart = grow(this.tokStart, need);
    this.tokEnd = grow(this.tokEnd, need);
    this.keyTokStart = grow(this.keyTokStart, need);
    this.keyTokEnd = grow(this.keyTokEnd, need);
  }

  private emitVar(a: number, b: number, hint: VarHint): void {
    const v = this.varCount++;
    if (v >= this.varStart.length) {
      this.varStart = grow(this.varStart, v + 1);
      this.varEnd = grow(this.varEnd, v + 1);
      this.varTok = grow(this.varTok, v + 1);
      this.varHint = grow(this.varHint, v + 1);
    }
    this.varStart[v] = a;
    this.varEnd[v] = b;
    this.varTok[v] = this.tokenCount - 1;
    this.varHint[v] = hint;
    this.flush(a, SEP_WILD);
    this.lit = b;
  }

  /**
   * Human-readable sizes pick their unit by magnitude ("93.0 B", "5.2 KB"), so a number followed by a size
   * unit is one value: the unit joins the number's variable. Returns the (possibly extended) token end.
   */
  private absorbSizeUnit(t: number, s: number, e: number): number {
    const v = this.varCount - 1;
    if (v < 0 || this.varTok[v] !== t || this.varStart[v] !== s || this.varEnd[v] !== e) return e;
    const msg = this.message;
    if (e + 1 >= this.n || msg.charCodeAt(e) !== CH_SP || !isNumeric(msg, s, e)) return e;
    let u = e + 1;
    while (u < this.n && flagsOf(msg.charCodeAt(u)) & LETTER) u++;
    if (!SIZE_UNITS.has(msg.slice(e + 1, u))) return e;
    if (u < this.n && !(flagsOf(msg.charCodeAt(u)) & (SPACE | CLOSER))) return e;
    this.varEnd[v] = u;
    this.lit = u;
    return this.scanToken(s, u, false);
  }

  /** Scans the token starting at s from offset `from`; returns its end (a quoted value may extend it). */
  private scanToken(s: number, from: number, valueContext: boolean): number {
    const msg = this.message;
    const n = this.n;
    let j = from;
    let value = valueContext;
    while (j < n) {
      const c = msg.charCodeAt(j);
      const f = flagsOf(c);
      if (f & SPACE) break;
      if (f & DELIM) {
        if (c === CH_LT && msg.startsWith(REDACTED_PREFIX, j)) {
          const g = msg.indexOf('>', j);
          if (g !== -1 && !hasSpace(msg, j, g)) {
            this.emitVar(j, g + 1, VarHint.Redacted);
            j = g + 1;
            continue;
          }
        }
        if (c === CH_SLASH && (j === s || isPathLead(msg.charCodeAt(j - 1)))) {
          // Java prints addresses as "/10.0.0.1" or "host/10.0.0.1": the slash belongs to the address.
          const ipEnd = matchIpv4(msg, j + 1, n);
          if (ipEnd > 0) {
            this.emitVar(j, ipEnd, VarHint.Ip);
            j = ipEnd;
            continue;
          }
          if (!(flagsOf(msg.charCodeAt(j + 1)) & (DELIM | SPACE)) && j + 1 < n) {
            const pe = spanEnd(msg, j, n);
            this.emitVar(j, pe, VarHint.Path);
            j = pe;
            continue;
          }
        }
        if (c === CH_QUOTE && j > s && msg.charCodeAt(j - 1) === CH_EQ) {
          // key="quoted value" is a value, spaces included, so the token count does not depend on it.
          const q = msg.indexOf('"', j + 1);
          if (q > j + 1) {
            this.emitVar(j + 1, q, VarHint.Quoted);
            j = q + 1;
            continue;
          }
        }
        if (c === CH_EQ) value = true;
        j++;
        continue;
      }
      if (f & DOT) {
        if ((j === s || isPathLead(msg.charCodeAt(j - 1))) && isRelativePathStart(msg, j, n)) {
          const pe = spanEnd(msg, j, n);
          this.emitVar(j, pe, VarHint.Path);
          j = pe;
          continue;
        }
        if (flagsOf(msg.charCodeAt(j + 1)) & DOT) {
          // Leader dots ("enable......0") separate a label from its value.
          j += 2;
          while (flagsOf(msg.charCodeAt(j)) & DOT) j++;
          continue;
        }
      }
      j = this.scanPiece(j, s, value);
    }
    return j;
  }

  /** Scans a piece (a run without delimiters) at j and masks it when it looks variable; returns its end. */
  private scanPiece(j: number, s: number, value: boolean): number {
    const msg = this.message;
    const n = this.n;
    let k = j;
    let dots = 0;
    let digits = 0;
    let boundaryDigit = false;
    let all = HEX;
    let prev = 0;
    while (k < n) {
      const f = flagsOf(msg.charCodeAt(k));
      if (f & (DELIM | SPACE | DOT | DIGIT)) {
        if (f & (DELIM | SPACE)) break;
        if (f & DOT) {
          if (flagsOf(msg.charCodeAt(k + 1)) & DOT) break;
          if (prev & LETTER) dots++;
        } else {
          digits++;
          // A number standing on its own (start, after '_', '-', '.') is a value; "ssh2" is a name.
          if (!(prev & (LETTER | DIGIT))) boundaryDigit = true;
        }
      }
      all &= f;
      prev = f;
      k++;
    }
    const next = msg.charCodeAt(k);
    if (next === CH_COLON) {
      const special = this.colonSpecial(j, k, s, all !== 0);
      if (special > 0) return special;
    }
    // A sentence's closing dot is not part of the value before it ("on port 8080.").
    let end = k;
    while (end > j + 1 && msg.charCodeAt(end - 1) === CH_DOT) end--;
    if (digits > 0) {
      const split = labelSplit(msg, j, end);
      if (split > j) this.emitVar(split, end, VarHint.Plain);
      else if (boundaryDigit || digits >= 2) this.emitVar(j, end, VarHint.Plain);
    } else if ((all !== 0 && end - j >= 8) || isLiteralValue(msg, j, end)) {
      this.emitVar(j, end, VarHint.Plain);
    } else if (value && dots >= 2) {
      // After '=', a dotted name (package, host, class; not a mere file name) is the value of the key.
      this.emitVar(j, end, VarHint.Plain);
    }
    return k;
  }

  /** A piece followed by ':' may start a URL, a Windows path or a MAC/IPv6 address; returns its end or 0. */
  private colonSpecial(j: number, k: number, s: number, hexOnly: boolean): number {
    const msg = this.message;
    const n = this.n;
    const first = flagsOf(msg.charCodeAt(j));
    if (msg.charCodeAt(k + 1) === CH_SLASH && msg.charCodeAt(k + 2) === CH_SLASH && first & LETTER) {
      const ue = spanEnd(msg, k + 3, n);
      if (ue > k + 3) {
        this.emitVar(k + 3, ue, VarHint.Url);
        return ue;
      }
    }
    if (k === j + 1 && first & LETTER && msg.charCodeAt(k + 1) === CH_BACKSLASH) {
      const pe = spanEnd(msg, j, n);
      this.emitVar(j, pe, VarHint.Path);
      return pe;
    }
    if (hexOnly && k - j <= 4 && (j === s || isPathLead(msg.charCodeAt(j - 1)))) {
      // MAC and IPv6 addresses: hex groups joined by ':' are one value, not a row of numbers.
      const he = matchHexColons(msg, j, n);
      if (he > 0) {
        this.emitVar(j, he, VarHint.Plain);
        return he;
      }
    }
    return 0;
  }
}
