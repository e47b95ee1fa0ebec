import type { Episode, Finding } from '@loglens/anomaly';
import type { Level } from '@loglens/logparse';
import type { AnalysisReport } from './run-analysis.js';
import { renderTimeline } from './render-timeline.js';
import type { TemplateRow } from './template-report.js';

const LEVEL_ORDER: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'];
const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number): string => `${(100 * x).toFixed(x < 0.001 ? 2 : 1)}%`;

function fit(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(1, width - 1))}…`;
}

/** `2026-11-20 09:00:03` in UTC. */
function when(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `t` without the date it shares with `since`: `11:59:50`, `12-05 11:06:52`, or whole in another year. */
function whenAfter(since: number, t: number): string {
  const a = when(since);
  const b = when(t);
  return b.slice(a.slice(0, 10) === b.slice(0, 10) ? 11 : a.slice(0, 4) === b.slice(0, 4) ? 5 : 0);
}

/** `start → end`, the end without the date it shares with the start. */
export function timeRange(start: number, end: number): string {
  return `${when(start)} → ${whenAfter(start, end)}`;
}

function levelMix(row: TemplateRow): string {
  return LEVEL_ORDER.filter((l) => (row.levels[l] ?? 0) > 0)
    .slice(0, 2)
    .map((l) => `${l} ${Math.round((100 * (row.levels[l] ?? 0)) / row.count)}%`)
    .join(' ');
}

function seen(row: TemplateRow): string {
  if (row.firstSeen !== undefined && row.lastSeen !== undefined) {
    return timeRange(row.firstSeen, row.lastSeen);
  }
  return `line ${n(row.firstLine)} → ${n(row.lastLine)}`;
}

function summary(report: AnalysisReport): string[] {
  const formats = Object.entries(report.formats)
    .sort((a, b) => b[1] - a[1])
    .map(([f, c]) => `${f} ${n(c)}`)
    .join(', ');
  const redactions = Object.entries(report.redactions)
    .filter(([, c]) => c > 0)
    .map(([r, c]) => `${r} ${n(c)}`)
    .join(', ');
  const lines = [
    `LogLens analysis of ${report.input}`,
    `  ${n(report.lines)} lines (${n(report.records)} records) in ${report.seconds.toFixed(2)} s: ${n(Math.round(report.linesPerSecond))} lines/s`,
    `  templates: ${n(report.templates.length)}   formats: ${formats || 'none'}`,
    `  redactions: ${redactions || 'none'}`,
  ];
  if (report.truncatedRecords > 0 || report.invalidUtf8 > 0) {
    lines.push(
      `  truncated records: ${n(report.truncatedRecords)}   invalid UTF-8 sequences replaced: ${n(report.invalidUtf8)}`,
    );
  }
  return lines;
}

function templateTable(rows: readonly TemplateRow[], total: number, top: number, width: number): string[] {
  const shown = rows.slice(0, top);
  const out = [`Templates (top ${shown.length} of ${n(total)})`];
  const seens = shown.map(seen);
  const seenWidth = Math.max(32, ...seens.map((s) => s.length));
  const head = `${'#'.padStart(4)} ${'count'.padStart(9)} ${'share'.padStart(6)}  ${'levels'.padEnd(18)} ${'seen'.padEnd(seenWidth)} template`;
  out.push(head);
  const templateWidth = Math.max(20, width - head.length + 'template'.length);
  shown.forEach((row, i) => {
    out.push(
      `${String(i + 1).padStart(4)} ${n(row.count).padStart(9)} ${pct(row.share).padStart(6)}  ${levelMix(row).padEnd(18)} ${(seens[i] ?? '').padEnd(seenWidth)} ${fit(row.template, templateWidth)}`,
    );
    out.push(`${' '.repeat(5)}e.g. ${fit(row.example, Math.max(20, width - 10))}`);
  });
  return out;
}

function span(start: number, end: number): string {
  return start > 1e11 ? timeRange(start, end) : `lines ${n(start)}–${n(end)}`;
}

function contribution(c: Finding['contributions'][number], width: number): string {
  const expected = Number.isInteger(c.expected) ? String(c.expected) : c.expected.toFixed(1);
  return `${`${n(c.actual)} vs ${expected} expected`.padEnd(24)} ${fit(c.template, width - 30)}`;
}

export function anomalySection(episodes: readonly Episode[], width: number): string[] {
  if (episodes.length === 0) return ['Anomalies: none above the threshold'];
  const out = [
    `Anomalies (${episodes.length}, highest score first; windows that tell the same story as one)`,
  ];
  for (const e of episodes) {
    const a = e.peak;
    const unit = e.results > 1 ? `${e.results} ${a.scope.kind}s` : a.scope.kind;
    out.push(
      `  ${a.severity.toUpperCase().padEnd(8)} score ${a.score.toFixed(2)}  ${unit} ${span(e.start, e.end)}  ${a.kind ?? ''}`,
    );
    const at = a.scope.start > 1e11 ? whenAfter(e.start, a.scope.start) : `line ${n(a.scope.start)}`;
    const strongest = e.results > 1 ? `strongest at ${at}: ` : '';
    out.push(`    ${fit(strongest + a.explanation, width - 4)}`);
    for (const c of a.contributions.slice(0, 3)) out.push(`    ${contribution(c, width)}`);
    for (const f of otherFacets(a)) {
      const [c] = f.contributions;
      if (c) out.push(`    also ${f.kind}: ${contribution(c, width - 10 - f.kind.length)}`);
    }
  }
  return out;
}

/**
 * Significant findings of the peak window about templates its lines have not named yet, at most two: the
 * other side of an incident (the errors that surged while requests fell silent).
 */
function otherFacets(peak: Episode['peak']): Finding[] {
  const named = new Set(peak.contributions.slice(0, 3).map((c) => c.templateId));
  const out: Finding[] = [];
  for (const f of peak.findings.slice(1)) {
    const lead = f.contributions[0]?.templateId;
    if (f.severity === 'info' || lead === undefined || named.has(lead)) continue;
    out.push(f);
    for (const c of f.contributions.slice(0, 3)) named.add(c.templateId);
    if (out.length === 2) break;
  }
  return out;
}

/** The human-readable report: summary, template table, volume timeline and anomalies. */
export function renderReport(report: AnalysisReport, top: number, width: number): string {
  const sections = [summary(report), templateTable(report.templates, report.templates.length, top, width)];
  if (report.timeline) {
    sections.push([
      `Volume by level (per ${report.timeline.bucketMs >= 60_000 ? 'bucket' : 'minute'}, each row scaled to its own peak)`,
      ...renderTimeline(report.timeline, Math.max(20, width - 30)),
      ...(report.timeline.outside
        ? [
            `       (${n(report.timeline.outside)} ${report.timeline.outside === 1 ? 'line' : 'lines'} with stray timestamps far outside this range left out)`,
          ]
        : []),
    ]);
  }
  sections.push(anomalySection(report.episodes, width));
  return sections.map((s) => s.join('\n')).join('\n\n') + '\n';
}

/** The machine-readable report (`--format json`): the same content with full precision. */
export function reportJson(report: AnalysisReport, top: number): string {
  return JSON.stringify(
    {
      input: report.input,
      summary: {
        lines: report.lines,
        records: report.records,
        seconds: report.seconds,
        linesPerSecond: report.linesPerSecond,
        templates: report.templates.length,
        formats: report.formats,
        redactions: report.redactions,
        truncatedRecords: report.truncatedRecords,
        invalidUtf8: report.invalidUtf8,
      },
      templates: report.templates.slice(0, top),
      timeline: report.timeline,
      anomalies: report.anomalies,
      episodes: report.episodes,
    },
    null,
    2,
  );
}
