// Worst-case lines: how the parsing pipeline's cost grows with the length of pathological lines (runs of
// one shape that send a stage down a rare path). Each shape is timed at 10 KB and 100 KB; a linear stage
// takes about 10x as long for the longer line, a quadratic one about 100x.
//   npm run -w @loglens/logparse bench:worst
import { createLogPipeline } from '../src/index.js';

const SHAPES: Readonly<Record<string, (n: number) => string>> = {
  'one word': (n) => 'a'.repeat(n),
  words: (n) => 'a '.repeat(n / 2),
  numbers: (n) => Array.from({ length: n / 4 }, (_, i) => String(i % 997)).join(' '),
  'key=value': (n) => 'a='.repeat(n / 2),
  'key="': (n) => 'k="'.repeat(n / 3),
  quotes: (n) => '"'.repeat(n),
  brackets: (n) => '['.repeat(n),
  'hex groups': (n) => '1:'.repeat(n / 2),
  'dotted numbers': (n) => '1.'.repeat(n / 2),
  'path slashes': (n) => '/'.repeat(n),
  'url path': (n) => `http://${'a/'.repeat(n / 2)}`,
  'JSON nesting': (n) => '{"a":'.repeat(n / 5),
  'JWT-like': (n) => `eyJ${'a'.repeat(n)}`,
  'e-mail-like': (n) => 'a@'.repeat(n / 2),
  'password=': (n) => 'password='.repeat(n / 9),
  'redaction markers': (n) => '<redacted:'.repeat(n / 10),
  'level words': (n) => 'ERROR '.repeat(n / 6),
  timestamps: (n) => '2024-01-01 '.repeat(n / 11),
};

const ROUNDS = 5;

function millisPerLine(text: string): number {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const pipeline = createLogPipeline({ extractParams: true });
    const started = performance.now();
    pipeline.processRecord({ text, lineNumber: 1, lineCount: 1, truncated: false, invalidUtf8: 0 });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
}

console.log(`${'shape'.padEnd(18)} ${'10 KB ms'.padStart(9)} ${'100 KB ms'.padStart(10)}  growth`);
let worst = 0;
for (const [name, make] of Object.entries(SHAPES)) {
  const small = millisPerLine(make(10_000));
  const large = millisPerLine(make(100_000));
  const growth = large / Math.max(small, 0.05);
  worst = Math.max(worst, growth);
  console.log(
    `${name.padEnd(18)} ${small.toFixed(2).padStart(9)} ${large.toFixed(2).padStart(10)}  ${growth.toFixed(1)}x`,
  );
}
console.log(`largest growth for 10x the length: ${worst.toFixed(1)}x (linear ≈ 10x, quadratic ≈ 100x)`);
