import { status, type ClientReadableStream, type StatusObject } from '@grpc/grpc-js';
import { closeNats, connectNats, parsedSubject, silentLogger } from '@loglens/platform';
import {
  Level,
  ParsedBatch,
  timestampFromMillis,
  type LogEvent,
  type TailResponse,
  type TemplateGeneralisation,
} from '@loglens/proto';
import { natsUrl, uniquePrefix } from '@loglens/testing';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createFixture,
  readTail,
  seedEvents,
  seedTemplate,
  startQuery,
  type Fixture,
  type RunningQuery,
} from './harness.js';

const START_MS = Date.UTC(2024, 4, 1, 10);

function event(id: string, level = Level.LEVEL_INFO, text = `event ${id}`): LogEvent {
  return {
    id,
    source: 'shop/checkout',
    time: timestampFromMillis(START_MS + 60_000),
    level,
    text,
    templateId: '',
    traceId: '',
    spanId: '',
    attributes: {},
    params: [],
  };
}

const ended = (stream: ClientReadableStream<TailResponse>): Promise<StatusObject> =>
  new Promise((resolve) => stream.on('status', resolve));

describe('QueryService.Tail', () => {
  const prefix = uniquePrefix();
  let fixture: Fixture;
  let nc: NatsConnection;
  let query: RunningQuery;
  let acme: ReturnType<typeof api>;

  const publish = (
    tenantId: string,
    events: LogEvent[],
    partition = 3,
    generalisations: TemplateGeneralisation[] = [],
  ): void => {
    const source = events[0]?.source ?? 'shop/checkout';
    const batch = ParsedBatch.encode({ tenantId, source, rawBatchId: 'r', events, generalisations }).finish();
    nc.publish(parsedSubject(tenantId, partition, prefix), batch);
  };

  // A tail with a start time answers first with the replay, which proves it is subscribed.
  const startTail = async (filter: Parameters<typeof acme.tail>[0]['filter'] = {}) => {
    const stream = acme.tail({ filter: { ...filter, timeRange: { start: { seconds: START_MS / 1000 } } } });
    const reader = readTail(stream);
    await reader.until((r) => r.length >= 1);
    return { stream, reader, done: ended(stream) };
  };

  beforeAll(async () => {
    fixture = await createFixture();
    nc = await connectNats({ servers: natsUrl(), name: 'query-tail-test', logger: silentLogger() });
    await seedEvents(fixture.database, fixture.tenants.acme.id, [
      {
        id: 'stored/0',
        tsUs: BigInt(START_MS) * 1000n,
        message: 'payment stored before the tail',
        level: 'error',
      },
      // `cart-v0` was generalised into `cart-v1` before the tail starts.
      { id: 'cart/0', tsUs: BigInt(START_MS) * 1000n, message: 'cart 1 opened', templateId: 'cart-v0' },
      { id: 'cart/1', tsUs: BigInt(START_MS + 1) * 1000n, message: 'cart 2 opened', templateId: 'cart-v1' },
    ]);
    const span = { count: 1, firstUs: BigInt(START_MS) * 1000n, lastUs: BigInt(START_MS + 1) * 1000n };
    const { id: acmeId } = fixture.tenants.acme;
    await seedTemplate(fixture.database, acmeId, { id: 'cart-v1', text: 'cart <*> opened', ...span });
    await seedTemplate(fixture.database, acmeId, {
      id: 'cart-v0',
      text: 'cart 1 opened',
      ...span,
      supersededBy: 'cart-v1',
    });
    query = await startQuery({
      fixture,
      connection: () => nc,
      natsPrefix: prefix,
      env: { LOGLENS_QUERY_TAIL_BUFFER_EVENTS: '5' },
    });
    acme = api(query.client(fixture.tenants.acme.key));
  });

  afterAll(async () => {
    await query?.stop();
    if (nc) await closeNats(nc);
    await fixture?.close();
  });

  it('replays from the start time, then streams matching events of the tenant as they are published', async () => {
    const { stream, reader, done } = await startTail({ levels: [Level.LEVEL_ERROR, Level.LEVEL_WARN] });
    expect(reader.responses[0]!.events.map((e) => e.id)).toEqual(['stored/0']);
    publish(fixture.tenants.other.id, [event('other/0', Level.LEVEL_ERROR)]);
    publish(fixture.tenants.acme.id, [event('live/0', Level.LEVEL_INFO), event('live/1', Level.LEVEL_ERROR)]);
    publish(
      fixture.tenants.acme.id,
      [event('stored/0', Level.LEVEL_ERROR), event('live/2', Level.LEVEL_WARN)],
      9,
    );
    await reader.until((r) => r.flatMap((x) => x.events).some((e) => e.id === 'live/2'));
    expect(reader.responses.flatMap((r) => r.events.map((e) => e.id))).toEqual([
      'stored/0',
      'live/1',
      'live/2',
    ]);
    stream.cancel();
    expect((await done).code).toBe(status.CANCELLED);
  });

  it('follows a template into what the miner generalises it into, in the source where it happened', async () => {
    const cart = (id: string, templateId: string, source = 'shop/checkout'): LogEvent => ({
      ...event(id),
      source,
      templateId,
    });
    const { stream, reader, done } = await startTail({ templateId: 'cart-v0' });
    expect(reader.responses[0]!.events.map((e) => e.id)).toEqual(['cart/0', 'cart/1']);
    const acmeId = fixture.tenants.acme.id;
    // Generalised before the tail started: known from PostgreSQL.
    publish(acmeId, [cart('live/v1', 'cart-v1'), cart('live/other', 'other')]);
    // Generalised now: the batch says so, and its lines carry the new id from the generalising one on.
    publish(acmeId, [cart('live/v1-again', 'cart-v1'), cart('live/v2', 'cart-v2')], 3, [
      { previousTemplateId: 'cart-v1', templateId: 'cart-v2' },
    ]);
    // Another source: the same text has the same id there, but was never generalised.
    publish(acmeId, [cart('node/v0', 'cart-v0', 'infra/node'), cart('node/v2', 'cart-v2', 'infra/node')], 5);
    publish(acmeId, [cart('live/v2-again', 'cart-v2')]);
    await reader.until((r) => r.flatMap((x) => x.events).some((e) => e.id === 'live/v2-again'));
    expect(reader.responses.slice(1).flatMap((r) => r.events.map((e) => e.id))).toEqual([
      'live/v1',
      'live/v1-again',
      'live/v2',
      'node/v0',
      'live/v2-again',
    ]);
    stream.cancel();
    await done;
  });

  it('applies the text filter case-insensitively', async () => {
    const { stream, reader, done } = await startTail({ text: 'PAYMENT' });
    publish(fixture.tenants.acme.id, [
      event('t/0', Level.LEVEL_INFO, 'cart ok'),
      event('t/1', Level.LEVEL_INFO, 'payment declined'),
    ]);
    await reader.until((r) => r.flatMap((x) => x.events).some((e) => e.id === 't/1'));
    expect(reader.responses.slice(1).flatMap((r) => r.events.map((e) => e.id))).toEqual(['t/1']);
    stream.cancel();
    await done;
  });

  it('drops what does not fit the buffer of a slow client and reports how many', async () => {
    const { stream, reader, done } = await startTail();
    publish(
      fixture.tenants.acme.id,
      Array.from({ length: 40 }, (_, i) => event(`burst/${i}`)),
    );
    await reader.until((r) => r.some((x) => x.droppedCount > 0));
    const live = reader.responses.slice(1);
    const received = live.flatMap((r) => r.events.map((e) => e.id));
    const dropped = live.reduce((sum, r) => sum + r.droppedCount, 0);
    expect(received).toEqual(['burst/0', 'burst/1', 'burst/2', 'burst/3', 'burst/4']);
    expect(dropped).toBe(35);
    stream.cancel();
    await done;
  });

  it('ends the stream with OK when the server shuts down', async () => {
    const { done } = await startTail();
    await query.stop();
    expect((await done).code).toBe(status.OK);
  });
});
