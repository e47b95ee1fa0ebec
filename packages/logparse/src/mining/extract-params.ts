import type { TemplateParam } from '../types.js';
import type { WildSlot } from './cluster.js';
import { classifyValue } from './classify-value.js';
import { VarHint, type ScanResult } from './scan-result.js';

/**
 * One typed value per `<*>` of a template, read from a scanned message that fits it: the masked spans of
 * exact positions, and for a generalised position the whole token between the slot's prefix and suffix.
 */
export function extractParams(r: ScanResult, wild: readonly (WildSlot | undefined)[]): TemplateParam[] {
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
