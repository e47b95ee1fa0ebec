import type { TemplateParam } from '../types.js';
import type { WildSlot } from './cluster.js';
import { classifyValue } from './classify-value.js';
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
    while (v < r.varCount && r.varTok[v] === p) {
      const value = msg.slice(r.varStart[v], r.varEnd[v]);
      params.push({ type: classifyValue(value, (r.varHint[v] ?? 0) as VarHint), value });
      v++;
    }
  }
  return params;
}

/** Whether token p is one variable and nothing else. */
function isBare(r: ScanResult, p: number, v: number): boolean {
  return (
    v < r.varCount &&
    r.varTok[v] === p &&
    r.varStart[v] === r.tokStart[p] &&
    r.varEnd[v] === r.tokEnd[p] &&
    (r.keyTokEnd[p] ?? 0) - (r.keyTokStart[p] ?? 0) === 3
  );
}

/** Parameters of a line of a list template: a run of bare variables is one value, the list's text. */
function listParams(r: ScanResult): TemplateParam[] {
  const msg = r.message;
  const params: TemplateParam[] = [];
  let v = 0;
  for (let p = 0; p < r.tokenCount; p++) {
    if (isBare(r, p, v)) {
      const start = r.varStart[v] ?? 0;
      let end = r.varEnd[v] ?? 0;
      let single = true;
      while (p + 1 < r.tokenCount && isBare(r, p + 1, v + 1)) {
        p++;
        v++;
        end = r.varEnd[v] ?? 0;
        single = false;
      }
      const value = msg.slice(start, end);
      params.push({ type: single ? classifyValue(value, (r.varHint[v] ?? 0) as VarHint) : 'list', value });
      v++;
      continue;
    }
    while (v < r.varCount && r.varTok[v] === p) {
      const value = msg.slice(r.varStart[v], r.varEnd[v]);
      params.push({ type: classifyValue(value, (r.varHint[v] ?? 0) as VarHint), value });
      v++;
    }
  }
  return params;
}
