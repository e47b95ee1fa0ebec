import type { TemplateParam } from '../types.js';
import type { WildSlot } from './cluster.js';
import { WILDCARD } from '../types.js';
import { classifyValue } from './classify-value.js';
import { continuesRun } from './list-key.js';
import { VarHint, type ScanResult } from './scan-result.js';

/**
 * One typed value per `<*>` of a template, read from a scanned message that fits it: the masked spans of
 * exact positions, and for a generalised position the whole token between the slot's prefix and suffix.
 */
export function extractParams(
  r: ScanResult,
  wild: readonly (WildSlot | undefined)[],
  list = false,
): TemplateParam[] {
  if (list) return listParams(r);
  const msg = r.message;
  const params: TemplateParam[] = [];
  let v = 0;
  for (let p = 0; p < r.tokenCount; p++) {
    const slot = wild[p];
    if (slot) {
      const a = (r.tokStart[p] ?? 0) + slot.prefix.length;
      const b = Math.max(a, (r.tokEnd[p] ?? 0) - slot.suffix.length);
      let hint: VarHint = VarHint.Plain;
      let inToken = 0;
      while (v < r.varCount && r.varTok[v] === p) {
        if (r.varStart[v] === a && r.varEnd[v] === b) hint = (r.varHint[v] ?? 0) as VarHint;
        inToken++;
        v++;
      }
      const value = msg.slice(a, b);
      params.push({ type: inToken === 1 ? classifyValue(value, hint) : classifyValue(value), value });
      continue;
    }
    v = pushTokenValues(r, p, v, params);
  }
  return params;
}

/** Pushes the values of token p's variables (from variable v on); returns the next variable. */
function pushTokenValues(r: ScanResult, p: number, from: number, params: TemplateParam[]): number {
  let v = from;
  while (v < r.varCount && r.varTok[v] === p) {
    const value = r.message.slice(r.varStart[v], r.varEnd[v]);
    params.push({ type: classifyValue(value, (r.varHint[v] ?? 0) as VarHint), value });
    v++;
  }
  return v;
}

/** The list item token p is (`<*>` or `<*>,`, one variable spanning it), as its key text, or undefined. */
function itemAt(r: ScanResult, p: number, v: number): string | undefined {
  if (v >= r.varCount || r.varTok[v] !== p || r.varStart[v] !== r.tokStart[p]) return undefined;
  const keyLength = (r.keyTokEnd[p] ?? 0) - (r.keyTokStart[p] ?? 0);
  const end = r.tokEnd[p] ?? 0;
  if (keyLength === 3 && r.varEnd[v] === end) return WILDCARD;
  if (keyLength === 4 && r.varEnd[v] === end - 1 && r.message.charCodeAt(end - 1) === 44)
    return `${WILDCARD},`;
  return undefined;
}

/** Parameters of a line of a list template: a run of list items is one value, the list's text. */
function listParams(r: ScanResult): TemplateParam[] {
  const msg = r.message;
  const params: TemplateParam[] = [];
  let v = 0;
  for (let p = 0; p < r.tokenCount; p++) {
    const item = itemAt(r, p, v);
    if (item !== undefined) {
      const start = r.varStart[v] ?? 0;
      let last = item;
      let single = true;
      for (let next = itemAt(r, p + 1, v + 1); continuesRun(last, next); next = itemAt(r, p + 1, v + 1)) {
        p++;
        v++;
        last = next;
        single = false;
      }
      const value = msg.slice(start, r.varEnd[v] ?? 0);
      params.push({ type: single ? classifyValue(value, (r.varHint[v] ?? 0) as VarHint) : 'list', value });
      v++;
      continue;
    }
    v = pushTokenValues(r, p, v, params);
  }
  return params;
}
