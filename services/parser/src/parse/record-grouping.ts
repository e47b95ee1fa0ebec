import { createAutoClassifier, createPatternClassifier, type LineClassifier } from '@loglens/logparse';
import type { RecordFraming } from './source-settings.js';

/** Lines of one batch that form one record. */
export interface LineGroup {
  /** Index of the record's first line in the batch. */
  readonly first: number;
  /** The lines' texts joined with '\n'. */
  readonly text: string;
  readonly lineCount: number;
}

function classifierFor(framing: RecordFraming): LineClassifier | undefined {
  if (framing.startPattern !== undefined) return createPatternClassifier(new RegExp(framing.startPattern));
  return framing.mode === 'none' ? undefined : createAutoClassifier();
}

/**
 * Joins the lines of one batch into records: a continuation line (stack frame, indented line, or a line not
 * matching the start pattern) joins the record before it, up to `maxLines` lines. A blank line joins only when
 * a continuation follows it; otherwise it stays a record of its own, so no line is ever lost.
 */
export function groupLines(texts: readonly string[], framing: RecordFraming): LineGroup[] {
  const classifier = classifierFor(framing);
  if (classifier === undefined) return texts.map((text, first) => ({ first, text, lineCount: 1 }));
  const groups: LineGroup[] = [];
  let open: { first: number; parts: string[] } | undefined;
  let blanks: number[] = [];
  const close = (): void => {
    if (open) groups.push({ first: open.first, text: open.parts.join('\n'), lineCount: open.parts.length });
    open = undefined;
  };
  const releaseBlanks = (): void => {
    close();
    for (const index of blanks) groups.push({ first: index, text: texts[index] ?? '', lineCount: 1 });
    blanks = [];
  };
  texts.forEach((text, index) => {
    const role = classifier.classify(text, open !== undefined);
    if (role === 'blank') {
      blanks.push(index);
      return;
    }
    const joins = role === 'continue' && open && open.parts.length + blanks.length < framing.maxLines;
    if (joins && open) {
      for (const _ of blanks) open.parts.push('');
      blanks = [];
      open.parts.push(text);
      return;
    }
    releaseBlanks();
    open = { first: index, parts: [text] };
  });
  releaseBlanks();
  return groups;
}
