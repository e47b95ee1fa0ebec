import type { Level } from '@loglens/logparse';

/** What the report needs to know about one mined line. */
export interface MinedLine {
  readonly lineNumber: number;
  readonly timestamp?: number;
  readonly level: Level;
  /** The miner's group of the line: stable when its template is generalised later. */
  readonly groupId: number;
  /** The (redacted) message, kept as the example of its group. */
  readonly message: string;
}

/** The current template of a group, from the miner. */
export type ResolveGroup = (
  groupId: number,
) => { readonly templateId: string; readonly template: string } | undefined;

/** One row of the template table. */
export interface TemplateRow {
  readonly templateId: string;
  readonly template: string;
  readonly count: number;
  readonly share: number;
  readonly levels: Readonly<Partial<Record<Level, number>>>;
  /** Epoch ms when the lines had timestamps, else undefined (see firstLine/lastLine). */
  readonly firstSeen?: number;
  readonly lastSeen?: number;
  readonly firstLine: number;
  readonly lastLine: number;
  /** The first line of the template, its message as mined. */
  readonly example: string;
}

interface GroupStats {
  count: number;
  levels: Partial<Record<Level, number>>;
  firstSeen?: number;
  lastSeen?: number;
  firstLine: number;
  lastLine: number;
  example: string;
}

function mergeInto(into: GroupStats, from: GroupStats): void {
  into.count += from.count;
  for (const [level, n] of Object.entries(from.levels) as [Level, number][]) {
    into.levels[level] = (into.levels[level] ?? 0) + n;
  }
  if (from.firstSeen !== undefined && (into.firstSeen === undefined || from.firstSeen < into.firstSeen)) {
    into.firstSeen = from.firstSeen;
  }
  if (from.lastSeen !== undefined && (into.lastSeen === undefined || from.lastSeen > into.lastSeen)) {
    into.lastSeen = from.lastSeen;
  }
  if (from.firstLine < into.firstLine) {
    into.firstLine = from.firstLine;
    into.example = from.example;
  }
  into.lastLine = Math.max(into.lastLine, from.lastLine);
}

/**
 * Counts lines per miner group as they are mined; at the end each group is reported under its final template
 * (the miner may generalise or merge templates after a line was assigned), so every line counts once, under
 * the template that describes it now.
 */
export class TemplateReportBuilder {
  private readonly groups = new Map<number, GroupStats>();
  private total = 0;

  /** Adds one mined line. */
  add(line: MinedLine): void {
    this.total += 1;
    let g = this.groups.get(line.groupId);
    if (!g) {
      g = {
        count: 0,
        levels: {},
        firstLine: line.lineNumber,
        lastLine: line.lineNumber,
        example: line.message,
      };
      this.groups.set(line.groupId, g);
    }
    g.count += 1;
    g.levels[line.level] = (g.levels[line.level] ?? 0) + 1;
    g.lastLine = line.lineNumber;
    if (line.timestamp !== undefined) {
      if (g.firstSeen === undefined || line.timestamp < g.firstSeen) g.firstSeen = line.timestamp;
      if (g.lastSeen === undefined || line.timestamp > g.lastSeen) g.lastSeen = line.timestamp;
    }
  }

  /** Lines added so far. */
  get lines(): number {
    return this.total;
  }

  /** The rows under their final templates, most frequent first (ties by first appearance). */
  build(resolve: ResolveGroup): TemplateRow[] {
    const rows = new Map<string, GroupStats & { templateId: string; template: string }>();
    for (const [groupId, g] of this.groups) {
      // A group evicted from the miner keeps its lines under an id of its own.
      const t = resolve(groupId) ?? { templateId: `evicted-${groupId}`, template: g.example };
      const row = rows.get(t.templateId);
      if (row) mergeInto(row, g);
      else
        rows.set(t.templateId, {
          ...g,
          levels: { ...g.levels },
          templateId: t.templateId,
          template: t.template,
        });
    }
    return [...rows.values()]
      .sort((a, b) => b.count - a.count || a.firstLine - b.firstLine)
      .map((r) => ({ ...r, share: this.total === 0 ? 0 : r.count / this.total }));
  }
}
