import { AnomalyEngine } from '../src/index.js';
import type { AnomalyEvent, EngineOptions } from '../src/index.js';

/**
 * Events per second of the detectors alone (parsing excluded): the events are replayed until at least
 * `minEvents` went through a fresh engine, median of `runs`.
 */
export function measureEventsPerSec(
  events: readonly AnomalyEvent[],
  options: EngineOptions,
  minEvents = 1_000_000,
  runs = 3,
): number {
  if (events.length === 0) return 0;
  const rounds = Math.ceil(minEvents / events.length);
  const span = (events[events.length - 1]?.timestamp ?? 0) - (events[0]?.timestamp ?? 0) + 1;
  const replay: AnomalyEvent[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const e of events) {
      replay.push({
        ...e,
        sequence: e.sequence + r * events.length,
        ...(e.timestamp !== undefined ? { timestamp: e.timestamp + r * span } : {}),
      });
    }
  }
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const engine = new AnomalyEngine(options);
    const t0 = process.hrtime.bigint();
    let i = 0;
    for (const e of replay) {
      engine.process(e);
      if ((++i & 4095) === 0) engine.takeResults();
    }
    engine.flush();
    engine.takeResults();
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(replay.length / secs);
  }
  rates.sort((a, b) => a - b);
  return Math.round(rates[Math.floor(rates.length / 2)] ?? 0);
}
