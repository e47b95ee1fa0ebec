import { describe, expect, it } from 'vitest';
import { labelSelectorQuery } from './label-selector.js';

describe('labelSelectorQuery', () => {
  it.each([
    [{}, ''],
    [{ matchLabels: { app: 'checkout', tier: 'web' } }, 'app=checkout,tier=web'],
    [
      {
        matchLabels: { app: 'checkout' },
        matchExpressions: [
          { key: 'env', operator: 'In' as const, values: ['prod', 'staging'] },
          { key: 'canary', operator: 'NotIn' as const, values: ['true'] },
          { key: 'team', operator: 'Exists' as const },
          { key: 'legacy', operator: 'DoesNotExist' as const },
        ],
      },
      'app=checkout,env in (prod,staging),canary notin (true),team,!legacy',
    ],
  ])('writes %j as %j', (selector, text) => {
    expect(labelSelectorQuery(selector)).toBe(text);
  });
});
