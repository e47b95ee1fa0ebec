import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDatasets } from '../../bench/parse/load-datasets.js';
import { averageScores, runAccuracy } from '../../bench/parse/run-accuracy.js';

// Best averages reached so far in content mode (Loghub-2k, corrected ground truth, default options).
// Raise them when the miner improves; a drop below them is a regression.
const BEST_GA = 0.99;
const BEST_PA = 0.96;
const ROUNDING = 0.0005;

const DATA_DIR = fileURLToPath(new URL('../../../../../shared/data/loghub-2k', import.meta.url));
const hasData = existsSync(DATA_DIR);

describe('template mining accuracy on Loghub-2k (content mode)', () => {
  if (!hasData) it('skipped: ../shared/data/loghub-2k not found beside the repository', () => undefined);

  it.skipIf(!hasData)('keeps average GA and PA at their best', () => {
    const runs = loadDatasets(DATA_DIR).map((d) => runAccuracy(d.contents, d.truth));
    const avg = averageScores(runs.map((r) => r.scores));
    expect(runs.length).toBeGreaterThan(0);
    expect(avg.GA).toBeGreaterThanOrEqual(BEST_GA - ROUNDING);
    expect(avg.PA).toBeGreaterThanOrEqual(BEST_PA - ROUNDING);
  });
});
