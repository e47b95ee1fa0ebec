/** What the scanner already knows about a variable span; the rest is typed later, only when asked. */
export const VarHint = { Plain: 0, Redacted: 1, Path: 2, Url: 3, Quoted: 4, Ip: 5 } as const;
/** One of the {@link VarHint} values. */
export type VarHint = (typeof VarHint)[keyof typeof VarHint];

/**
 * Result of scanning one message, held in reusable typed arrays (valid until the next scan).
 * The masked message ("key") is the tokens joined by one space, every variable span written `<*>`.
 */
export interface ScanResult {
  readonly message: string;
  /** The key as a string, built on first access (the hot path compares `keyCodes` instead). */
  readonly key: string;
  /** UTF-16 code units of the key, `[0, keyLength)`. */
  readonly keyCodes: Uint16Array;
  readonly keyLength: number;
  /** 30-bit hash of the key (a function of the key alone). */
  readonly hash: number;
  /** Whether the key equals the key of `length` units stored by `copyKeyWords` in `words`. */
  keyEquals(words: Uint32Array, length: number): boolean;
  /** A copy of the key, two units per word (the last one padded with 0). */
  copyKeyWords(): Uint32Array;
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
