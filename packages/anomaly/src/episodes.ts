import type { AnomalyKind, AnomalyResult } from './types.js';

/**
 * Anomalous windows in a row that tell the same story (same stream, same kind of change, driven by a template
 * they share), as one episode: a surge that lasts ten minutes is one thing to look at, not ten. A new or rare
 * template that keeps coming back is one story too, and a new pattern that goes on surging one incident,
 * whichever facet leads each window. A session is an episode of its own.
 */
export interface Episode {
  /** The kind of the strongest result. */
  readonly kind: AnomalyKind | undefined;
  readonly source: string;
  readonly host?: string;
  /** Start of the first result and end of the last (timestamps, or stream positions). */
  readonly start: number;
  readonly end: number;
  /** Results merged into the episode. */
  readonly results: number;
  /** The strongest result: its score, severity, explanation and contributions stand for the episode. */
  readonly peak: AnomalyResult;
}

/** Contributions that decide whether two windows tell the same story. */
const STORY_TEMPLATES = 3;

type Open = { -readonly [K in keyof Episode]: Episode[K] } & {
  /** Leading templates of the last window's findings: the next window must share one to continue. */
  templates: ReadonlySet<string>;
  /** How long after its end the episode may still continue. */
  readonly gap: number;
};

/**
 * Kinds that continue one another's story: a new template that recurs is then reported as rare; a surge is
 * an error surge while its level's baseline is low and a spike of its template once the level's has risen;
 * a drop ends in silence.
 */
const STORY: Readonly<Partial<Record<AnomalyKind, string>>> = {
  'new-template': 'novelty',
  'rare-template': 'novelty',
  'rate-spike': 'surge',
  'error-surge': 'surge',
  'rate-drop': 'drop',
  silence: 'drop',
};

/** The story kind each kind of change may directly follow within one incident: a new pattern that surges. */
const FOLLOWS: Readonly<Record<string, string>> = { surge: 'novelty', novelty: 'surge' };

/** Options of an {@link EpisodeGrouper}. */
export interface EpisodeOptions {
  /**
   * How long a new or rare template's story stays open between its windows: its recurrences within this
   * time join one episode. @default the window gap
   */
  readonly recurrenceGap?: number;
}

/** One significant finding of a window: its story kind and leading templates. */
interface Facet {
  readonly story: string;
  readonly templates: ReadonlySet<string>;
}

function storyOf(kind: AnomalyKind | undefined): string {
  return kind === undefined ? '' : (STORY[kind] ?? kind);
}

function leading(contributions: AnomalyResult['contributions']): Set<string> {
  return new Set(contributions.slice(0, STORY_TEMPLATES).map((c) => c.templateId));
}

/**
 * The window's significant findings (severity above info) as facets, the strongest first; a result that
 * carries no findings is its own one facet.
 */
function facetsOf(r: AnomalyResult): Facet[] {
  const significant = r.findings.filter((f) => f.severity !== 'info');
  if (significant.length === 0) return [{ story: storyOf(r.kind), templates: leading(r.contributions) }];
  return significant.map((f) => ({ story: storyOf(f.kind), templates: leading(f.contributions) }));
}

function shares(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 && b.size === 0) return true;
  for (const t of a) if (b.has(t)) return true;
  return false;
}

function streamOf(r: AnomalyResult): string {
  return `${r.scope.source}\u0000${r.scope.host ?? ''}`;
}

/** How far a result departs from what was expected: breaks ties between equal scores. */
function departure(r: AnomalyResult): number {
  const c = r.contributions[0];
  return c === undefined ? 0 : Math.abs(c.actual - c.expected);
}

/** Whether `a` is a stronger result than `b`. */
function stronger(a: AnomalyResult, b: AnomalyResult): boolean {
  return a.score > b.score || (a.score === b.score && departure(a) > departure(b));
}

/**
 * Groups anomalous results into episodes as they arrive. Windows of a stream must come in time order (the
 * engine's order); a window extends its story's open episode when it starts at most `maxGap` after that
 * episode's end, so one quiet window in between ends it (pass the window size), and shares one of its
 * leading templates with the episode's last window (a surge's leading template may change from minute to
 * minute). New and rare templates are one story whose windows may lie up to `recurrenceGap` apart: a rare
 * error that recurs every few minutes is one episode, not one per minute it shows. A surge continues a
 * novelty episode it directly follows (and the other way round) when they share a leading template: a new
 * pattern that arrives in bulk. Memory: the open episodes, which are closed as their stream's clock moves
 * past them.
 */
