import { describe, expect, it } from 'vitest';
import type { ParamType } from '../types.js';
import { classifyValue } from './classify-value.js';

describe('classifyValue', () => {
  it.each<[string, ParamType]>([
    ['42', 'number'],
    ['-3.5', 'number'],
    ['0x1f', 'hex'],
    ['deadbeef01', 'hex'],
    ['10.0.0.1', 'ipv4'],
    ['10.0.0.1:80', 'ip-port'],
    ['/var/log/x', 'path'],
    ['C:\\Windows\\x', 'path'],
    ['http://a.b/c', 'url'],
    ['123e4567-e89b-12d3-a456-426614174000', 'uuid'],
    ['10ms', 'duration'],
    ['3.5s', 'duration'],
    ['12KB', 'size'],
    ['2016-09-28', 'datetime'],
    ['user@example.com', 'email'],
    ['fe80:0:0:0:202:b3ff:fe1e:8329', 'ipv6'],
    ['"quoted"', 'quoted'],
    ['blk_123', 'id'],
    ['<redacted:password>', 'redacted'],
    ['root', 'word'],
  ])('%s is %s', (value, type) => {
    expect(classifyValue(value)).toBe(type);
  });
});
