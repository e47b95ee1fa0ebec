import type { AnomalyEvent, Level } from './types.js';

/** One template's rate in a synthetic stream. */
export interface SyntheticTemplate {
  readonly id: string;
  readonly level?: Level;
  /** Events per minute; may depend on the minute (seasonality, planted spikes and drops). */
  readonly perMinute: (minute: number) => number;
}

/**
 * A deterministic synthetic stream, one source, events spread evenly inside each minute. Used by tests and
 * documentation examples; it has no randomness so expectations are exact.
 */
export function syntheticStream(
  minutes: number,
  templates: readonly SyntheticTemplate[],
  startMs = 0,
): AnomalyEvent[] {
  const out: AnomalyEvent[] = [];
  for (let m = 0; m < minutes; m++) {
    const batch: { id: string; level: Level }[] = [];
    for (const t of templates) {
      const n = Math.max(0, Math.round(t.perMinute(m)));
      for (let i = 0; i < n; i++) batch.push({ id: t.id, level: t.level ?? 'info' });
    }
    batch.forEach((b, i) => {
      out.push({
        timestamp: startMs + m * 60_000 + Math.floor((i * 60_000) / Math.max(1, batch.length)),
        sequence: out.length,
        source: 'app',
        templateId: b.id,
        template: `${b.id} happened <*>`,
        level: b.level,
        params: [{ type: 'number', value: String(i) }],
      });
    });
  }
  return out;
}
