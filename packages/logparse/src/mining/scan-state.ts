import type { ScanResult, VarHint } from './scan-result.js';

const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const CH_LT = 60;
const CH_STAR = 42;
const CH_GT = 62;
/** Code units per `String.fromCharCode` call when building a key (keeps the argument list small). */
const DECODE_CHUNK = 4096;

function grow<T extends Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * The scratch buffers of one scanner and the masked key written into them. A class so that V8 keeps one
 * hidden shape and the scanning loops stay monomorphic; reused for every message, so scanning allocates
 * nothing.
 */
export class ScanState implements ScanResult {
  message = '';
  /** Length of `message`. */
  n = 0;
  /**
   * The message as bytes, one per UTF-16 unit: ASCII as is, any other unit 0x80 (no character class; the
   * rules only test ASCII), then 4 zero bytes. Reading a typed array is several times cheaper than
   * `charCodeAt` on the sliced strings that splitting a chunk into lines produces.
   */
  src = new Uint8Array(256);
  /** Whether the message has a non-ASCII unit (the key's copies of such units are fixed afterwards). */
  wide = false;
  hash = 0;
  keyLength = 0;
  /**
   * The key, written while scanning: literal code units as they are read, `<*>` for each variable span.
   * Always at least 3n + 8 long before a scan (a variable of one unit writes three), so the scanning loops
   * can keep it in a local and write without growing it.
   */
  keyCodes = new Uint16Array(256);
  /** The same memory as 32-bit words: hashing and comparing take two units at a time. */
  keyWords = new Uint32Array(this.keyCodes.buffer);
  /** Write position in `keyCodes` during a scan. */
  kpos = 0;
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
  private builtKey: string | undefined = undefined;
  private readonly encoder = new TextEncoder();

  /** Starts a scan of `msg`. */
  reset(msg: string): void {
    const n = msg.length;
    this.message = msg;
    this.n = n;
    this.kpos = 0;
    this.tokenCount = 0;
    this.varCount = 0;
    this.builtKey = undefined;
    if (this.keyCodes.length < 3 * n + 8) {
      // An even length, so that the word view covers every unit.
      this.keyCodes = new Uint16Array((Math.max(3 * n + 8, this.keyCodes.length * 2) + 1) & ~1);
      this.keyWords = new Uint32Array(this.keyCodes.buffer);
    }
    if (this.src.length < n + 8) this.src = new Uint8Array(Math.max(n + 8, this.src.length * 2));
    const src = this.src;
    // encodeInto copies an ASCII message in native code; UTF-8 differs from one byte per unit only when
    // something is not ASCII, and then the bytes are rewritten unit by unit.
    const done = this.encoder.encodeInto(msg, src);
    this.wide = done.written !== n || done.read !== n;
    if (this.wide) {
      for (let i = 0; i < n; i++) {
        const c = msg.charCodeAt(i);
        src[i] = c < 128 ? c : 0x80;
      }
    }
    src[n] = 0;
    src[n + 1] = 0;
    src[n + 2] = 0;
    src[n + 3] = 0;
  }

  /** Opens a token at raw offset `start`; returns its index. */
  beginToken(start: number): number {
    const t = this.tokenCount++;
    if (t >= this.tokStart.length) {
      this.tokStart = grow(this.tokStart, t + 1);
      this.tokEnd = grow(this.tokEnd, t + 1);
      this.keyTokStart = grow(this.keyTokStart, t + 1);
      this.keyTokEnd = grow(this.keyTokEnd, t + 1);
    }
    this.tokStart[t] = start;
    this.keyTokStart[t] = this.kpos;
    return t;
  }

  /** Closes token t at raw offset `end`. */
  endToken(t: number, end: number): void {
    this.tokEnd[t] = end;
    this.keyTokEnd[t] = this.kpos;
  }

  /** Records the variable span [a, b) of the current token and writes `<*>` at the key position. */
  emitVar(a: number, b: number, hint: VarHint): void {
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
    const k = this.kpos;
    const codes = this.keyCodes;
    codes[k] = CH_LT;
    codes[k + 1] = CH_STAR;
    codes[k + 2] = CH_GT;
    this.kpos = k + 3;
  }

  /** Ends the scan: restores non-ASCII units in the key, fixes its length and hashes it. */
  finish(): void {
    if (this.wide) this.copyWideUnits();
    const len = this.kpos;
    this.keyLength = len;
    // A zero after an odd length makes the last word, and so hash and comparison, depend on the key alone.
    this.keyCodes[len] = 0;
    const words = this.keyWords;
    const w = (len + 1) >> 1;
    // Two independent multiply chains, so that the loop is not bound by the latency of one.
    let h1 = FNV_BASIS;
    let h2 = len;
    let i = 0;
    for (; i + 1 < w; i += 2) {
      h1 = Math.imul(h1 ^ (words[i] ?? 0), FNV_PRIME);
      h2 = Math.imul(h2 ^ (words[i + 1] ?? 0), FNV_PRIME);
    }
    if (i < w) h1 = Math.imul(h1 ^ (words[i] ?? 0), FNV_PRIME);
    const h = Math.imul(h1 ^ (h2 >>> 7) ^ (h2 << 11), FNV_PRIME);
    // 30 bits stay a small integer for the engine.
    this.hash = (h ^ (h >>> 15)) & 0x3fffffff;
  }

  /**
   * The scanning loops copy bytes, so a non-ASCII unit was written as 0x80: copy the literal text of every
   * token again from the message. Literal text is what lies between the variable spans of a token.
   */
  private copyWideUnits(): void {
    const msg = this.message;
    const codes = this.keyCodes;
    let v = 0;
    for (let t = 0; t < this.tokenCount; t++) {
      let kp = this.keyTokStart[t] ?? 0;
      let pos = this.tokStart[t] ?? 0;
      for (; v < this.varCount && this.varTok[v] === t; v++) {
        const a = this.varStart[v] ?? 0;
        while (pos < a) codes[kp++] = msg.charCodeAt(pos++);
        kp += 3;
        pos = this.varEnd[v] ?? 0;
      }
      const e = this.tokEnd[t] ?? 0;
      while (pos < e) codes[kp++] = msg.charCodeAt(pos++);
    }
  }

  get key(): string {
    if (this.builtKey !== undefined) return this.builtKey;
    let k = '';
    for (let p = 0; p < this.keyLength; p += DECODE_CHUNK)
      k += String.fromCharCode(...this.keyCodes.subarray(p, Math.min(this.keyLength, p + DECODE_CHUNK)));
    this.builtKey = k;
    return k;
  }

  keyEquals(words: Uint32Array, length: number): boolean {
    if (length !== this.keyLength) return false;
    const own = this.keyWords;
    const w = (length + 1) >> 1;
    for (let i = 0; i < w; i++) if (own[i] !== words[i]) return false;
    return true;
  }

  copyKeyWords(): Uint32Array {
    return this.keyWords.slice(0, (this.keyLength + 1) >> 1);
  }
}
