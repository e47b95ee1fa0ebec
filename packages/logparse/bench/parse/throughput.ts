import type { LineRunner } from './raw-pipeline.js';

/**
 * Lines per second of mining (wall clock and per CPU-second of this process), and of the floor (only
 * splitting the same text into lines). On a shared machine the CPU figure moves less than the wall one.
 */
export interface Throughput {
  readonly lines: number;
  readonly linesPerSec: number;
  readonly linesPerCpuSec: number;
  readonly floorLinesPerSec: number;
}

const MIN_LINES = 500_000;
const RUNS = 3;

/** Concatenates the inputs and repeats them to at least 500,000 lines, as one text. */
export function throughputCorpus(inputs: readonly (readonly string[])[]): { text: string; lines: number } {
  const all = inputs.flat();
  if (all.length === 0) return { text: '', lines: 0 };
  const repeat = Math.ceil(MIN_LINES / all.length);
  const one = all.join('\n');
  return { text: new Array<string>(repeat).fill(one).join('\n'), lines: repeat * all.length };
}

/**
 * Calls `visit` with each line of `text`, one at a time, as a stream reader hands them over: the engine never
 * sees the whole corpus as one array (materialising 500,000 line strings first would make the young generation
 * copy them all while the engine runs, a garbage-collection cost no streaming reader has).
 */
function forEachLine(text: string, visit: (line: string) => void): void {
  let at = 0;
  while (at <= text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    visit(text.slice(at, end));
    at = end + 1;
  }
}

/** Median of 3 runs of a fresh engine over the corpus, beside the median floor of the same runs. */
export function measureThroughput(
  inputs: readonly (readonly string[])[],
  makeRunner: () => LineRunner,
): Throughput {
  const { text, lines } = throughputCorpus(inputs);
  const mined: number[] = [];
  const minedCpu: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let t0 = performance.now();
    let sink = 0;
    forEachLine(text, (line) => {
      sink += line.length;
    });
    floor.push(performance.now() - t0);
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const runner = makeRunner();
    forEachLine(text, (line) => runner.feed(line));
    const cpu = process.cpuUsage(cpu0);
    mined.push(performance.now() - t0);
    minedCpu.push((cpu.user + cpu.system) / 1000);
    if (sink < 0) throw new Error('unreachable');
  }
  return {
    lines,
    linesPerSec: Math.round(lines / (median(mined) / 1000)),
    linesPerCpuSec: Math.round(lines / (median(minedCpu) / 1000)),
    floorLinesPerSec: Math.round(lines / (median(floor) / 1000)),
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
