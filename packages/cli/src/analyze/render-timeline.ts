import type { Level } from '@loglens/logparse';
import type { VolumeTimeline } from './volume-timeline.js';

const BARS = ' ▁▂▃▄▅▆▇█';
const ROWS: readonly { label: string; levels: readonly Level[] }[] = [
  { label: 'error', levels: ['error', 'fatal'] },
  { label: 'warn', levels: ['warn'] },
  { label: 'info', levels: ['info'] },
  { label: 'other', levels: ['trace', 'debug', 'unknown'] },
];

function sum(bucket: Readonly<Partial<Record<Level, number>>>, levels: readonly Level[]): number {
  return levels.reduce((s, l) => s + (bucket[l] ?? 0), 0);
}

/**
 * Draws lines per time bucket, one row of bar characters per level group, each row scaled to its own peak
 * (so a handful of errors still shows). Buckets are merged to fit `width` columns.
 */
export function renderTimeline(timeline: VolumeTimeline, width: number): string[] {
  const columns = Math.max(1, Math.min(width, timeline.buckets.length));
  const perColumn = Math.ceil(timeline.buckets.length / columns);
  const merged: Partial<Record<Level, number>>[] = [];
  for (let i = 0; i < timeline.buckets.length; i += perColumn) {
    const out: Partial<Record<Level, number>> = {};
    for (const bucket of timeline.buckets.slice(i, i + perColumn)) {
      for (const [level, n] of Object.entries(bucket) as [Level, number][])
        out[level] = (out[level] ?? 0) + n;
    }
    merged.push(out);
  }
  const lines: string[] = [];
  for (const row of ROWS) {
    const values = merged.map((b) => sum(b, row.levels));
    const peak = Math.max(...values);
    if (peak === 0) continue;
    const bars = values
      .map((v) => (v === 0 ? ' ' : BARS[Math.max(1, Math.round((v / peak) * (BARS.length - 1)))]))
      .join('');
    lines.push(
      `${row.label.padStart(5)} │${bars}│ peak ${peak}/${formatSpan(timeline.bucketMs * perColumn)}`,
    );
  }
  const end = timeline.start + timeline.buckets.length * timeline.bucketMs;
  const from = new Date(timeline.start).toISOString().slice(0, 16).replace('T', ' ');
  const to = new Date(end).toISOString().slice(0, 16).replace('T', ' ');
  const axisWidth = merged.length;
  const gap = Math.max(1, axisWidth - from.length - to.length);
  lines.push(`${' '.repeat(6)} ${from}${' '.repeat(gap)}${to} UTC`);
  return lines;
}

/** `1m`, `2h`, `9.2d`: a bucket width in the largest unit it fills, with a decimal when not whole. */
export function formatSpan(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) {
    if (ms < size) continue;
    const value = ms / size;
    return `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;
  }
  return `${ms}ms`;
}
