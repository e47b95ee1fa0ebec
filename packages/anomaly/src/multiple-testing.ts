/**
 * Holm's step-down adjustment of p-values among `m` hypotheses tested together (those not listed count as
 * p = 1). Rejecting where the adjusted value is at most alpha keeps the chance of any false rejection in the
 * family at alpha, under any dependence between the tests; it is never less powerful than Bonferroni.
 */
export function holmAdjust(pValues: readonly number[], m: number): number[] {
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] ?? 1) - (pValues[b] ?? 1));
  const out = new Array<number>(pValues.length).fill(1);
  let running = 0;
  order.forEach((i, rank) => {
    const adjusted = Math.min(1, Math.max(1, m - rank) * (pValues[i] ?? 1));
    running = Math.max(running, adjusted);
    out[i] = running;
  });
  return out;
}
