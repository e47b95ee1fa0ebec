import { describe, expect, it } from 'vitest';
import { changedFigures, statusFigures } from './source-figures.js';

describe('source status figures', () => {
  const stored = { lines: 1200, templates: 7, lastLineTime: new Date('2026-12-04T10:00:00Z') };

  it('shows pods, lines, templates and the newest line time', () => {
    expect(statusFigures(3, stored, true)).toEqual({
      matchedPods: 3,
      linesIngested: 1200,
      templates: 7,
      lastIngestTime: '2026-12-04T10:00:00.000Z',
    });
  });

  it('shows zero lines for a source nothing was stored of, and only pods when the store was not read', () => {
    expect(statusFigures(2, undefined, true)).toEqual({ matchedPods: 2, linesIngested: 0, templates: 0 });
    expect(statusFigures(2, undefined, false)).toEqual({ matchedPods: 2 });
  });

  it('writes only what changed', () => {
    const figures = statusFigures(3, stored, true);
    expect(changedFigures({ ...figures, conditions: [] }, figures)).toEqual({});
    expect(changedFigures({ ...figures, matchedPods: 2, templates: 6 }, figures)).toEqual({
      matchedPods: 3,
      templates: 7,
    });
    expect(changedFigures(undefined, { matchedPods: 0 })).toEqual({ matchedPods: 0 });
  });
});
