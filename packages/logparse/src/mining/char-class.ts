/**
 * Character classes used by the message scanner, as flags in a lookup table indexed by UTF-16 code unit.
 * A table lookup per character is what keeps the scanner near memory speed.
 */

/** Separates tokens. */
export const SPACE = 1;
/** Separates pieces inside a token and is kept literally in the template (`=`, `:`, `(`, `/`...). */
export const DELIM = 2;
/** ASCII decimal digit. */
export const DIGIT = 4;
/** ASCII letter. */
export const LETTER = 8;
/** Hexadecimal digit (0-9, a-f, A-F). */
export const HEX = 16;
/** Closes a path, URL or quoted value that started inside a token. */
export const CLOSER = 32;
/** '.', which ends a sentence, joins a dotted name or leads a row of dots. */
export const DOT = 64;

/** One entry per UTF-16 code unit, so a lookup needs no range check; non-ASCII units have no flag. */
const TABLE_SIZE = 65536;

function buildTable(): Uint8Array {
  const t = new Uint8Array(TABLE_SIZE);
  for (const c of ' \t\r\n\f\v') t[c.charCodeAt(0)] = SPACE;
  // Characters that glue a variable to its constant surroundings in real logs: key=value, host:port,
  // call(arg), [list], {map}, a/b, "quoted", user@host, #n, a|b, a,b and Windows paths.
  const add = (chars: string, flag: number): void => {
    for (const c of chars) t[c.charCodeAt(0)] = (t[c.charCodeAt(0)] ?? 0) | flag;
  };
  add('=:,;|@/\\#()[]{}<>"\'', DELIM);
  add(')]}>,;"\'', CLOSER);
  add('.', DOT);
  for (let c = 48; c <= 57; c++) t[c] = DIGIT | HEX;
  for (let c = 65; c <= 90; c++) t[c] = LETTER | (c <= 70 ? HEX : 0);
  for (let c = 97; c <= 122; c++) t[c] = LETTER | (c <= 102 ? HEX : 0);
  return t;
}

/** Flags of every code unit; units >= 128 have none (they are ordinary word characters). */
export const CHAR_FLAGS: Readonly<Uint8Array> = buildTable();

/**
 * Flags of a code unit. Reading past the end of a string gives NaN, which `& 0xffff` turns into 0: the
 * index is then always an in-range integer and the lookup stays on the engine's fast typed-array path.
 */
export function flagsOf(code: number): number {
  return CHAR_FLAGS[code & 0xffff] ?? 0;
}