export class EpisodeGrouper {
  /** Open episodes by stream and story kind. */
  private readonly open = new Map<string, Open[]>();
  private readonly recurrenceGap: number;

  constructor(
    private readonly maxGap: number,
    options: EpisodeOptions = {},
  ) {
    this.recurrenceGap = Math.max(maxGap, options.recurrenceGap ?? maxGap);
  }

  /** Adds results (non-anomalous ones are skipped); returns the episodes this closed. */
  add(results: readonly AnomalyResult[]): Episode[] {
    const closed: Episode[] = [];
    for (const r of results) {
      if (!r.anomalous) continue;
      if (r.scope.kind === 'session') {
        closed.push(finished(episodeOf(r, new Set(), 0)));
        continue;
      }
      this.closeStale(r, closed);
      const story = storyOf(r.kind);
      const facets = facetsOf(r);
      const templates = new Set(facets.flatMap((f) => [...f.templates]));
      const current = this.continued(r, story, facets);
      if (current) {
        current.end = Math.max(current.end, r.scope.end);
        current.results++;
        current.templates = templates;
        if (stronger(r, current.peak)) {
          current.peak = r;
          current.kind = r.kind;
        }
      } else {
        const key = `${streamOf(r)}\u0000${story}`;
        const gap = story === 'novelty' ? this.recurrenceGap : this.maxGap;
        this.open.set(key, [...(this.open.get(key) ?? []), episodeOf(r, templates, gap)]);
      }
    }
    return closed;
  }

  /** Closes every open episode (end of the stream). */
  flush(): Episode[] {
    const closed = [...this.open.values()].flat().map(finished);
    this.open.clear();
    return closed;
  }

  /**
   * The open episode `r` continues: one of its own story whose last window shares a leading template of
   * the window's strongest finding; else one whose story one of the window's significant findings tells,
   * or directly follows (`FOLLOWS`), sharing that finding's leading templates, with no quiet window in
   * between. So a new error pattern that keeps arriving in bulk while the requests it broke fall silent
   * is one incident, whether the novelty, the surge or the silence leads a window.
   */
  private continued(r: AnomalyResult, story: string, facets: readonly Facet[]): Open | undefined {
    const stream = streamOf(r);
    const peak = facets[0]?.templates ?? new Set<string>();
    const own = this.open.get(`${stream}\u0000${story}`)?.find((e) => shares(e.templates, peak));
    if (own) return own;
    for (const facet of facets) {
      for (const target of [facet.story, FOLLOWS[facet.story]]) {
        if (target === undefined) continue;
        for (const e of this.open.get(`${stream}\u0000${target}`) ?? []) {
          if (r.scope.start - e.end <= this.maxGap && shares(e.templates, facet.templates)) return e;
        }
      }
    }
    return undefined;
  }

  /** Closes the episodes of `r`'s stream that ended longer before it starts than they may stay open. */
  private closeStale(r: AnomalyResult, closed: Episode[]): void {
    const stream = streamOf(r);
    for (const [key, stories] of this.open) {
      if (!key.startsWith(`${stream}\u0000`)) continue;
      const kept = stories.filter((e) => r.scope.start - e.end <= e.gap);
      if (kept.length === stories.length) continue;
      closed.push(...stories.filter((e) => !kept.includes(e)).map(finished));
      if (kept.length === 0) this.open.delete(key);
      else this.open.set(key, kept);
    }
  }
}

function episodeOf(r: AnomalyResult, templates: ReadonlySet<string>, gap: number): Open {
  return {
    kind: r.kind,
    source: r.scope.source,
    ...(r.scope.host !== undefined ? { host: r.scope.host } : {}),
    start: r.scope.start,
    end: r.scope.end,
    results: 1,
    peak: r,
    templates,
    gap,
  };
}

function finished({ templates: _templates, gap: _gap, ...episode }: Open): Episode {
  return episode;
}

/** Strongest first: by the peak's score, then earliest. */
export function byPeak(a: Episode, b: Episode): number {
  return b.peak.score - a.peak.score || a.start - b.start;
}
