/** The four accuracy figures of Loghub-2.0 (Jiang et al., ISSTA 2024), each in [0, 1]. */
export interface AccuracyScores {
  /** Grouping accuracy: share of lines whose parsed group has exactly the lines of their true group. */
  readonly GA: number;
  /** Parsing accuracy: share of lines whose template equals the true template (whitespace collapsed). */
  readonly PA: number;
  /** F1 of group precision and recall, a group being correct iff its line set equals a true group's. */
  readonly FGA: number;
  /** F1 over templates: correct iff its lines form exactly one true group and the strings are equal. */
  readonly FTA: number;
}

/** Collapses whitespace runs to one space and trims, as template comparison requires. */
export function normaliseTemplate(t: string): string {
  return t.trim().replace(/\s+/g, ' ');
}

/**
 * Scores parsed templates against the truth, line by line (`truth[i]` and `parsed[i]` describe line i).
 * Lines are grouped by template string on both sides, as Loghub's evaluator does.
 */
export function scoreAccuracy(truth: readonly string[], parsed: readonly string[]): AccuracyScores {
  if (truth.length !== parsed.length)
    throw new RangeError(`${truth.length} true templates for ${parsed.length} parsed lines`);
  const n = truth.length;
  if (n === 0) return { GA: 0, PA: 0, FGA: 0, FTA: 0 };
  const t = truth.map(normaliseTemplate);
  const p = parsed.map(normaliseTemplate);
  const trueGroups = groupLines(t);
  const parsedGroups = groupLines(p);
  let correctLines = 0;
  let correctGroups = 0;
  let correctTemplates = 0;
  for (const [template, lines] of parsedGroups) {
    const truthOfGroup = new Set(lines.map((i) => t[i]));
    if (truthOfGroup.size !== 1) continue;
    const [only] = truthOfGroup;
    if (only === undefined || (trueGroups.get(only)?.length ?? 0) !== lines.length) continue;
    correctLines += lines.length;
    correctGroups++;
    if (template === only) correctTemplates++;
  }
  let pa = 0;
  for (let i = 0; i < n; i++) if (t[i] === p[i]) pa++;
  return {
    GA: correctLines / n,
    PA: pa / n,
    FGA: f1(correctGroups / parsedGroups.size, correctGroups / trueGroups.size),
    FTA: f1(correctTemplates / parsedGroups.size, correctTemplates / trueGroups.size),
  };
}

function groupLines(templates: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  templates.forEach((tpl, i) => {
    const g = groups.get(tpl);
    if (g) g.push(i);
    else groups.set(tpl, [i]);
  });
  return groups;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
