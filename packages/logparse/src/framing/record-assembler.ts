import type { LogRecord } from '../types.js';
import type { LineClassifier } from './multiline.js';

/** Joins classified physical lines into records, bounded in length and in line count. */
export interface RecordAssembler {
  /** Adds one physical line (terminator removed); returns a record when this line closed the previous one. */
  line(text: string, lineNumber: number, truncated: boolean, invalidUtf8: number): LogRecord | undefined;
  /** Closes the open record, if any. */
  flush(): LogRecord | undefined;
  /** Characters dropped because a joined record hit the cap. */
  dropped(): number;
}

/** Creates an assembler that keeps at most `maxLength` characters and `maxLines` lines per record. */
export function createRecordAssembler(
  classifier: LineClassifier,
  maxLength: number,
  maxLines: number,
): RecordAssembler {
  let parts: string[] = [];
  let length = 0;
  let firstLine = 0;
  let lineCount = 0;
  let truncated = false;
  let invalid = 0;
  let open = false;
  // Blank lines are held back: they belong to the record only if a continuation line follows them.
  let heldBlanks = 0;
  let droppedChars = 0;

  function begin(text: string, lineNumber: number, cut: boolean, bad: number): void {
    parts = [text];
    length = text.length;
    firstLine = lineNumber;
    lineCount = 1;
    truncated = cut;
    invalid = bad;
    open = true;
    heldBlanks = 0;
  }

  function close(): LogRecord | undefined {
    if (!open) return undefined;
    open = false;
    const text = parts.length === 1 ? parts[0]! : parts.join('\n');
    parts = [];
    return { text, lineNumber: firstLine, lineCount, truncated, invalidUtf8: invalid };
  }

  function append(text: string): void {
    if (truncated && length >= maxLength) {
      droppedChars += text.length + 1;
      return;
    }
    const room = maxLength - length - 1;
    if (text.length <= room) {
      parts.push(text);
      length += text.length + 1;
      return;
    }
    if (room > 0) parts.push(text.slice(0, room));
    droppedChars += text.length - Math.max(room, 0);
    length = maxLength;
    truncated = true;
  }

  return {
    line(text, lineNumber, cut, bad) {
      const role = classifier.classify(text, open);
      if (role === 'blank' && open) {
        heldBlanks++;
        return undefined;
      }
      if (role === 'continue' && open && lineCount + heldBlanks < maxLines) {
        for (; heldBlanks > 0; heldBlanks--) append('');
        lineCount++;
        append(text);
        if (cut) truncated = true;
        invalid += bad;
        return undefined;
      }
      const done = close();
      if (role === 'blank') return done;
      begin(text, lineNumber, cut, bad);
      return done;
    },
    flush: close,
    dropped: () => droppedChars,
  };
}
