import { WILDCARD } from '../types.js';

/**
 * Whether a message fits a template: whitespace runs are equivalent, and each `<*>` stands for any
 * non-empty text (spaces included, since a quoted value may hold some).
 */
export function templateMatches(template: string, message: string): boolean {
  const t = collapse(template);
  const m = collapse(message);
  const parts = t.split(WILDCARD);
  const first = parts[0] ?? '';
  if (!m.startsWith(first)) return false;
  if (parts.length === 1) return m === first;
  const last = parts[parts.length - 1] ?? '';
  if (m.length < first.length + last.length || !m.endsWith(last)) return false;
  // Greedy left-to-right search is exact for a single wildcard run; with several, fall back to backtracking.
  return matchFrom(parts, 1, m, first.length, m.length - last.length);
}

function matchFrom(parts: readonly string[], i: number, m: string, pos: number, end: number): boolean {
  if (i === parts.length - 1) return end - pos >= 1;
  const part = parts[i] ?? '';
  for (
    let at = m.indexOf(part, pos + 1);
    at !== -1 && at + part.length <= end;
    at = m.indexOf(part, at + 1)
  ) {
    if (matchFrom(parts, i + 1, m, at + part.length, end)) return true;
  }
  return false;
}

function collapse(s: string): string {
  return s.trim().split(/\s+/).join(' ');
}
