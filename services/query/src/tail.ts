import type { Kysely } from 'kysely';
import type { NatsConnection, Subscription } from 'nats';
import { parsedSubject, type CallContext, type Database } from '@loglens/platform';
import { ParsedBatch, type TailRequest, type TailResponse } from '@loglens/proto';
import { LiveMatcher } from './live-matcher.js';
import { toLogEvent } from './log-event-mapping.js';
import type { EventPosition } from './log-event-query.js';
import { normalizeFilter, Violations, type NormalizedFilter } from './log-filter.js';
import { readEventPage } from './query-logs.js';
import { TailBuffer } from './tail-buffer.js';
import { readTemplateFamily } from './template-lineage.js';

/** What a Tail call needs. */
export interface TailDeps {
  readonly db: Kysely<Database>;
  readonly connection: () => NatsConnection;
  readonly natsPrefix: string;
  /** Events held per call for a slow client before new ones are dropped. */
  readonly bufferEvents: number;
  /** Most events replayed from `time_range.start` before following. */
  readonly replayEvents: number;
  /** Most events in one response. */
  readonly batchEvents: number;
}

/** Every partition of a tenant's parsed subjects: `<prefix>logs.parsed.<tenant>.*`. */
export function tenantParsedSubjects(tenantId: string, prefix: string): string {
  // parsedSubject validates the tenant and prefix; the partition token is then swapped for a wildcard.
  return `${parsedSubject(tenantId, 0, prefix).slice(0, -1)}*`;
}

// Core NATS, not a JetStream consumer: a tail wants what is published from now on, needs no
// acknowledgement and must leave no state on the server when the client goes away. Replay comes from
// PostgreSQL, where every published event already is.
function subscribeParsed(
  deps: TailDeps,
  tenantId: string,
  ctx: CallContext,
  onBatch: (batch: ParsedBatch) => void,
): Subscription {
  return deps.connection().subscribe(tenantParsedSubjects(tenantId, deps.natsPrefix), {
    callback: (error, message) => {
      if (error !== null) return;
      let batch: ParsedBatch;
      try {
        batch = ParsedBatch.decode(message.data);
      } catch (decodeError) {
        ctx.logger.warn({ err: decodeError, subject: message.subject }, 'undecodable parsed batch skipped');
        return;
      }
      if (batch.tenantId === tenantId) onBatch(batch);
    },
  });
}

async function* replay(
  deps: TailDeps,
  tenantId: string,
  filter: NormalizedFilter,
  replayed: Set<string>,
  signal: AbortSignal,
): AsyncGenerator<TailResponse, void, undefined> {
  let after: EventPosition | undefined;
  let remaining = deps.replayEvents;
  while (remaining > 0 && !signal.aborted) {
    const size = Math.min(deps.batchEvents, remaining);
    const page = await readEventPage(deps.db, tenantId, filter, false, after, size);
    if (page.rows.length > 0) {
      for (const row of page.rows) replayed.add(row.id);
      yield { events: page.rows.map(toLogEvent), droppedCount: 0 };
    }
    remaining -= page.rows.length;
    after = page.next;
    if (after === undefined) return;
  }
}

/**
 * Tail: replays from `time_range.start` when given (at most `replayEvents`, oldest first), then streams the
 * tenant's matching events as the parser publishes them, until the client cancels, the deadline passes or
 * the server shuts down (which ends the stream with OK).
 */
export async function* tail(
  deps: TailDeps,
  request: TailRequest,
  ctx: CallContext,
): AsyncGenerator<TailResponse, void, undefined> {
  const violations = new Violations();
  const { endUs: _ignored, ...filter } = normalizeFilter(request.filter, 'filter', violations);
  violations.throwIfAny('invalid Tail request');
  const tenantId = ctx.tenant.tenantId;
  const stop = AbortSignal.any([ctx.signal, ctx.shutdownSignal]);
  const buffer = new TailBuffer(deps.bufferEvents);
  const live = new LiveMatcher(filter, buffer, deps.bufferEvents);
  const subscription = subscribeParsed(deps, tenantId, ctx, (batch) => live.offer(batch));
  // Events already published while we replay would come twice; their ids tell them apart.
  const replayed = new Set<string>();
  try {
    // The server has the subscription before the reads: nothing falls between the two.
    await deps.connection().flush();
    const { templateId } = filter;
    live.start(templateId ? await readTemplateFamily(deps.db, tenantId, templateId) : new Map());
    const replayFilter = { ...filter, followSuccessors: true };
    if (filter.startUs !== undefined) yield* replay(deps, tenantId, replayFilter, replayed, stop);
    while (!stop.aborted) {
      if (buffer.idle) {
        await buffer.changed(stop);
        continue;
      }
      const { events, droppedCount } = buffer.take(deps.batchEvents);
      const fresh = replayed.size === 0 ? events : events.filter((event) => !replayed.has(event.id));
      if (fresh.length > 0 || droppedCount > 0) yield { events: fresh, droppedCount };
    }
    // A cancel or deadline is reported as such; a shutdown ends the stream normally.
    ctx.signal.throwIfAborted();
  } finally {
    subscription.unsubscribe();
  }
}
