import type { FeedbackBook } from './feedback.js';
import type { SourceState } from './source-state.js';
import type { AnomalyEvent } from './types.js';

/**
 * An online miner generalised the event's template: the new id takes over the slot of the id it had before,
 * and the slots of templates folded into it are merged into that slot, so every detector keeps what it
 * learned and a generalised template is not mistaken for a new one. Feedback given on the old ids follows.
 */
export function carryOver(st: SourceState, event: AnomalyEvent, feedback: FeedbackBook): void {
  const change = event.change;
  if (!change) return;
  const index = st.model.index;
  const olderIds = [
    ...(change.previousId !== undefined ? [change.previousId] : []),
    ...(change.mergedIds ?? []),
  ];
  const older: number[] = [];
  for (const id of olderIds) {
    const slot = index.find(id);
    if (slot !== undefined && !older.includes(slot)) older.push(slot);
  }
  const target = index.find(event.templateId) ?? older[0];
  if (target === undefined) return;
  index.rename(target, event.templateId, event.template);
  for (const from of older) {
    if (from !== target) st.mergeSlot(from, target);
  }
  feedback.rename(st.source, olderIds, event.templateId);
}
