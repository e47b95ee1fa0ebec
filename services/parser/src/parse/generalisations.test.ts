import { describe, expect, it } from 'vitest';
import { generalisations } from './generalisations.js';

describe('generalisations', () => {
  const row = (templateId: string, previousTemplateId?: string, mergedTemplateIds?: string[]) =>
    ({
      id: `b/${templateId}`,
      tenantId: 't',
      source: 's',
      ts: 0,
      level: 'info',
      templateId,
      template: '',
      message: '',
      params: [],
      attributes: {},
      ...(previousTemplateId ? { previousTemplateId } : {}),
      ...(mergedTemplateIds ? { mergedTemplateIds } : {}),
    }) as const;

  it('lists generalisations and merges once each, in event order', () => {
    const found = generalisations([row('a'), row('b', 'a'), row('b', 'a'), row('c', 'b', ['x']), row('c')]);
    expect(found.map((g) => `${g.previousId}->${g.id}`)).toEqual(['a->b', 'b->c', 'x->c']);
  });
});
