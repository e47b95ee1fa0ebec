import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createFixture,
  seedEvents,
  seedTemplate,
  startQuery,
  type Fixture,
  type RunningQuery,
  type SeedEvent,
  MINUTE,
  T0,
} from './harness.js';

// `search` was generalised from `search-v0`, which holds its first two lines; the same text in infra/node
// has the same id there but was never generalised.
const SEARCHES: SeedEvent[] = Array.from({ length: 5 }, (_, i) => ({
  id: `search/${i}`,
  source: 'shop/search',
  tsUs: T0 + BigInt(i) * MINUTE,
  message: `query shoes took ${i + 1}ms`,
  templateId: i < 2 ? 'search-v0' : 'search',
  params: i < 2 ? [`${i + 1}ms`] : ['shoes', `${i + 1}ms`],
}));
const SAME_TEXT_ELSEWHERE: SeedEvent = {
  id: 'node/0',
  source: 'infra/node',
  tsUs: T0 + MINUTE,
  message: 'query shoes took 9ms',
  templateId: 'search-v0',
  params: ['9ms'],
};

describe('QueryService template lineage', () => {
  let fixture: Fixture;
  let query: RunningQuery;
  let acme: ReturnType<typeof api>;

  beforeAll(async () => {
    fixture = await createFixture();
    const tenant = fixture.tenants.acme;
    await seedEvents(fixture.database, tenant.id, [...SEARCHES, SAME_TEXT_ELSEWHERE]);
    const span = { firstUs: T0, lastUs: T0 + 4n * MINUTE };
    await seedTemplate(fixture.database, tenant.id, {
      id: 'search',
      source: 'shop/search',
      text: 'query <*> took <*>',
      count: 5,
      ...span,
    });
    await seedTemplate(fixture.database, tenant.id, {
      id: 'search-v0',
      source: 'shop/search',
      text: 'query shoes took <*>',
      count: 2,
      ...span,
      supersededBy: 'search',
    });
    await seedTemplate(fixture.database, tenant.id, {
      id: 'search-v0',
      source: 'infra/node',
      text: 'query shoes took <*>',
      count: 1,
      ...span,
    });
    query = await startQuery({ fixture });
    acme = api(query.client(tenant.key));
  });

  afterAll(async () => {
    await query?.stop();
    await fixture?.close();
  });

  it("finds a template's events also under the templates generalised into it, in their source only", async () => {
    const { events } = await acme.queryLogs({ filter: { templateId: 'search' } });
    expect(events.map((e) => e.id)).toEqual(['search/4', 'search/3', 'search/2', 'search/1', 'search/0']);
  });

  it('shows examples from the whole lineage but parameter statistics of the template itself', async () => {
    const { template, examples } = await acme.getTemplate({ templateId: 'search', exampleLimit: 10 });
    expect(examples.map((e) => e.id)).toEqual(['search/4', 'search/3', 'search/2', 'search/1', 'search/0']);
    // Parameters by position are the template's own: its ancestor's lines have one fewer.
    expect(template!.params.map((p) => [p.index, p.distinctCount])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('keeps an id that was generalised in one source to its own lines in another', async () => {
    const { events } = await acme.queryLogs({ filter: { templateId: 'search-v0', source: 'infra/node' } });
    expect(events.map((e) => e.id)).toEqual(['node/0']);
    const all = await acme.queryLogs({ filter: { templateId: 'search-v0' } });
    expect(all.events.map((e) => e.id)).toEqual(['search/1', 'node/0', 'search/0']);
  });
});
