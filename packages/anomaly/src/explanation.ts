import type { Contribution } from './types.js';

/** Short display form of a template for sentences: quoted, long ones cut. */
export function quoteTemplate(template: string): string {
  const t = template.length > 80 ? `${template.slice(0, 77)}...` : template;
  return `"${t}"`;
}

/** Formats a count or rate compactly for sentences. */
export function formatCount(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (n >= 10) return n.toFixed(0);
  if (n >= 0.1) return n.toFixed(1);
  return n.toPrecision(1);
}

/** Formats a probability as a percentage that keeps small values readable. */
export function formatShare(p: number): string {
  const pct = p * 100;
  if (pct >= 1) return `${pct.toFixed(0)}%`;
  if (pct >= 0.01) return `${pct.toPrecision(1)}%`;
  return 'under 0.01%';
}

/** "T1 ×3 (expected 0.1), T2 ×0 (expected 3)" for the first few contributions. */
export function describeContributions(contributions: readonly Contribution[], max = 3): string {
  return contributions
    .slice(0, max)
    .map(
      (c) => `${quoteTemplate(c.template)} ×${formatCount(c.actual)} (expected ${formatCount(c.expected)})`,
    )
    .join(', ');
}
