import { describe, expect, it } from 'vitest';
import { markParams } from './mark-params.js';

describe('markParams', () => {
  it.each([
    ['Connected to <*>:<*>', 'Connected to 10.0.0.1:8080', 'Connected to ⟨10.0.0.1⟩:⟨8080⟩'],
    ['took <*>ms', 'took 25ms', 'took ⟨25⟩ms'],
    ['<*> bytes from <*>', '512 bytes  from host-1', '⟨512⟩ bytes from ⟨host-1⟩'],
    ['no variables', 'no variables', 'no variables'],
    ['user <*> logged in', 'something else', 'something else'],
  ])('%s', (template, message, expected) => {
    expect(markParams(template, message)).toBe(expected);
  });
});
