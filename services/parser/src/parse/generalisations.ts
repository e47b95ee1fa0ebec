import type { EventRow } from './event-row.js';

/** A template the miner generalised into another one, in the order it happened. */
export interface Generalisation {
  readonly tenantId: string;
  readonly source: string;
  readonly previousId: string;
  readonly id: string;
}

/**
 * The generalisations and merges the events record, once each, in event order (a chain a→b→c stays in
 * order).
 */
export function generalisations(events: Iterable<EventRow>): Generalisation[] {
  const seen = new Set<string>();
  const found: Generalisation[] = [];
  for (const e of events) {
    if (e.previousTemplateId === undefined) continue;
    for (const previousId of [e.previousTemplateId, ...(e.mergedTemplateIds ?? [])]) {
      const key = `${e.tenantId}\u0000${e.source}\u0000${previousId}`;
      if (previousId === e.templateId || seen.has(key)) continue;
      seen.add(key);
      found.push({ tenantId: e.tenantId, source: e.source, previousId, id: e.templateId });
    }
  }
  return found;
}
