import type { LogEvent, ParsedBatch, TemplateGeneralisation } from '@loglens/proto';
import { matchesFilter } from './event-matcher.js';
import type { NormalizedFilter } from './log-filter.js';
import type { TailBuffer } from './tail-buffer.js';
import { TemplateFollower } from './template-follower.js';

/** What a live batch leaves once the conditions other than the template are applied. */
interface LiveBatch {
  readonly source: string;
  readonly generalisations: readonly TemplateGeneralisation[];
  readonly events: LogEvent[];
}

/**
 * Matches live batches against the filter. A template filter follows the template into what the miner
 * generalises it into; until the family stored so far is read, batches wait (at most the buffer's worth of
 * events that pass the other conditions; beyond that they are counted as dropped).
 */
export class LiveMatcher {
  private readonly follower: TemplateFollower | undefined;
  /** The conditions other than the template, which the follower judges. */
  private readonly filter: Omit<NormalizedFilter, 'templateId'>;
  private waiting: LiveBatch[] | undefined;
  private waitingEvents = 0;

  constructor(
    filter: NormalizedFilter,
    private readonly buffer: TailBuffer,
    private readonly capacity: number,
  ) {
    const { templateId, ...rest } = filter;
    this.follower = templateId === undefined ? undefined : new TemplateFollower(templateId);
    this.filter = rest;
    this.waiting = this.follower ? [] : undefined;
  }

  offer(batch: ParsedBatch): void {
    const live = {
      source: batch.source,
      generalisations: batch.generalisations,
      events: batch.events.filter((event) => matchesFilter(this.filter, event)),
    };
    if (this.waiting === undefined) return this.accept(live);
    const room = Math.max(0, this.capacity - this.waitingEvents);
    if (live.events.length > room) this.buffer.drop(live.events.splice(room).length);
    this.waitingEvents += live.events.length;
    this.waiting.push(live);
  }

  /** The family stored so far is known: handles what waited, then matches as batches come. */
  start(family: ReadonlyMap<string, ReadonlySet<string>>): void {
    this.follower?.addKnown(family);
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    for (const live of waiting) this.accept(live);
  }

  private accept({ source, generalisations, events }: LiveBatch): void {
    const follower = this.follower;
    if (follower === undefined) return this.buffer.offer(events);
    follower.follow(source, generalisations);
    this.buffer.offer(events.filter((event) => follower.matches(event.source, event.templateId)));
  }
}
