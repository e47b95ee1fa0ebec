import type { ParamType } from '../types.js';
import { DIGIT, HEX, LETTER, flagsOf } from './char-class.js';
import { VarHint } from './scan-result.js';

const DURATION_UNITS = new Set([
  'ns',
  'us',
  'µs',
  'ms',
  's',
  'sec',
  'secs',
  'm',
  'min',
  'mins',
  'h',
  'hr',
  'hrs',
  'd',
]);
const SIZE_UNITS = new Set([
  'b',
  'k',
  'kb',
  'kib',
  'm',
  'mb',
  'mib',
  'g',
  'gb',
  'gib',
  't',
  'tb',
  'tib',
  'bytes',
]);

/** The type of a value a `<*>` stood for; `hint` is what the scanner already knew about it. */
export function classifyValue(value: string, hint: VarHint = VarHint.Plain): ParamType {
  switch (hint) {
    case VarHint.Redacted:
      return 'redacted';
    case VarHint.Path:
      return 'path';
    case VarHint.Url:
      return 'url';
    case VarHint.Quoted:
      return 'quoted';
    case VarHint.Ip:
      return 'ipv4';
    default:
      return classifyPlain(value);
  }
}

function classifyPlain(v: string): ParamType {
  const n = v.length;
  if (n === 0) return 'word';
  if (v.startsWith('<redacted:')) return 'redacted';
  if (v.includes('://')) return 'url';
  const c0 = v.charCodeAt(0);
  if (c0 === 47 /* / */ || (n > 2 && v.charCodeAt(1) === 58 && v.charCodeAt(2) === 92)) return 'path';
  if (c0 === 34 || c0 === 39) return 'quoted';
  const ipEnd = ipv4End(v, c0 === 47 ? 1 : 0);
  if (ipEnd === n) return 'ipv4';
  if (ipEnd > 0 && v.charCodeAt(ipEnd) === 58 && isDigits(v, ipEnd + 1, n)) return 'ip-port';
  if (isNumber(v)) return 'number';
  if (n > 2 && c0 === 48 && (v.charCodeAt(1) | 0x20) === 120 && isHex(v, 2, n)) return 'hex';
  if (isUuid(v)) return 'uuid';
  const numEnd = numberPrefix(v);
  if (numEnd > 0 && numEnd < n) {
    const unit = v.slice(numEnd).toLowerCase();
    if (DURATION_UNITS.has(unit)) return 'duration';
    if (SIZE_UNITS.has(unit)) return 'size';
  }
  if (isDateTime(v)) return 'datetime';
  if (v.indexOf(':') > 1 && v.split(':').length > 2 && isHexGroups(v)) return 'ipv6';
  const at = v.indexOf('@');
  if (at > 0 && v.indexOf('.', at) > at + 1) return 'email';
  if (n >= 8 && isHex(v, 0, n)) return 'hex';
  for (let i = 0; i < n; i++) if (flagsOf(v.charCodeAt(i)) & DIGIT) return 'id';
  return 'word';
}

/** End of a dotted IPv4 address starting at a, or -1 (the scanner's rule, on a value string). */
function ipv4End(v: string, a: number): number {
  let k = a;
  for (let group = 0; group < 4; group++) {
    if (group > 0) {
      if (v.charCodeAt(k) !== 46) return -1;
      k++;
    }
    const start = k;
    while (k - start < 3 && flagsOf(v.charCodeAt(k)) & DIGIT) k++;
    if (k === start) return -1;
  }
  if (flagsOf(v.charCodeAt(k)) & (DIGIT | LETTER)) return -1;
  return k;
}

function isDigits(v: string, a: number, b: number): boolean {
  if (a >= b) return false;
  for (let i = a; i < b; i++) if (!(flagsOf(v.charCodeAt(i)) & DIGIT)) return false;
  return true;
}

function isHex(v: string, a: number, b: number): boolean {
  if (a >= b) return false;
  for (let i = a; i < b; i++) if (!(flagsOf(v.charCodeAt(i)) & HEX)) return false;
  return true;
}

/** Length of a leading signed decimal number, 0 when there is none. */
function numberPrefix(v: string): number {
  let i = 0;
  const c = v.charCodeAt(0);
  if (c === 45 || c === 43) i++;
  const start = i;
  while (i < v.length && flagsOf(v.charCodeAt(i)) & DIGIT) i++;
  if (i === start) return 0;
  if (v.charCodeAt(i) === 46 && flagsOf(v.charCodeAt(i + 1)) & DIGIT) {
    i++;
    while (i < v.length && flagsOf(v.charCodeAt(i)) & DIGIT) i++;
  }
  return i;
}

function isNumber(v: string): boolean {
  return numberPrefix(v) === v.length;
}

function isUuid(v: string): boolean {
  if (v.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = v.charCodeAt(i);
    const dash = i === 8 || i === 13 || i === 18 || i === 23;
    if (dash ? c !== 45 : !(flagsOf(c) & HEX)) return false;
  }
  return true;
}

/** Dates and times: digits joined by '-', '/', ':', 'T', '.', ',' with at least two separators. */
function isDateTime(v: string): boolean {
  let seps = 0;
  let digits = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const f = flagsOf(c);
    if (f & DIGIT) digits++;
    else if (c === 45 || c === 47 || c === 58) seps++;
    else if (!(c === 84 || c === 46 || c === 44 || c === 90 || c === 43)) return false;
  }
  return seps >= 2 && digits >= 4 && (flagsOf(v.charCodeAt(0)) & DIGIT) !== 0;
}

function isHexGroups(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c !== 58 && !(flagsOf(c) & HEX)) return false;
  }
  return true;
}
