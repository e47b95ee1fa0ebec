import type { AnomalyEvent, Level } from './types.js';
import { Random } from './random.js';

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

/** Poisson draw by sequential inversion (means up to a few hundred). */
export function poisson(mean: number, rng: Random): number {
  let p = Math.exp(-mean);
  let sum = p;
  let x = 0;
  const u = rng.next();
  while (u > sum && p > 0) {
    x++;
    p *= mean / x;
    sum += p;
  }
  return x;
}

/**
 * A seeded stream whose per-minute counts are Poisson draws around each template's rate, with events at random
 * moments inside the minute: the noise real logs have at their quietest (real counts are burstier still).
 */
export function noisyStream(
  minutes: number,
  templates: readonly SyntheticTemplate[],
  seed: number,
  startMs = 0,
): AnomalyEvent[] {
  const rng = new Random(seed);
  const out: AnomalyEvent[] = [];
  for (let m = 0; m < minutes; m++) {
    const batch: { at: number; id: string; level: Level }[] = [];
    for (const t of templates) {
      const n = poisson(Math.max(0, t.perMinute(m)), rng);
      for (let i = 0; i < n; i++) batch.push({ at: rng.int(60_000), id: t.id, level: t.level ?? 'info' });
    }
    batch.sort((a, b) => a.at - b.at);
    for (const b of batch) {
      out.push({
        timestamp: startMs + m * 60_000 + b.at,
        sequence: out.length,
        source: 'app',
        templateId: b.id,
        template: `${b.id} happened <*>`,
        level: b.level,
        params: [{ type: 'number', value: String(out.length) }],
      });
    }
  }
  return out;
}
