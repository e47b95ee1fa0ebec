import { RateLimitedError, type CallContext, type ServiceHandlers } from '@loglens/platform';
import type { IngestServiceService, LogBatch, PushAck } from '@loglens/proto';
import { orderedWindow } from './ordered-window.js';
import type { RawBatchPublisher } from './publisher.js';
import type { TenantRateLimiter } from './rate-limiter.js';
import { encodeRawBatch, rawBatchMessageId, validateBatch, type BatchLimits } from './raw-batch.js';

/** What the ingest handlers are built from. */
export interface IngestServiceDeps {
  readonly publisher: RawBatchPublisher;
  readonly rateLimiter: TenantRateLimiter;
  readonly limits: BatchLimits;
  /** Batches of one Push stream being published at once. */
  readonly maxInFlight: number;
  /** Clock in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** The handlers of `IngestService`: validate, rate-limit, publish, and ack only what JetStream stored. */
export function createIngestHandlers(deps: IngestServiceDeps): ServiceHandlers<typeof IngestServiceService> {
  const now = deps.now ?? Date.now;

  // Everything that can refuse a batch without I/O, done in order of arrival so that a refusal is final.
  const accept = (batch: LogBatch | undefined, ctx: CallContext): Promise<PushAck> => {
    const { tenantId } = ctx.tenant;
    const valid = validateBatch(batch, deps.limits);
    const receivedAtMs = now();
    const payload = encodeRawBatch(tenantId, valid, receivedAtMs, effectiveMaxBatchBytes(deps));
    const decision = deps.rateLimiter.take(tenantId, valid.lines.length, receivedAtMs);
    if (!decision.allowed) {
      throw new RateLimitedError('the tenant exceeds its ingest rate; retry later', {
        retryAfterMs: decision.retryAfterMs,
      });
    }
    const messageId = rawBatchMessageId(tenantId, valid);
    return deps.publisher
      .publish({ tenantId, source: valid.source, messageId, payload })
      .then(({ duplicate }) => {
        if (duplicate) ctx.logger.debug({ messageId }, 'duplicate batch acknowledged');
        return {
          source: valid.source,
          stream: valid.stream,
          sequence: valid.sequence,
          acceptedCount: valid.lines.length,
          rejectedCount: 0,
          duplicate,
        };
      });
  };

  return {
    async pushBatch(request, ctx) {
      return { ack: await accept(request.batch, ctx) };
    },
    push(requests, ctx) {
      return orderedWindow(requests, (request) => accept(request.batch, ctx), deps.maxInFlight);
    },
  };
}

// A batch the message server would refuse is refused up front, with the limit named.
function effectiveMaxBatchBytes(deps: IngestServiceDeps): number {
  const serverLimit = deps.publisher.maxPayloadBytes();
  return serverLimit === undefined
    ? deps.limits.maxBatchBytes
    : Math.min(deps.limits.maxBatchBytes, serverLimit);
}
