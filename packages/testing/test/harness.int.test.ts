import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  natsUrl,
  uniquePrefix,
  victoriaMetricsUrl,
  type TestDatabase,
} from '../src/index.js';

describe('test harness', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('gives each caller its own PostgreSQL database', async () => {
    const other = await createTestDatabase();
    try {
      expect(other.name).not.toBe(db.name);
      const client = new pg.Client({ connectionString: db.connectionString });
      await client.connect();
      const { rows } = await client.query<{ db: string }>('select current_database() as db');
      await client.end();
      expect(rows[0]?.db).toBe(db.name);
    } finally {
      await other.drop();
    }
  });

  it('serves VictoriaMetrics health', async () => {
    const res = await fetch(`${victoriaMetricsUrl()}/health`);
    expect(res.status).toBe(200);
  });

  it('points at a NATS URL on loopback', () => {
    expect(natsUrl()).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    expect(uniquePrefix()).not.toBe(uniquePrefix());
  });
});
