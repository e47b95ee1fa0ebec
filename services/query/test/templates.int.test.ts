import { status } from '@grpc/grpc-js';
import { Level, TemplateSort } from '@loglens/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createFixture,
  failure,
  seedEvents,
  seedTemplate,
  startQuery,
  type Fixture,
  type RunningQuery,
  type SeedEvent,
  T0,
  MINUTE,
  seconds,
} from './harness.js';

// login: 6 lines in minutes 0-5 (mostly warn); logout: 3 lines in minutes 10-12; disk: another source.
const LOGINS: SeedEvent[] = Array.from({ length: 6 }, (_, i) => ({
  id: `login/${i}`,
  tsUs: T0 + BigInt(i) * MINUTE,
  level: i < 4 ? 'warn' : 'info',
  message: `user u${i % 2} logged in from 10.0.0.${i}`,
  templateId: 'login',
  params: [`u${i % 2}`, `10.0.0.${i}`],
}));
const LOGOUTS: SeedEvent[] = Array.from({ length: 3 }, (_, i) => ({
  id: `logout/${i}`,
  tsUs: T0 + BigInt(10 + i) * MINUTE,
  message: `user u${i} logged out after ${i + 1}s`,
  templateId: 'logout',
  params: [`u${i}`, `${i + 1}s`],
}));
const DISK: SeedEvent[] = [
  {
    id: 'disk/0',
    source: 'infra/node',
    tsUs: T0 + 20n * MINUTE,
    level: 'error',
    message: 'disk 91% full',
    templateId: 'disk',
    params: ['91'],
  },
];

