import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { Database } from '@loglens/platform';
import { describe, expect, it } from 'vitest';
import { escapeLike, selectEventPage } from './log-event-query.js';
import { isoFromMicros } from './micros.js';

const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('selectEventPage', () => {
  it('scopes to the tenant and adds one parameterised condition per filter field', () => {
    const { sql, parameters } = selectEventPage(
      db,
      'tenant-1',
      {
        source: 's/a',
        levels: ['error', 'warn'],
        templateId: 't',
        traceId: 'ab',
        text: '50%_off',
        startUs: 1_000_001n,
        endUs: 2_000_000n,
      },
      { newestFirst: true, limit: 11 },
    ).compile();
    expect(sql).toContain('where "tenant_id" = $1 and "source" = $2 and "level" in ($3, $4)');
    // The template and the templates generalised into it (see template-lineage.ts): four uses of each value.
    expect(sql).toContain('(template_id = any(array(select $5::text union');
    expect(sql).toContain('and "trace_id" = $13 and "message" ilike $14');
    expect(sql).toContain('order by "ts" desc, "id" desc limit $17');
    expect(parameters).toEqual([
      'tenant-1',
      's/a',
      'error',
      'warn',
      ...['t', 'tenant-1', 't', 'tenant-1', 't', 'tenant-1', 't', 'tenant-1'],
      'ab',
      '%50\\%\\_off%',
      '1970-01-01T00:00:01.000001Z',
      '1970-01-01T00:00:02.000000Z',
      11,
    ]);
  });

  it('continues after the cursor position in the direction of the order', () => {
    const after = { tsUs: '1714557600123456', id: 'b/1' };
    const newest = selectEventPage(db, 't', {}, { newestFirst: true, after, limit: 2 }).compile();
    expect(newest.sql).toContain('(ts, id) < ($2::timestamptz, $3)');
    expect(newest.parameters[1]).toBe('2024-05-01T10:00:00.123456Z');
    const oldest = selectEventPage(db, 't', {}, { newestFirst: false, after, limit: 2 }).compile();
    expect(oldest.sql).toContain('(ts, id) > ($2::timestamptz, $3)');
    expect(oldest.sql).toContain('order by "ts" asc, "id" asc');
  });

  it('matches nothing for an empty level list', () => {
    expect(selectEventPage(db, 't', { levels: [] }, { newestFirst: true, limit: 1 }).compile().sql).toContain(
      'and false',
    );
  });
});

describe('escapeLike and isoFromMicros', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });

  it('writes six decimals, before the epoch too', () => {
    expect(isoFromMicros(1n)).toBe('1970-01-01T00:00:00.000001Z');
    expect(isoFromMicros(-1n)).toBe('1969-12-31T23:59:59.999999Z');
  });
});
