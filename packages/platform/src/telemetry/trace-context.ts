import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

// These go through the global propagator, which createTelemetry registers as W3C TraceContext, so every
// transport (NATS headers here, gRPC metadata elsewhere) writes and reads the same `traceparent`.

/** Writes the trace context of `ctx` (the active one by default) into a plain string record. */
export function injectTraceContext(carrier: Record<string, string>, ctx?: Context): Record<string, string>;
/** Writes the trace context of `ctx` (the active one by default) into any carrier through `setter`. */
export function injectTraceContext<C>(carrier: C, setter: TextMapSetter<C>, ctx?: Context): C;
export function injectTraceContext<C>(
  carrier: C,
  setterOrCtx?: TextMapSetter<C> | Context,
  ctx?: Context,
): C {
  const [setter, activeCtx] = isSetter(setterOrCtx)
    ? [setterOrCtx, ctx]
    : [defaultTextMapSetter as TextMapSetter<C>, setterOrCtx];
  propagation.inject(activeCtx ?? context.active(), carrier, setter);
  return carrier;
}

/** Reads a trace context from a plain string record into a context derived from `base` (active by default). */
export function extractTraceContext(carrier: Record<string, string>, base?: Context): Context;
/** Reads a trace context from any carrier through `getter` into a context derived from `base`. */
export function extractTraceContext<C>(carrier: C, getter: TextMapGetter<C>, base?: Context): Context;
export function extractTraceContext<C>(
  carrier: C,
  getterOrBase?: TextMapGetter<C> | Context,
  base?: Context,
): Context {
  const [getter, baseCtx] = isGetter(getterOrBase)
    ? [getterOrBase, base]
    : [defaultTextMapGetter as TextMapGetter<C>, getterOrBase];
  return propagation.extract(baseCtx ?? context.active(), carrier, getter);
}

/** The trace id carried by `ctx`, if any; handy for log lines and assertions. */
export function traceIdOf(ctx: Context): string | undefined {
  return trace.getSpanContext(ctx)?.traceId;
}

function isSetter<C>(value: TextMapSetter<C> | Context | undefined): value is TextMapSetter<C> {
  return (
    typeof value === 'object' &&
    typeof (value as Partial<TextMapSetter<C>>).set === 'function' &&
    !('getValue' in value)
  );
}

function isGetter<C>(value: TextMapGetter<C> | Context | undefined): value is TextMapGetter<C> {
  return (
    typeof value === 'object' &&
    typeof (value as Partial<TextMapGetter<C>>).keys === 'function' &&
    !('getValue' in value)
  );
}
