import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractTraceContext, injectTraceContext, traceIdOf } from './trace-context.js';

const spanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};

describe('trace context helpers', () => {
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  it('round-trips through a plain record', () => {
    const ctx = trace.setSpanContext(context.active(), spanContext);
    const carrier = injectTraceContext({}, ctx);
    expect(carrier.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(traceIdOf(extractTraceContext(carrier))).toBe(spanContext.traceId);
  });

  it('round-trips through any carrier with a setter and getter', () => {
    const ctx = trace.setSpanContext(context.active(), spanContext);
    const map = new Map<string, string>();
    injectTraceContext(map, { set: (m, k, v) => m.set(k, v) }, ctx);
    const extracted = extractTraceContext(map, { get: (m, k) => m.get(k), keys: (m) => [...m.keys()] });
    expect(trace.getSpanContext(extracted)).toMatchObject({ ...spanContext, isRemote: true });
  });

  it('extracts nothing from an empty carrier', () => {
    expect(traceIdOf(extractTraceContext({}))).toBeUndefined();
  });
});
