import { describe, expect, it } from 'vitest';
import { MODULES } from './modules.js';
import { SERVE_TARGETS } from './targets.js';

describe('serve targets', () => {
  it('are the modules that are not internal', () => {
    expect([...SERVE_TARGETS].sort()).toEqual(
      MODULES.filter((m) => !m.internal)
        .map((m) => m.name)
        .sort(),
    );
  });
});
