import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MinerSnapshotError,
  createTemplateMiner,
  restoreTemplateMiner,
  templateId,
  templateMatches,
} from './index.js';
import { MAX_FAMILY_TOKENS } from './family-index.js';

const word = fc.constantFrom(
  'open',
  'close',
  'user',
  'session',
  'from',
  'port',
  'failed',
  'root',
  'admin',
  'state',
  'ok',
  'x',
);
const value = fc.oneof(
  fc.nat({ max: 100000 }).map(String),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  fc.nat({ max: 0xffffff }).map((n) => `0x${n.toString(16)}`),
  fc.constantFrom(
    '/var/log/a',
    'true',
    'null',
    'blk_123',
    'k=v',
    'k=12',
    '"q"',
    '(a)',
    '[1]',
    'a:1',
    '12 KB',
    'x.y.z',
  ),
);
const line = fc.array(fc.oneof(word, word, value), { minLength: 1, maxLength: 10 }).map((t) => t.join(' '));
const stream = fc.array(line, { minLength: 1, maxLength: 60 });

describe('template miner', () => {
  it('masks variables and keeps constants', () => {
    const miner = createTemplateMiner();
    const r = miner.add('Accepted password for root from 10.0.0.1 port 22 ssh2');
    expect(r.template).toBe('Accepted password for root from <*> port <*> ssh2');
    expect(r.change).toEqual({ kind: 'created', templateId: r.templateId, template: r.template });
    expect(r.params).toEqual([
      { type: 'ipv4', value: '10.0.0.1' },
      { type: 'number', value: '22' },
    ]);
    expect(miner.add('Accepted password for root from 10.0.0.2 port 23 ssh2').change).toBeUndefined();
  });

  it('derives ids from template content (stable across miners)', () => {
    const a = createTemplateMiner().add('job 12 done');
    const b = createTemplateMiner().add('job 99 done');
    expect(a.templateId).toBe(b.templateId);
    expect(a.templateId).toBe(templateId('job <*> done'));
    expect(a.templateId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('generalises a position that keeps taking new values, and reports it', () => {
    const miner = createTemplateMiner();
    const users = ['alice', 'bob', 'carol', 'dave'];
    const results = users.map((u) => miner.add(`Invalid user ${u} from 10.0.0.1`));
    const last = results[results.length - 1]!;
    expect(last.template).toBe('Invalid user <*> from <*>');
    expect(last.change?.kind).toBe('generalised');
    if (last.change?.kind === 'generalised') {
      expect(last.change.previousId).toBe(results[0]!.templateId);
      expect(last.change.mergedIds).toHaveLength(users.length - 1);
    }
    // Earlier lines' groups now resolve to the general template.
    expect(miner.resolve(results[0]!.clusterId)?.template).toBe('Invalid user <*> from <*>');
    expect(miner.add('Invalid user eve from 10.0.0.9').params.map((p) => p.value)).toEqual([
      'eve',
      '10.0.0.9',
    ]);
  });

  it('keeps the word positions of a line longer than MAX_FAMILY_TOKENS tokens (no families tracked)', () => {
    const miner = createTemplateMiner();
    const words = Array.from(
      { length: MAX_FAMILY_TOKENS },
      (_, i) => `w${String.fromCharCode(97 + (i % 26))}`,
    );
    for (const u of ['alice', 'bob', 'carol', 'dave']) miner.add(`Invalid user ${u} ${words.join(' ')}`);
    expect(miner.templates()).toHaveLength(4);
  });

  it('keeps small closed sets of words apart (states are constants)', () => {
    const miner = createTemplateMiner();
    for (const s of ['RUNNING', 'FAILED', 'RUNNING', 'FAILED']) miner.add(`task 1 moved to ${s} state`);
    expect(miner.templates().map((t) => t.template)).toEqual([
      'task <*> moved to RUNNING state',
      'task <*> moved to FAILED state',
    ]);
  });

  it('generalises the word value of a key when the other keys hold masked values', () => {
    const miner = createTemplateMiner();
    for (const [i, u] of ['erin', 'carol', 'bob', 'heidi'].entries())
      miner.add(`POST /api/orders user=${u} items=${i + 1} status=201 took=${80 + i}ms`);
    expect(miner.templates().map((t) => t.template)).toEqual([
      'POST <*> user=<*> items=<*> status=<*> took=<*>',
    ]);
  });

  it('lets a generalised template join families, so a second varying word generalises too', () => {
    const miner = createTemplateMiner();
    const users = 'abcdefghijklmnop'.split('').map((c) => `user${c}`);
    // Each quantity is seen with its own users, so only the generalised templates share a family.
    ['x1', 'x2', 'x3', 'x4'].forEach((q, i) => {
      for (const u of users.slice(4 * i, 4 * i + 4)) miner.add(`Added SKU-7 ${q} to cart of ${u}`);
    });
    expect(miner.templates().map((t) => t.template)).toEqual(['Added SKU-<*> <*> to cart of <*>']);
  });

  it('folds into a generalised template the groups created before it that it covers', () => {
    const miner = createTemplateMiner();
    const tags = ['red', 'blue', 'green', 'big', 'small'];
    // Every ordered pair of different tags, shuffled the same way every run.
    const pairs = tags.flatMap((a) => tags.filter((b) => b !== a).map((b) => `${a} ${b}`));
    const lines = [...pairs, ...pairs, ...pairs]
      .map((p, i) => ({ p, k: (i * 2654435761) % 1000 }))
      .sort((x, y) => x.k - y.k)
      .map(({ p }) => `user bob added tags ${p}`);
    const groups = lines.map((l) => miner.add(l).clusterId);
    const changes = lines.map((l) => miner.add(l).change).filter(Boolean);
    // Every two-tag line, whenever its text was first seen, ends in one template.
    expect(new Set(groups.map((g) => miner.resolve(g)?.template))).toEqual(
      new Set(['user bob added tags <*> <*>']),
    );
    expect(changes).toEqual([]);
  });

  it('generalises neighbouring positions that vary together: list items and values of fixed keys', () => {
    const miner = createTemplateMiner();
    const tags = ['red', 'blue', 'green', 'big', 'small'];
    const triples = tags.flatMap((a) =>
      tags.flatMap((b) => tags.filter((c) => c !== a && c !== b && a !== b).map((c) => `${a} ${b} ${c}`)),
    );
    const lines = triples.map((t) => `user bob added tags ${t}`);
    // Names and work sources change together, never one at a time.
    const owners = [
      ['android', 'WorkSource{1000}'],
      ['systemui', 'null'],
      ['phone', 'WorkSource{1001}'],
      ['bluetooth', 'none'],
    ];
    for (let i = 0; i < 8; i++) {
      const [name, ws] = owners[i % 4]!;
      lines.push(`acquire lock=${100 + i} tag="wake" name=${name} ws=${ws} uid=${1000 + i}`);
    }
    const groups = lines.map((l) => miner.add(l).clusterId);
    expect(new Set(groups.map((g) => miner.resolve(g)?.template))).toEqual(
      new Set(['user bob added tags <*> <*> <*>', 'acquire lock=<*> tag="<*>" name=<*> ws=<*> uid=<*>']),
    );
  });

  it('keeps two-word event names apart', () => {
    const miner = createTemplateMiner();
    const names = [
      'illegal instruction',
      'privileged instruction',
      'trap instruction',
      'imprecise exception',
    ];
    for (let i = 0; i < 12; i++) miner.add(`program interrupt: ${names[i % 4]} seen`);
    expect(miner.templates()).toHaveLength(4);
  });

  it('makes a run of values whose length varies one list value, and keeps fixed-length runs apart', () => {
    const miner = createTemplateMiner();
    const blocks = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => `blk_${from + i}`).join(' ');
    const lines = [
      `ask 10.0.0.1:50010 to delete ${blocks(9, 100)}`,
      `ask 10.0.0.2:50010 to delete ${blocks(1, 200)}`,
      `ask 10.0.0.3:50010 to delete ${blocks(4, 300)}`,
      `ask 10.0.0.4:50010 to delete ${blocks(9, 400)}`,
    ];
    const results = lines.map((l) => miner.add(l));
    expect(new Set(results.map((r) => miner.resolve(r.clusterId)?.template))).toEqual(
      new Set(['ask <*>:<*> to delete <*>']),
    );
    // The second line's length told the first line's run was a list: its template generalised.
    expect(results[1]?.change).toMatchObject({ kind: 'generalised', previousId: results[0]?.templateId });
    expect(results[2]?.params).toEqual([
      { type: 'ipv4', value: '10.0.0.3' },
      { type: 'number', value: '50010' },
      { type: 'list', value: 'blk_300 blk_301 blk_302 blk_303' },
    ]);
    // A restored miner knows the list.
    const restored = restoreTemplateMiner(JSON.parse(JSON.stringify(miner.snapshot())));
    expect(restored.add(`ask 10.0.0.5:50010 to delete ${blocks(2, 500)}`).template).toBe(
      'ask <*>:<*> to delete <*>',
    );
    // Comma-separated lists too.
    const files = (n: number) => Array.from({ length: n }, (_, i) => `f${10 + i}.txt`).join(', ');
    const removed = [3, 1, 2].map((n) => miner.add(`removed files: ${files(n)}`));
    expect(miner.resolve(removed[0]!.clusterId)?.template).toBe('removed files: <*>');
    expect(removed[2]?.params).toEqual([{ type: 'list', value: 'f10.txt, f11.txt' }]);
    // Six fan speeds, always six: positions of their own.
    for (let i = 0; i < 5; i++) miner.add(`Fan speeds ( ${3500 + i} 3534 3375 4245 3515 ${3479 + i} )`);
    expect(miner.templates().map((t) => t.template)).toContain('Fan speeds ( <*> <*> <*> <*> <*> <*> )');
  });

  it('matches without learning', () => {
    const miner = createTemplateMiner();
    expect(miner.match('a 1')).toBeUndefined();
    miner.add('a 1');
    expect(miner.match('a 2')?.template).toBe('a <*>');
    expect(miner.stats().lines).toBe(1);
  });

  it('maps every line to a template that matches it, now and after the stream', () => {
    fc.assert(
      fc.property(stream, (lines) => {
        const miner = createTemplateMiner();
        const groups = lines.map((l) => {
          const r = miner.add(l);
          expect(templateMatches(r.template, l)).toBe(true);
          expect(r.params.length).toBe(r.template.split('<*>').length - 1);
          return r.clusterId;
        });
        groups.forEach((g, i) => expect(templateMatches(miner.resolve(g)!.template, lines[i]!)).toBe(true));
      }),
    );
  });

  it('extracts the same parameters with the match as on first access later', () => {
    const lists = ['to delete blk_1', 'to delete blk_1 blk_2 blk_3', 'files a, b, c'];
    fc.assert(
      fc.property(stream, (lines) => {
        const now = createTemplateMiner();
        const later = createTemplateMiner();
        for (const l of [...lists, ...lines]) {
          const eager = now.add(l, true);
          const lazy = later.add(l);
          expect(eager.templateId).toBe(lazy.templateId);
          expect(eager.params).toEqual(lazy.params);
        }
      }),
    );
  });

  it('is deterministic for a given input order', () => {
    fc.assert(
      fc.property(stream, (lines) => {
        const run = (): string[] => {
          const m = createTemplateMiner();
          return lines.map((l) => m.add(l)).map((r) => r.templateId);
        };
        expect(run()).toEqual(run());
      }),
    );
  });

  it('continues identically after snapshot → JSON → restore', () => {
    fc.assert(
      fc.property(stream, stream, (first, rest) => {
        const a = createTemplateMiner({ maxTemplates: 8 });
        first.forEach((l) => a.add(l));
        const b = restoreTemplateMiner(JSON.parse(JSON.stringify(a.snapshot())));
        expect(b.templates()).toEqual(a.templates());
        const ra = rest.map((l) => a.add(l));
        const rb = rest.map((l) => b.add(l));
        expect(rb.map((r) => [r.templateId, r.clusterId, r.change])).toEqual(
          ra.map((r) => [r.templateId, r.clusterId, r.change]),
        );
        expect(b.snapshot()).toEqual(a.snapshot());
      }),
    );
  });

  it('rejects a snapshot of an unknown version with a clear error', () => {
    const snap = { ...createTemplateMiner().snapshot(), version: 2 };
    expect(() => restoreTemplateMiner(snap)).toThrow(MinerSnapshotError);
    expect(() => restoreTemplateMiner(snap)).toThrow(/unsupported miner snapshot version 2/);
    expect(() => restoreTemplateMiner({ version: 1 })).toThrow(/invalid miner snapshot/);
  });

  it('stays within maxTemplates under a stream of random garbage, counting evictions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 50, maxLength: 300 }),
        (lines) => {
          const miner = createTemplateMiner({ maxTemplates: 16 });
          for (const l of lines) {
            const r = miner.add(l);
            expect(templateMatches(r.template, l) || l.trim() === '').toBe(true);
            expect(miner.stats().templates).toBeLessThanOrEqual(16);
          }
          const s = miner.stats();
          expect(s.created - s.merged - s.evictions).toBe(s.templates);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects invalid options', () => {
    expect(() => createTemplateMiner({ maxTemplates: 0 })).toThrow(/maxTemplates/);
  });
});
