import type { Metadata } from '@grpc/grpc-js';
import { type Context, propagation, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';

// Trace context (W3C traceparent/tracestate, or whatever the registered global propagator uses) travels in
// gRPC metadata. Without a registered propagator these are no-ops, so tests and tools need no setup.

const metadataGetter: TextMapGetter<Metadata> = {
  keys: (carrier) => Object.keys(carrier.getMap()),
  get: (carrier, key) => {
    const values = carrier.get(key).filter((value): value is string => typeof value === 'string');
    if (values.length === 0) return undefined;
    return values.length === 1 ? values[0] : values;
  },
};

const metadataSetter: TextMapSetter<Metadata> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

/** The context a caller propagated in the call's metadata, on top of `base`. */
export function contextFromMetadata(base: Context, metadata: Metadata): Context {
  return propagation.extract(base, metadata, metadataGetter);
}

/** Writes `context`'s trace context into outgoing metadata. */
export function injectContextIntoMetadata(context: Context, metadata: Metadata): void {
  propagation.inject(context, metadata, metadataSetter);
}
