import { describe, expect, it } from 'vitest';
import { PointBuffer } from './point-buffer.js';

describe('PointBuffer', () => {
  it('is first in, first out, across the wrap-around', () => {
    const buffer = new PointBuffer(3);
    buffer.push('a');
    buffer.push('b');
    expect(buffer.take(1)).toEqual(['a']);
    buffer.release(1);
    buffer.push('c');
    buffer.push('d');
    expect(buffer.take(10)).toEqual(['b', 'c', 'd']);
    expect(buffer.size).toBe(0);
  });

  it('drops the oldest queued point when full', () => {
    const buffer = new PointBuffer(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((p) => buffer.push(p))).toEqual([0, 0, 0, 1, 1]);
    expect(buffer.take(3)).toEqual(['c', 'd', 'e']);
  });

  it('counts points in flight against the cap', () => {
    const buffer = new PointBuffer(4);
    ['a', 'b', 'c'].forEach((p) => buffer.push(p));
    expect(buffer.take(2)).toEqual(['a', 'b']);
    expect(buffer.push('d')).toBe(0);
    expect(buffer.push('e')).toBe(1); // drops c, the oldest still queued
    expect(buffer.held).toBe(4);
    expect(buffer.take(2)).toEqual(['d', 'e']);
    // Everything held is in flight: the newcomer itself is refused.
    expect(buffer.push('f')).toBe(1);
    buffer.release(2);
    expect(buffer.push('g')).toBe(0);
    expect(buffer.held).toBe(3);
  });

  it('never holds more than its capacity', () => {
    const buffer = new PointBuffer(10);
    let dropped = 0;
    for (let i = 0; i < 1_000; i++) {
      dropped += buffer.push(String(i));
      if (i % 7 === 0) buffer.take(3);
      if (i % 11 === 0) buffer.release(3);
      expect(buffer.held).toBeLessThanOrEqual(10);
    }
    expect(dropped).toBeGreaterThan(0);
  });

  it('clears the queue and reports how much it held', () => {
    const buffer = new PointBuffer(5);
    ['a', 'b', 'c'].forEach((p) => buffer.push(p));
    buffer.take(1);
    expect(buffer.clear()).toBe(2);
    expect(buffer.size).toBe(0);
    expect(buffer.held).toBe(1);
  });

  it('rejects a capacity below one', () => {
    expect(() => new PointBuffer(0)).toThrow(RangeError);
  });
});
