import type { Context } from '@opentelemetry/api';
import { headers as createHeaders, type MsgHdrs } from 'nats';
import { extractTraceContext, injectTraceContext } from '../telemetry/index.js';

/** Header naming the tenant of a message (also in the subject, but headers survive republishing). */
export const TENANT_HEADER = 'LogLens-Tenant';

/** Header carrying the payload schema version, so consumers can refuse what they do not understand. */
export const SCHEMA_VERSION_HEADER = 'LogLens-Schema-Version';

const setter = {
  set(carrier: MsgHdrs, key: string, value: string): void {
    carrier.set(key, value);
  },
};

const getter = {
  get(carrier: MsgHdrs | undefined, key: string): string | undefined {
    return carrier?.has(key) ? carrier.get(key) : undefined;
  },
  keys(carrier: MsgHdrs | undefined): string[] {
    return carrier ? [...carrier.keys()] : [];
  },
};

/** Headers carrying the trace context (`traceparent`) of `ctx`, the active one by default; adds to `into` if given. */
export function headersFromContext(ctx?: Context, into: MsgHdrs = createHeaders()): MsgHdrs {
  return injectTraceContext(into, setter, ctx);
}

/** The context whose remote parent is the trace context of a received message; `headers` may be absent. */
export function contextFromHeaders(headers: MsgHdrs | undefined, base?: Context): Context {
  return extractTraceContext(headers, getter, base);
}
