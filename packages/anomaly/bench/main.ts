import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fitAndScore, readHdfsSessions } from './hdfs-sessions.js';
import { hasCompleteSessions, runHdfsComplete } from './hdfs-complete.js';
import type { CompleteFigures } from './hdfs-complete.js';
import { runHdfsRaw } from './hdfs-raw.js';
import { formatPrf } from './metrics.js';
import type { Prf, ScoredRow } from './metrics.js';
import { runRawLabelled } from './raw-labelled.js';
import { measureEventsPerSec } from './throughput.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    raw: { type: 'string' },
    label: { type: 'string', default: 'first-token' },
    json: { type: 'string' },
    dump: { type: 'string' },
  },
});

// npm runs workspace scripts in the package folder; paths on the command line are relative to where it was typed.
const base = process.env.INIT_CWD ?? process.cwd();
const at = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolve(base, p));
const dataDir = at(values.data);
const rawFile = at(values.raw);
const jsonFile = at(values.json);
const dumpDir = at(values.dump);

const figures = (m: Prf): { precision: number; recall: number; f1: number } => ({
  precision: m.precision,
  recall: m.recall,
  f1: m.f1,
});

const completeFigures = (c: CompleteFigures): object => ({
  ...figures(c.metrics),
  falsePositiveRate: c.falsePositiveRate,
  atBaseRate: c.atBaseRate,
});

const formatComplete = (name: string, c: CompleteFigures): string =>
  `${formatPrf(name, c.metrics)}\n${''.padEnd(34)} false alarms ${(c.falsePositiveRate * 100).toFixed(2)}% of normals; at HDFS's 2.9% base rate P ${c.atBaseRate.precision.toFixed(3)}  F1 ${c.atBaseRate.f1.toFixed(3)}`;

function dump(name: string, rows: readonly ScoredRow[]): void {
  if (!dumpDir) return;
  mkdirSync(dumpDir, { recursive: true });
  const body = rows
    .map((r) => `${r.key},${r.score.toFixed(4)},${r.predicted ? 1 : 0},${r.label ? 1 : 0}`)
    .join('\n');
  writeFileSync(join(dumpDir, `${name}.csv`), `Key,Score,Predicted,Label\n${body}\n`);
}

function writeJson(out: unknown): void {
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`);
}

if (rawFile) {
  if (values.label !== 'first-token')
    throw new Error(`unknown --label ${values.label}; only first-token is supported`);
  const r = runRawLabelled(rawFile);
  console.log(`raw labelled log, online, first 20% warm-up, windows of 20 lines`);
  console.log(formatPrf('lines', r.lines));
  console.log(formatPrf('windows', r.windows));
  console.log(
    `detectors: ${r.eventsPerSec.toLocaleString('en-US')} events/s (one core, parsing excluded; target 1,000,000)`,
  );
  dump('raw-lines', r.lineRows);
  dump('raw-windows', r.windowRows);
  writeJson({ lines: figures(r.lines), windows: figures(r.windows), eventsPerSec: r.eventsPerSec });
} else if (dataDir) {
  const all = readHdfsSessions(dataDir);
  const train = all.filter((s) => s.split === 'train');
  const test = all.filter((s) => s.split === 'test');
  const unsup = fitAndScore(train, test);
  const semi = fitAndScore(
    train.filter((s) => !s.label),
    test,
  );
  const forest = fitAndScore(train, test, ['isolation-forest']);
  const raw = runHdfsRaw(dataDir);
  const eventsPerSec = measureEventsPerSec(
    raw.events.map((e, i) => ({ ...e, timestamp: i * 10 })),
    {},
  );
  console.log(`HDFS sessions: train ${train.length}, test ${test.length}`);
  console.log(formatPrf('unsupervised (train, no labels)', unsup.metrics), JSON.stringify(unsup.kinds));
  console.log(formatPrf('semi-supervised (train normals)', semi.metrics), JSON.stringify(semi.kinds));
  console.log(formatPrf('isolation forest alone (unsup.)', forest.metrics));
  console.log(formatPrf(`raw HDFS_5k (${raw.sessions} sessions)`, raw.metrics));
  console.log(
    `detectors: ${eventsPerSec.toLocaleString('en-US')} events/s (full engine on HDFS_5k events, one core; target 1,000,000)`,
  );
  dump('hdfs-unsupervised', unsup.rows);
  dump('hdfs-semi-supervised', semi.rows);
  dump('hdfs-raw', raw.rows);
  const complete = hasCompleteSessions(dataDir) ? runHdfsComplete(dataDir) : undefined;
  if (complete) {
    const { normal, anomalous } = complete.test;
    console.log(`HDFS complete sessions (full log): test ${normal} normal + ${anomalous} anomalous`);
    console.log(formatComplete('semi-supervised (normals)', complete.semiSupervised));
    console.log(formatComplete('unsupervised (2.9% anomalies)', complete.unsupervised));
    dump('hdfs-complete-semi-supervised', complete.semiSupervised.rows);
    dump('hdfs-complete-unsupervised', complete.unsupervised.rows);
  } else console.log('HDFS complete sessions skipped: no deeplog_format/ folder in the data directory');
  writeJson({
    hdfs: {
      unsupervised: figures(unsup.metrics),
      semiSupervised: figures(semi.metrics),
      raw: figures(raw.metrics),
      ...(complete
        ? {
            complete: {
              semiSupervised: completeFigures(complete.semiSupervised),
              unsupervised: completeFigures(complete.unsupervised),
            },
          }
        : {}),
    },
    eventsPerSec,
  });
} else {
  console.error(
    'usage: bench:anomaly -- --data DIR [--json FILE] [--dump DIR] | --raw FILE --label first-token',
  );
  process.exitCode = 2;
}
