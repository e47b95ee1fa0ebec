import { badRequest, type JsonObject } from './api-errors.js';

/** What a continue token carries: the list's resourceVersion and the key of the last object served. */
interface ContinueState {
  readonly rv: string;
  readonly after: string;
}

/** The page of a list the `limit` and `continue` parameters ask for. */
export interface ListPage {
  readonly items: JsonObject[];
  /** The resourceVersion the page reports: the first page's, for every page of one list. */
  readonly resourceVersion: string;
  /** Set when objects remain after this page. */
  readonly continueToken?: string;
  readonly remainingItemCount?: number;
}

function keyOf(object: JsonObject): string {
  const metadata = (object.metadata ?? {}) as { namespace?: string; name?: string };
  return `${metadata.namespace ?? ''}/${metadata.name ?? ''}`;
}

function decode(token: string): ContinueState {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueState>;
    if (typeof state.rv === 'string' && typeof state.after === 'string')
      return { rv: state.rv, after: state.after };
  } catch {
    // Reported below, as the real server does for any token it cannot read.
  }
  throw badRequest('continue key is not valid: the token could not be decoded');
}

/**
 * Pages a list sorted by namespace/name as the API server does: `limit` objects per page and an opaque
 * `continue` token while more remain. Later pages report the first page's resourceVersion but are read from
 * the current state (the real server reads them from that revision): an informer that watches from the
 * list's resourceVersion is told of every change either way.
 */
export function listPage(sorted: readonly JsonObject[], query: URLSearchParams, revision: string): ListPage {
  const token = query.get('continue');
  const state = token ? decode(token) : undefined;
  const from = state ? sorted.filter((o) => keyOf(o) > state.after) : [...sorted];
  const resourceVersion = state?.rv ?? revision;
  const limit = Number(query.get('limit') ?? '0');
  if (!Number.isInteger(limit) || limit <= 0 || from.length <= limit) return { items: from, resourceVersion };
  const items = from.slice(0, limit);
  const after = keyOf(items[items.length - 1]!);
  return {
    items,
    resourceVersion,
    continueToken: Buffer.from(JSON.stringify({ rv: resourceVersion, after })).toString('base64url'),
    remainingItemCount: from.length - limit,
  };
}
