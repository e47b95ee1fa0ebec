import { levelAt } from '../level.js';

/** One header token: `[start, end)` in the line; `bracket` when it is a `[...]` group. */
export interface Token {
  readonly start: number;
  readonly end: number;
  /** Whitespace characters after the token. */
  readonly gap: number;
  readonly bracket: boolean;
  /** The token was cut at a colon after a level word (`WARNING:root:msg`), so the next one is cut too. */
  readonly colonCut: boolean;
}

/** Whether a code unit is a blank (space or tab) between header fields. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Index of the first non-blank character at or after `at`. */
export function skipBlanks(line: string, at: number): number {
  let i = at;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return i;
}

/**
 * End of the token starting at `start`. A token is a run of non-blank characters; a `[` opens a group that
 * runs to its matching `]` (spaces and nested brackets included), so `[IPC Server handler 5]` is one field.
 * After a level word, a colon ends the token (`WARNING:root:msg`); `cutAtColon` cuts at the first colon.
 */
export function tokenEnd(line: string, start: number, cutAtColon: boolean): number {
  const length = line.length;
  if (line.charCodeAt(start) === 91) {
    let depth = 0;
    for (let i = start; i < length; i++) {
      const c = line.charCodeAt(i);
      if (c === 91) depth++;
      else if (c === 93 && --depth === 0) return i + 1;
      else if (c === 10) break;
    }
  }
  let i = start;
  while (i < length) {
    const c = line.charCodeAt(i);
    // One comparison for the usual character; blanks and colons are the rare cases.
    if (c <= 58) {
      if (c === 32 || c === 9 || c === 10 || c === 13) break;
      if (c === 58) {
        i++;
        if (cutAtColon || (i - start >= 4 && i - start <= 10 && isLevelHead(line, start, i - 1))) break;
        continue;
      }
    }
    i++;
  }
  return i;
}

/** Splits the start of a line into at most `max` header tokens. */
export function tokenize(line: string, max: number): Token[] {
  const tokens: Token[] = [];
  let at = skipBlanks(line, 0);
  let cut = false;
  while (at < line.length && tokens.length < max) {
    const c = line.charCodeAt(at);
    if (c === 10 || c === 13) break;
    const end = tokenEnd(line, at, cut);
    const next = skipBlanks(line, end);
    const colonCut: boolean = line.charCodeAt(end - 1) === 58 && !cut && end < line.length && next === end;
    tokens.push({
      start: at,
      end,
      gap: next - end,
      bracket: c === 91 && line.charCodeAt(end - 1) === 93,
      colonCut,
    });
    cut = colonCut;
    at = next;
  }
  return tokens;
}

function isLevelHead(line: string, start: number, colon: number): boolean {
  const first = line.charCodeAt(start);
  if (first < 65 || first > 90) return false;
  return (
    levelAt(line, start, colon) !== undefined && colon + 1 < line.length && line.charCodeAt(colon + 1) !== 32
  );
}
