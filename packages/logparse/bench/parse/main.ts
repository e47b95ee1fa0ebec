import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDatasets, type Dataset } from './load-datasets.js';
import { contentRunner, rawRunner } from './raw-pipeline.js';
import { averageScores, runAccuracy, type AccuracyRun } from './run-accuracy.js';
import { measureThroughput, type Throughput } from './throughput.js';
import type { AccuracyScores } from '../../src/mining/evaluation/accuracy-metrics.js';

type Mode = 'content' | 'raw';

interface ModeReport {
  readonly mode: Mode;
  readonly datasets: Record<string, AccuracyScores & { lines: number }>;
  readonly average: AccuracyScores;
  readonly throughput: { linesPerSec: number; linesPerCpuSec: number; floorLinesPerSec: number };
}

const USAGE = 'usage: npm run bench:parse -- --data DIR [--mode content|raw|both] [--json FILE] [--dump DIR]';

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      mode: { type: 'string', default: 'content' },
      json: { type: 'string' },
      dump: { type: 'string' },
    },
  });
  // npm runs workspace scripts in the package folder: resolve relative paths from where the user typed them.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  if (!values.data) throw new Error(USAGE);
  const mode = values.mode;
  if (mode !== 'content' && mode !== 'raw' && mode !== 'both')
    throw new Error(`--mode must be content, raw or both\n${USAGE}`);
  const datasets = loadDatasets(resolve(cwd, values.data));
  if (datasets.length === 0)
    throw new Error(`no <Name>/<Name>_2k.log_structured.csv folder in ${values.data}`);
  const modes: Mode[] = mode === 'both' ? ['content', 'raw'] : [mode];
  const reports = modes.map((m) => runMode(m, datasets, values.dump ? resolve(cwd, values.dump) : undefined));
  if (values.json) {
    const out = reports.length === 1 ? reports[0] : Object.fromEntries(reports.map((r) => [r.mode, r]));
    writeFileSync(resolve(cwd, values.json), JSON.stringify(out, null, 2) + '\n');
  }
}

function runMode(mode: Mode, datasets: readonly Dataset[], dumpDir: string | undefined): ModeReport {
  const inputs = datasets.map((d) => (mode === 'content' ? d.contents : d.rawLines));
  const makeRunner = mode === 'content' ? contentRunner : rawRunner;
  console.log(
    `\n== bench:parse, ${mode} mode${mode === 'raw' ? ' (format detection + header parsing + redaction + mining)' : ''}`,
  );
  console.log(row(['dataset', 'lines', 'GA', 'PA', 'FGA', 'FTA', 'templates', 'truth']));
  const results: Record<string, AccuracyScores & { lines: number }> = {};
  const all: AccuracyRun[] = [];
  datasets.forEach((d, i) => {
    const run = runAccuracy(inputs[i] ?? [], d.truth, makeRunner());
    all.push(run);
    results[d.name] = { ...run.scores, lines: d.truth.length };
    console.log(
      row([
        d.name,
        String(d.truth.length),
        ...fmt(run.scores),
        String(run.templateCount),
        String(new Set(d.truth).size),
      ]),
    );
    if (dumpDir) dump(dumpDir, `${d.name}.${mode}.csv`, run);
  });
  const average = averageScores(all.map((r) => r.scores));
  console.log(row(['average', '', ...fmt(average), '', '']));
  const tp: Throughput = measureThroughput(inputs, makeRunner);
  console.log(
    `throughput: ${tp.linesPerSec.toLocaleString('en-US')} lines/s over ${tp.lines.toLocaleString('en-US')} lines (median of 3, fresh engine), ` +
      `${tp.linesPerCpuSec.toLocaleString('en-US')} lines per CPU-second; ` +
      `floor (split only): ${tp.floorLinesPerSec.toLocaleString('en-US')} lines/s; floor/mining = ${(tp.floorLinesPerSec / tp.linesPerSec).toFixed(1)}x`,
  );
  return {
    mode,
    datasets: results,
    average,
    throughput: {
      linesPerSec: tp.linesPerSec,
      linesPerCpuSec: tp.linesPerCpuSec,
      floorLinesPerSec: tp.floorLinesPerSec,
    },
  };
}

function fmt(s: AccuracyScores): string[] {
  return [s.GA, s.PA, s.FGA, s.FTA].map((x) => x.toFixed(3));
}

function row(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(10) : c.padStart(9))).join(' ');
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function dump(dir: string, file: string, run: AccuracyRun): void {
  mkdirSync(dir, { recursive: true });
  const lines = [
    'LineId,TemplateId,Template',
    ...run.templates.map((t, i) => `${i + 1},${run.templateIds[i] ?? ''},${csvField(t)}`),
  ];
  writeFileSync(join(dir, file), lines.join('\n') + '\n');
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
