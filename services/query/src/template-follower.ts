import type { TemplateGeneralisation } from '@loglens/proto';

/**
 * The templates a tail filtered by one template matches, by source: the template itself in every source,
 * and wherever it was generalised, what it became. The set only grows; the parser's generalisations arrive
 * in each source's order, before the lines that carry the new id.
 */
export class TemplateFollower {
  private readonly bySource = new Map<string, Set<string>>();

  constructor(private readonly templateId: string) {}

  /** Adds templates known to belong (the family read from PostgreSQL when the tail starts). */
  addKnown(family: ReadonlyMap<string, ReadonlySet<string>>): void {
    for (const [source, ids] of family) for (const id of ids) this.add(source, id);
  }

  /** Follows a batch's generalisations: a followed template's successor is followed too, in that source. */
  follow(source: string, generalisations: readonly TemplateGeneralisation[]): void {
    for (const g of generalisations) {
      if (this.matches(source, g.previousTemplateId)) this.add(source, g.templateId);
    }
  }

  /** Whether a line of `source` with this template id belongs. */
  matches(source: string, templateId: string): boolean {
    return templateId === this.templateId || (this.bySource.get(source)?.has(templateId) ?? false);
  }

  private add(source: string, id: string): void {
    const ids = this.bySource.get(source) ?? new Set<string>();
    ids.add(id);
    this.bySource.set(source, ids);
  }
}
