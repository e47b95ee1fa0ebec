import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from '../../src/mining/evaluation/csv.js';

/** One Loghub-2k style dataset: the message of each line, its raw line and its true template. */
export interface Dataset {
  readonly name: string;
  readonly contents: readonly string[];
  readonly rawLines: readonly string[];
  readonly truth: readonly string[];
}

/** Loads every `<Name>/` folder of `dir` that holds `<Name>_2k.log_structured.csv`, sorted by name. */
export function loadDatasets(dir: string): Dataset[] {
  if (!existsSync(dir)) throw new Error(`data directory not found: ${dir}`);
  return readdirSync(dir)
    .filter(
      (name) =>
        statSync(join(dir, name)).isDirectory() &&
        existsSync(join(dir, name, `${name}_2k.log_structured.csv`)),
    )
    .sort()
    .map((name) => loadDataset(dir, name));
}

function loadDataset(dir: string, name: string): Dataset {
  const records = parseCsvRecords(readFileSync(join(dir, name, `${name}_2k.log_structured.csv`), 'utf8'));
  const rawPath = join(dir, name, `${name}_2k.log`);
  const raw = existsSync(rawPath)
    ? readFileSync(rawPath, 'utf8')
        .split('\n')
        .map((l) => l.replace(/\r$/, ''))
    : [];
  const rawLines = records.map((r, i) => raw[Number(r.LineId ?? i + 1) - 1] ?? '');
  return {
    name,
    contents: records.map((r) => r.Content ?? ''),
    rawLines,
    truth: records.map((r) => r.EventTemplate ?? ''),
  };
}
