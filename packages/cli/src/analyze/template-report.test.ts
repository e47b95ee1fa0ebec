import { describe, expect, it } from 'vitest';
import { TemplateReportBuilder, type MinedLine, type ResolveGroup } from './template-report.js';

const line = (n: number, groupId: number, extra: Partial<MinedLine> = {}): MinedLine => ({
  lineNumber: n,
  level: 'info',
  groupId,
  message: `line ${n}`,
  ...extra,
});

const identity: ResolveGroup = (g) => ({ templateId: `t${g}`, template: `template ${g}` });

describe('TemplateReportBuilder', () => {
  it('counts lines, levels, shares and first/last seen per template', () => {
    const report = new TemplateReportBuilder();
    report.add(line(1, 1, { timestamp: 2000 }));
    report.add(line(2, 2, { level: 'error', timestamp: 1000 }));
    report.add(line(3, 1, { level: 'warn', timestamp: 3000 }));
    const rows = report.build(identity);
    expect(rows.map((r) => [r.templateId, r.count, r.share])).toEqual([
      ['t1', 2, 2 / 3],
      ['t2', 1, 1 / 3],
    ]);
    expect(rows[0]).toMatchObject({
      levels: { info: 1, warn: 1 },
      firstSeen: 2000,
      lastSeen: 3000,
      firstLine: 1,
      lastLine: 3,
      example: 'line 1',
    });
  });

  it('reports groups the miner merged under their one final template', () => {
    const report = new TemplateReportBuilder();
    report.add(line(1, 1));
    report.add(line(2, 2, { level: 'warn' }));
    report.add(line(3, 2));
    const merged: ResolveGroup = () => ({ templateId: 'general', template: 'general <*>' });
    const rows = report.build(merged);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      templateId: 'general',
      count: 3,
      levels: { info: 2, warn: 1 },
      example: 'line 1',
    });
  });

  it('keeps the lines of an evicted group', () => {
    const report = new TemplateReportBuilder();
    report.add(line(1, 7));
    expect(report.build(() => undefined)[0]).toMatchObject({ templateId: 'evicted-7', count: 1 });
  });

  it('orders ties by first appearance', () => {
    const report = new TemplateReportBuilder();
    report.add(line(1, 5));
    report.add(line(2, 4));
    expect(report.build(identity).map((r) => r.templateId)).toEqual(['t5', 't4']);
  });
});