describe('QueryService templates', () => {
  let fixture: Fixture;
  let query: RunningQuery;
  let acme: ReturnType<typeof api>;
  let other: ReturnType<typeof api>;

  beforeAll(async () => {
    fixture = await createFixture();
    const { acme: a, other: o } = fixture.tenants;
    await seedEvents(fixture.database, a.id, [...LOGINS, ...LOGOUTS, ...DISK]);
    await seedTemplate(fixture.database, a.id, {
      id: 'login',
      text: 'user <*> logged in from <*>',
      count: 6,
      firstUs: T0,
      lastUs: T0 + 5n * MINUTE,
    });
    await seedTemplate(fixture.database, a.id, {
      id: 'logout',
      text: 'user <*> logged out after <*>',
      count: 3,
      firstUs: T0 + 10n * MINUTE,
      lastUs: T0 + 12n * MINUTE,
    });
    await seedTemplate(fixture.database, a.id, {
      id: 'disk',
      source: 'infra/node',
      text: 'disk <*>% full',
      count: 1,
      firstUs: T0 + 20n * MINUTE,
      lastUs: T0 + 20n * MINUTE,
    });
    await seedTemplate(fixture.database, o.id, {
      id: 'secret',
      text: 'other tenant <*>',
      count: 99,
      firstUs: T0,
      lastUs: T0,
    });
    query = await startQuery({ fixture });
    acme = api(query.client(a.key));
    other = api(query.client(o.key));
  });

  afterAll(async () => {
    await query?.stop();
    await fixture?.close();
  });

  it('lists templates by count with first and last seen and the dominant level', async () => {
    const { templates, page } = await acme.listTemplates({});
    expect(templates.map((t) => [t.id, t.count])).toEqual([
      ['login', 6],
      ['logout', 3],
      ['disk', 1],
    ]);
    expect(page?.nextCursor).toBe('');
    expect(templates[0]).toMatchObject({
      source: 'shop/checkout',
      text: 'user <*> logged in from <*>',
      level: Level.LEVEL_WARN,
      params: [],
    });
    expect(templates[0]!.firstSeen).toEqual({ seconds: seconds(T0), nanos: 0 });
    expect(templates[2]!.level).toBe(Level.LEVEL_ERROR);
  });

  it('sorts by last or first seen, filters by source and text, and pages', async () => {
    const byLast = await acme.listTemplates({ sort: TemplateSort.TEMPLATE_SORT_LAST_SEEN_DESC });
    expect(byLast.templates.map((t) => t.id)).toEqual(['disk', 'logout', 'login']);
    const bySource = await acme.listTemplates({ source: 'infra/node' });
    expect(bySource.templates.map((t) => t.id)).toEqual(['disk']);
    const byText = await acme.listTemplates({ text: 'LOGGED OUT' });
    expect(byText.templates.map((t) => t.id)).toEqual(['logout']);

    const first = await acme.listTemplates({
      sort: TemplateSort.TEMPLATE_SORT_FIRST_SEEN_DESC,
      page: { pageSize: 2 },
    });
    const second = await acme.listTemplates({
      sort: TemplateSort.TEMPLATE_SORT_FIRST_SEEN_DESC,
      page: { pageSize: 2, cursor: first.page!.nextCursor },
    });
    expect([...first.templates, ...second.templates].map((t) => t.id)).toEqual(['disk', 'logout', 'login']);
    expect(second.page?.nextCursor).toBe('');
  });

  it('counts within a time range from the rollup and leaves out templates without lines in it', async () => {
    const { templates } = await acme.listTemplates({
      timeRange: {
        start: { seconds: seconds(T0 + 4n * MINUTE) },
        end: { seconds: seconds(T0 + 11n * MINUTE) },
      },
    });
    expect(templates.map((t) => [t.id, t.count, t.level])).toEqual([
      ['login', 2, Level.LEVEL_INFO],
      ['logout', 1, Level.LEVEL_INFO],
    ]);
  });

  it('gets a template with recent examples and parameter statistics', async () => {
    const { template, examples } = await acme.getTemplate({ templateId: 'login', exampleLimit: 2 });
    expect(template).toMatchObject({ id: 'login', count: 6, level: Level.LEVEL_WARN });
    expect(examples.map((e) => e.id)).toEqual(['login/5', 'login/4']);
    expect(template!.params).toEqual([
      {
        index: 0,
        kind: 'string',
        distinctCount: 2,
        topValues: [
          { value: 'u1', count: 3 },
          { value: 'u0', count: 3 },
        ],
      },
      expect.objectContaining({ index: 1, kind: 'ip', distinctCount: 6 }),
    ]);
    const logout = await acme.getTemplate({ templateId: 'logout' });
    expect(logout.examples).toHaveLength(3);
    expect(logout.template!.params[1]!.kind).toBe('duration');
  });

  it('limits counts, examples and statistics to the range', async () => {
    const { template, examples } = await acme.getTemplate({
      templateId: 'login',
      timeRange: { start: { seconds: seconds(T0 + 4n * MINUTE) } },
    });
    expect(template!.count).toBe(2);
    expect(examples.map((e) => e.id)).toEqual(['login/5', 'login/4']);
    expect(template!.params[1]!.distinctCount).toBe(2);
  });

  it("answers NOT_FOUND for another tenant's template and for unknown ids, alike", async () => {
    const theirs = await failure(acme.getTemplate({ templateId: 'secret' }));
    const unknown = await failure(acme.getTemplate({ templateId: 'nope' }));
    expect([theirs.code, unknown.code]).toEqual([status.NOT_FOUND, status.NOT_FOUND]);
    expect(theirs.details).toBe('template "secret" not found');
    expect((await other.listTemplates({})).templates.map((t) => t.id)).toEqual(['secret']);
    expect((await acme.listTemplates({ text: 'other tenant' })).templates).toEqual([]);
  });

  it('refuses a missing template id and an unknown sort', async () => {
    expect((await failure(acme.getTemplate({}))).code).toBe(status.INVALID_ARGUMENT);
    expect((await failure(acme.listTemplates({ sort: 17 as TemplateSort }))).code).toBe(
      status.INVALID_ARGUMENT,
    );
  });
});
