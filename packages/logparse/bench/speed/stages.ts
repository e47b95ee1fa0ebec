/**
 * Stage speeds of raw mode on one core: for every `<Name>/<Name>_2k.log` under `--data DIR`, concatenated and
 * repeated to at least `--lines N` (default 500,000) lines, the lines per second of
 *
 * - `split`: splitting the text into lines (the floor every stage is compared with);
 * - `header`: format detection and header parsing by a parser that has already learned its source;
 * - `redact`: redaction of the parsed records (message and attributes);
 * - `parse+redact`: both, as the pipeline runs them before mining.
 *
 * Each figure is the median of `--runs` (default 3) runs after a warm-up, by wall-clock and by CPU time
 * (`process.cpuUsage`, so other jobs on a shared machine inflate it less). The floor is measured in each run
 * next to the stages, so the ratios survive machine noise. `--stage NAME` runs one stage (for profiling).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSourceParser, type SourceParser } from '../../src/format/index.js';
import { createRedactor } from '../../src/redact/index.js';
import type { ParsedRecord } from '../../src/types.js';

/** The raw lines of one dataset. */
interface Dataset {
  readonly name: string;
  readonly lines: readonly string[];
}

/** One timed pass over the corpus; returns a checksum so the work cannot be optimised away. */
type Pass = () => number;

/** Elapsed wall-clock and CPU milliseconds of one pass. */
interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

const STAGES = ['split', 'header', 'parse+redact', 'redact'] as const;
type Stage = (typeof STAGES)[number];
const REFERENCE_TIME = Date.UTC(2024, 0, 1);
const USAGE = 'usage: stages.ts --data DIR [--lines N] [--runs N] [--stage split|header|redact|parse+redact]';

function loadDatasets(dir: string): Dataset[] {
  const out: Dataset[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, `${name}_2k.log`);
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    if (lines[lines.length - 1] === '') lines.pop();
    out.push({ name, lines });
  }
  return out;
}

function primedParser(d: Dataset): SourceParser {
  const parser = createSourceParser({ referenceTime: REFERENCE_TIME });
  parser.prime(d.lines);
  return parser;
}

/** One stage: an optional untimed preparation, then the timed pass. */
interface StagePass {
  readonly prepare?: () => void;
  readonly run: Pass;
}

/** The passes of every stage over `repeat` copies of the datasets. */
function makePasses(datasets: readonly Dataset[], repeat: number): Record<Stage, StagePass> {
  const text = new Array<string>(repeat).fill(datasets.map((d) => d.lines.join('\n')).join('\n')).join('\n');
  // Redaction alone works on records parsed up front, as the parser hands them over (messages are slices of
  // their lines). They are made last: kept records teach the JavaScript engine that records live long, so it
  // would allocate later ones in the old generation, when in the pipeline every record dies young.
  let parsed: ParsedRecord[][] = [];
  return {
    split: {
      run: () => {
        let sum = 0;
        for (const line of text.split('\n')) sum += line.length;
        return sum;
      },
    },
    header: {
      run: () => {
        const parsers = datasets.map(primedParser);
        let sum = 0;
        for (let r = 0; r < repeat; r++) {
          datasets.forEach((d, i) => {
            const parser = parsers[i]!;
            for (const line of d.lines) sum += parser.parse(line)?.message.length ?? 0;
          });
        }
        return sum;
      },
    },
    'parse+redact': {
      run: () => {
        const parsers = datasets.map(primedParser);
        const redactor = createRedactor();
        let sum = 0;
        for (let r = 0; r < repeat; r++) {
          datasets.forEach((d, i) => {
            const parser = parsers[i]!;
            for (const line of d.lines) {
              const record = parser.parse(line);
              if (record) sum += redactor.redactRecord(record).message.length;
            }
          });
        }
        return sum;
      },
    },
    redact: {
      prepare: () => {
        parsed = datasets.map((d) => {
          const parser = primedParser(d);
          return d.lines.map((l) => parser.parse(l)).filter((r): r is ParsedRecord => r !== undefined);
        });
      },
      run: () => {
        const redactor = createRedactor();
        let sum = 0;
        for (let r = 0; r < repeat; r++) {
          for (const records of parsed) {
            for (const record of records) sum += redactor.redactRecord(record).message.length;
          }
        }
        return sum;
      },
    },
  };
}

function time(pass: Pass): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (pass() < 0) throw new Error('unreachable');
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function pad(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(14) : c.padStart(13))).join(' ');
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      lines: { type: 'string', default: '500000' },
      runs: { type: 'string', default: '3' },
      stage: { type: 'string' },
    },
  });
  if (!values.data || !existsSync(values.data)) throw new Error(USAGE);
  const only = values.stage;
  if (only !== undefined && !(STAGES as readonly string[]).includes(only)) throw new Error(USAGE);
  const datasets = loadDatasets(values.data);
  const perCopy = datasets.reduce((n, d) => n + d.lines.length, 0);
  if (perCopy === 0) throw new Error(`no <Name>/<Name>_2k.log in ${values.data}`);
  const repeat = Math.ceil(Number(values.lines) / perCopy);
  const lines = repeat * perCopy;
  const runs = Math.max(1, Number(values.runs));
  const passes = makePasses(datasets, repeat);
  const stages = STAGES.filter((s) => s !== 'split' && (only === undefined || s === only));
  // Each stage in turn: a warm-up pass, so the runs measure optimised code, then runs that each time the floor
  // right before the stage, so a stage is compared with the floor of the same moment.
  time(passes.split.run);
  const timings = new Map<Stage, { stage: Timing[]; floor: Timing[] }>();
  for (const s of stages) {
    passes[s].prepare?.();
    time(passes[s].run);
    const t = { stage: [] as Timing[], floor: [] as Timing[] };
    for (let run = 0; run < runs; run++) {
      t.floor.push(time(passes.split.run));
      t.stage.push(time(passes[s].run));
    }
    timings.set(s, t);
  }
  const floors = [...timings.values()].flatMap((t) => t.floor);

  const rate = (ms: number): number => lines / (ms / 1000);
  const wallOf = (ts: readonly Timing[]): number => rate(median(ts.map((t) => t.wallMs)));
  const cpuOf = (ts: readonly Timing[]): number => rate(median(ts.map((t) => t.cpuMs)));
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(
    `${datasets.length} datasets (${datasets.map((d) => d.name).join(' ')}), ${fmt(lines)} lines, ` +
      `median of ${runs} run(s), one core`,
  );
  console.log(pad(['stage', 'lines/s wall', 'lines/s CPU', 'µs/line CPU', 'floor ratio', 'CPU ratio']));
  const row = (name: string, stage: readonly Timing[], floor: readonly Timing[]): void => {
    const [wall, cpu] = [wallOf(stage), cpuOf(stage)];
    const ratios = [wall / wallOf(floor), cpu / cpuOf(floor)].map((x) => `${x.toFixed(3)}x`);
    console.log(pad([name, fmt(wall), fmt(cpu), (1e6 / cpu).toFixed(3), ...ratios]));
  };
  row('split (floor)', floors, floors);
  for (const [s, t] of timings) row(s, t.stage, t.floor);
}

main();
