/** Where a physical line belongs relative to the record being assembled. */
export type LineRole = 'start' | 'continue' | 'blank';

/** Decides, line by line, whether a line starts a record or continues the one before it. */
export interface LineClassifier {
  /** Role of the next line; `hasPending` says whether a record is open to continue. */
  classify(line: string, hasPending: boolean): LineRole;
}

/** A Java exception header without indentation: `java.lang.IllegalStateException: boom`. */
const JAVA_EXCEPTION = /^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable)(?::|$)/;
/** A Go stack frame function line: `main.main()` or `net/http.(*conn).serve(0xc000...)`. */
const GO_FRAME = /^[\w./*()$-]+\(.*\)$/;
/** The last line of a Python traceback: `ValueError: bad` or `KeyboardInterrupt`. */
const PYTHON_FINAL = /^[A-Za-z_][\w.]*(?::.*)?$/;

const enum Trace {
  None,
  /** Inside a Python traceback, waiting for the final exception line. */
  Python,
  /** Inside a Go goroutine dump, where frame lines are not indented. */
  Go,
}

/**
 * The default rules: indented lines, Java `Caused by:`/`... N more`, Python tracebacks with their final
 * exception line, Go panics and goroutine dumps, and Node `    at` frames continue the previous record.
 */
export function createAutoClassifier(): LineClassifier {
  let trace: Trace = Trace.None;
  let lastIndented = false;
  return {
    classify(line, hasPending) {
      if (line.length === 0) return 'blank';
      const first = line.charCodeAt(0);
      if (first === 32 || first === 9) {
        lastIndented = true;
        return hasPending ? 'continue' : 'start';
      }
      const wasIndented = lastIndented;
      lastIndented = false;
      const role = classifyUnindented(line, first, wasIndented);
      return role === 'continue' && !hasPending ? 'start' : role;
    },
  };

  function classifyUnindented(line: string, first: number, wasIndented: boolean): LineRole {
    switch (first) {
      case 67: // C
        if (line.startsWith('Caused by: ')) return 'continue';
        break;
      case 46: // .
        if (line.startsWith('... ')) return 'continue';
        break;
      case 84: // T
        if (line.startsWith('Traceback (most recent call last):')) {
          trace = Trace.Python;
          return 'continue';
        }
        if (line.startsWith('The above exception was the direct cause')) return 'continue';
        break;
      case 68: // D
        if (line.startsWith('During handling of the above exception')) return 'continue';
        break;
      case 103: // g
        if (line.startsWith('goroutine ') && isDigit(line.charCodeAt(10))) {
          trace = Trace.Go;
          return 'continue';
        }
        break;
      case 112: // p
        if (line.startsWith('panic: ')) {
          trace = Trace.Go;
          return 'start';
        }
        break;
      default:
        break;
    }
    if (trace === Trace.Go) {
      if (GO_FRAME.test(line) || line.startsWith('created by ') || line.startsWith('exit status ')) {
        return 'continue';
      }
    } else if (trace === Trace.Python && wasIndented && PYTHON_FINAL.test(line)) {
      trace = Trace.None;
      return 'continue';
    }
    trace = Trace.None;
    // Cheap gate before the regex: exception class names start lowercase (a package) and contain a dot.
    if (first >= 97 && first <= 122 && line.indexOf('.') > 0 && JAVA_EXCEPTION.test(line)) return 'continue';
    return 'start';
  }
}

/** Lines matching the pattern start records; all others continue the current one. */
export function createPatternClassifier(start: RegExp): LineClassifier {
  return {
    classify(line, hasPending) {
      if (!hasPending) return 'start';
      return start.test(line) ? 'start' : 'continue';
    },
  };
}

/** Every non-empty line is a record; empty lines are records too. */
export function createSingleLineClassifier(): LineClassifier {
  return { classify: () => 'start' };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
