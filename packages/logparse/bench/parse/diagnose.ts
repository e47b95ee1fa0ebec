import { resolve } from 'node:path';
import { loadDatasets } from './load-datasets.js';
import { runAccuracy } from './run-accuracy.js';
import { normaliseTemplate } from '../../src/mining/evaluation/accuracy-metrics.js';

/** Prints, for one dataset, the true groups that were split or merged (development aid). */
function main(): void {
  const [dir = '', name = '', limit = '40'] = process.argv.slice(2);
  const d = loadDatasets(resolve(process.env.INIT_CWD ?? process.cwd(), dir)).find((x) => x.name === name);
  if (!d) throw new Error(`no dataset ${name}`);
  const run = runAccuracy(d.contents, d.truth);
  const byTruth = new Map<string, Map<string, number>>();
  const byParsed = new Map<string, Set<string>>();
  const example = new Map<string, string>();
  d.truth.forEach((t0, i) => {
    const t = normaliseTemplate(t0);
    const p = run.templates[i] ?? '';
    const m = byTruth.get(t) ?? new Map<string, number>();
    m.set(p, (m.get(p) ?? 0) + 1);
    byTruth.set(t, m);
    const s = byParsed.get(p) ?? new Set<string>();
    s.add(t);
    byParsed.set(p, s);
    if (!example.has(p)) example.set(p, d.contents[i] ?? '');
  });
  let shown = 0;
  for (const [t, m] of byTruth) {
    const split = m.size > 1;
    const merged = [...m.keys()].some((p) => (byParsed.get(p)?.size ?? 0) > 1);
    const wrongText = !split && !merged && [...m.keys()][0] !== t;
    if (!split && !merged && !wrongText) continue;
    if (shown++ >= Number(limit)) break;
    console.log(`${split ? 'SPLIT' : merged ? 'MERGED' : 'TEXT'} truth: ${t}`);
    for (const [p, n] of m)
      console.log(
        `   ${n}x ${p}${(byParsed.get(p)?.size ?? 0) > 1 ? '  [shared]' : ''}\n        e.g. ${example.get(p)}`,
      );
  }
}

main();
