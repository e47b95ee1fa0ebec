/**
 * Header-extraction check: for each dataset folder `<Name>/` under `--data DIR` holding `<Name>_2k.log` and
 * `<Name>_2k.log_structured.csv`, parses the raw lines as one source and prints the share of lines whose
 * extracted message equals the ground-truth `Content` (whitespace collapsed), the level agreement where the
 * truth has a `Level` column, and the header-parsing speed once the format is learned.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSourceParser, levelFromValue } from '../src/format/index.js';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Minimal RFC 4180 reader: quoted fields with doubled quotes, commas and newlines inside quotes. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.endsWith('\r') ? field.slice(0, -1) : field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const collapse = (s: string): string => s.split(/\s+/).filter(Boolean).join(' ');

const data = argument('--data');
if (!data || !existsSync(data)) {
  console.error('usage: header-check --data DIR   (DIR holds <Name>/<Name>_2k.log and its _structured.csv)');
  process.exit(2);
}
const show = Number(argument('--show') ?? '0');
let worst = 1;
for (const name of readdirSync(data).sort()) {
  const log = join(data, name, `${name}_2k.log`);
  const truth = join(data, name, `${name}_2k.log_structured.csv`);
  if (!existsSync(log) || !existsSync(truth)) continue;
  const lines = readFileSync(log, 'utf8').split('\n');
  const [head, ...rows] = readCsv(readFileSync(truth, 'utf8'));
  const lineId = head!.indexOf('LineId');
  const content = head!.indexOf('Content');
  const levelColumn = head!.indexOf('Level');
  const parser = createSourceParser({ referenceTime: Date.UTC(2024, 0, 1) });
  const parsed = lines.map((line) => parser.parse(line.replace(/\r$/, '')));
  let same = 0;
  let levelSame = 0;
  let levelTotal = 0;
  let shown = 0;
  for (const row of rows) {
    if (row.length < head!.length) continue;
    const record = parsed[Number(row[lineId]) - 1];
    const expected = collapse(row[content]!);
    const got = collapse(record?.message ?? '');
    if (got === expected) same++;
    else if (shown++ < show)
      console.log(`  ${name} #${row[lineId]}: got ${JSON.stringify(got)} want ${JSON.stringify(expected)}`);
    if (levelColumn >= 0) {
      levelTotal++;
      if (record?.level === levelFromValue(row[levelColumn]!)) levelSame++;
    }
  }
  // Speed of header parsing alone: a learned parser over the same lines, repeated.
  const timed = createSourceParser({ referenceTime: Date.UTC(2024, 0, 1) });
  timed.prime(lines.slice(0, 50));
  const rounds = 50;
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const line of lines) timed.parse(line);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Baseline on this machine: reading every character of the same lines once, to make the figure comparable.
  const baseStarted = process.hrtime.bigint();
  let sum = 0;
  for (let r = 0; r < rounds; r++)
    for (const line of lines) for (let i = 0; i < line.length; i++) sum += line.charCodeAt(i);
  const baseSeconds = Number(process.hrtime.bigint() - baseStarted) / 1e9;
  const agreement = same / rows.length;
  worst = Math.min(worst, agreement);
  const learned = parser.learned();
  console.log(
    `${name.padEnd(10)} message ${agreement.toFixed(4)}  level ${levelTotal ? (levelSame / levelTotal).toFixed(4) : '  n/a '}` +
      `  ${Math.round((rounds * lines.length) / seconds)
        .toLocaleString('en-US')
        .padStart(11)} lines/s` +
      ` (${(baseSeconds / seconds).toFixed(2)}x a char scan${sum < 0 ? '' : ''})  format ${learned.format}` +
      `  [${learned.header?.columns.map((c) => `${c.kind}:${c.role === 'attribute' ? c.name : c.role}`).join(' ') ?? ''}]`,
  );
}
console.log(`lowest message agreement ${worst.toFixed(4)}`);
