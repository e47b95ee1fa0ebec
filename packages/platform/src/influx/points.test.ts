import { describe, expect, it } from 'vitest';
import { logVolumePoint, templateVolumePoint, toLineProtocol } from './points.js';

const t = new Date('2025-01-01T00:00:00.123Z');

describe('point builders', () => {
  it('builds log_volume with tenant, source and level tags and an integer count', () => {
    const point = logVolumePoint({ tenant: 'acme', source: 'checkout', level: 'error', count: 12, time: t });
    expect(point).toEqual({
      measurement: 'log_volume',
      tags: { tenant: 'acme', source: 'checkout', level: 'error' },
      intFields: { count: 12 },
      time: t,
    });
    expect(toLineProtocol(point, 0)).toBe(
      'log_volume,level=error,source=checkout,tenant=acme count=12i 1735689600123',
    );
  });

  it('builds template_volume with a template tag', () => {
    const point = templateVolumePoint({ tenant: 'acme', source: 'checkout', template: 'a1b2', count: 3 });
    expect(point).not.toHaveProperty('time');
    expect(toLineProtocol(point, 42)).toBe(
      'template_volume,source=checkout,template=a1b2,tenant=acme count=3i 42',
    );
  });
});

describe('line protocol', () => {
  it('escapes spaces, commas and equals signs in tags', () => {
    const line = toLineProtocol(
      { measurement: 'm x', tags: { 'k,1': 'a b=c' }, floatFields: { score: 0.25 }, time: t },
      0,
    );
    expect(line).toBe('m\\ x,k\\,1=a\\ b\\=c score=0.25 1735689600123');
  });

  it('leaves out empty tag values', () => {
    expect(toLineProtocol({ measurement: 'm', tags: { a: '', b: 'x' }, intFields: { n: 1 } }, 5)).toBe(
      'm,b=x n=1i 5',
    );
  });

  it.each([
    [{ measurement: '', intFields: { n: 1 } }],
    [{ measurement: 'm' }],
    [{ measurement: 'm', intFields: { n: 1.5 } }],
    [{ measurement: 'm', floatFields: { x: Number.NaN } }],
    [{ measurement: 'm', floatFields: { x: Number.POSITIVE_INFINITY } }],
    [{ measurement: 'm', intFields: { n: 1 }, time: new Date(Number.NaN) }],
  ])('rejects a point InfluxDB would refuse: %j', (point) => {
    expect(() => toLineProtocol(point, 0)).toThrow(RangeError);
  });
});
