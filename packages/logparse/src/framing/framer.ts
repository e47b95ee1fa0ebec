import type { LogRecord } from '../types.js';
import { resolveFramerOptions, type FramerOptions, type FramerStats } from './framer-options.js';
import { createAutoClassifier, createPatternClassifier, createSingleLineClassifier } from './multiline.js';
import { createRecordAssembler } from './record-assembler.js';
import { countEncodedReplacements, countReplacements, cutText } from './utf8.js';

/** Turns a stream of byte or text chunks into log records. */
export interface Framer {
  /** Feeds the next chunk; returns the records it completed. A framer takes bytes or strings, not both. */
  push(chunk: Uint8Array | string): LogRecord[];
  /** Emits the record being assembled (the caller's time-based flush), keeping any incomplete line. */
  flush(): LogRecord[];
  /** Ends the stream: the incomplete last line becomes a line, and every pending record is emitted. */
  end(): LogRecord[];
  /** Counters since creation. */
  stats(): FramerStats;
}

const NEWLINE = 10;

/**
 * Creates a streaming framer: LF or CRLF lines, invalid UTF-8 replaced with U+FFFD and counted, records cut at
 * `maxRecordLength` without buffering the rest of a huge line, and multiline records joined.
 */
export function createFramer(options: FramerOptions = {}): Framer {
  const cfg = resolveFramerOptions(options);
  const max = cfg.maxRecordLength;
  const classifier = cfg.startPattern
    ? createPatternClassifier(cfg.startPattern)
    : cfg.multiline === 'none'
      ? createSingleLineClassifier()
      : createAutoClassifier();
  const assembler = createRecordAssembler(classifier, max, cfg.maxLines);
  // ignoreBOM keeps a BOM in the text: blocks are decoded separately, and only the stream's first one may drop it.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

  let mode: 'bytes' | 'text' | undefined;
  let lineNumber = 0;
  let out: LogRecord[] = [];
  const counters = { bytes: 0, lines: 0, records: 0, truncatedRecords: 0, invalidUtf8: 0, skipped: 0 };

  // The incomplete last line, as bytes (at most `max` of them) or text.
  let pendingParts: Uint8Array[] = [];
  let pendingBytes = 0;
  let pendingText = '';
  // A line longer than the cap: its kept head, then everything up to the next newline is skipped unread.
  let longText: string | undefined;
  let longDecoder: InstanceType<typeof TextDecoder> | undefined;
  let longInvalid = 0;
  let longSkipping = false;
  let longTail = new Uint8Array(0);

  function emitLine(text: string, truncated: boolean, invalid: number): void {
    lineNumber++;
    counters.lines++;
    counters.invalidUtf8 += invalid;
    let line = text;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.length > max) {
      counters.skipped += line.length - max;
      line = cutText(line, max);
      truncated = true;
    }
    const record = assembler.line(line, lineNumber, truncated, invalid);
    if (record) keep(record);
  }

  function keep(record: LogRecord): void {
    counters.records++;
    if (record.truncated) counters.truncatedRecords++;
    out.push(record);
  }

  function take(): LogRecord[] {
    const done = out;
    out = [];
    return done;
  }

  /** Decodes complete lines (no trailing newline) and emits them. */
  function emitBlock(bytes: Uint8Array): void {
    const text = decoder.decode(bytes);
    if (text.indexOf('\uFFFD') < 0) {
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        emitLine(text.slice(from, nl), false, 0);
        from = nl + 1;
      }
      emitLine(from === 0 ? text : text.slice(from), false, 0);
      return;
    }
    // Rare path: walk byte lines beside text lines (a newline byte never hides inside a broken sequence).
    let from = 0;
    let byteFrom = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const byteNl = nl < 0 ? bytes.length : bytes.indexOf(NEWLINE, byteFrom);
      const line = nl < 0 ? text.slice(from) : text.slice(from, nl);
      const invalid = countReplacements(line) - countEncodedReplacements(bytes, byteFrom, byteNl);
      emitLine(line, false, Math.max(invalid, 0));
      if (nl < 0) return;
      from = nl + 1;
      byteFrom = byteNl + 1;
    }
  }

  function startLong(): void {
    longDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    longText = '';
    longInvalid = 0;
    longSkipping = false;
    longTail = new Uint8Array(0);
    const parts = pendingParts;
    pendingParts = [];
    pendingBytes = 0;
    for (const part of parts) feedLong(part);
  }

  function feedLong(bytes: Uint8Array): void {
    if (longSkipping) {
      counters.skipped += bytes.length;
      return;
    }
    const piece = longDecoder!.decode(bytes, { stream: true });
    longInvalid += countReplacements(piece) - countEncodedAcross(bytes);
    longText += piece;
    if (longText!.length >= max) {
      counters.skipped += longText!.length - max;
      longText = cutText(longText!, max);
      longSkipping = true;
    }
  }

  /** Genuine U+FFFD encodings in this piece, including one split across the previous piece. */
  function countEncodedAcross(bytes: Uint8Array): number {
    // The joined window is at most four bytes, so any triple in it straddles the two pieces.
    const joined = concat([longTail, bytes.subarray(0, 2)]);
    const across = longTail.length > 0 ? countEncodedReplacements(joined) : 0;
    longTail = concat([longTail, bytes.subarray(Math.max(0, bytes.length - 2))]).slice(-2);
    return across + countEncodedReplacements(bytes);
  }

  function finishLong(): void {
    if (!longSkipping) {
      const rest = longDecoder!.decode();
      longInvalid += countReplacements(rest);
      longText += rest;
    }
    const text = longText!;
    const truncated = longSkipping || text.length > max;
    longText = undefined;
    longDecoder = undefined;
    emitLine(text, truncated, Math.max(longInvalid, 0));
  }

  function pushBytes(chunk: Uint8Array): void {
    counters.bytes += chunk.length;
    let start = 0;
    if (longText !== undefined) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) return feedLong(chunk);
      feedLong(chunk.subarray(0, nl));
      finishLong();
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < start) return holdBytes(chunk.subarray(start));
    const firstNl = chunk.indexOf(NEWLINE, start);
    if (pendingBytes > 0) {
      // Only the pending head and the chunk's first line are copied; the rest is decoded in place.
      const head = chunk.subarray(start, firstNl);
      if (pendingBytes + head.length > max) {
        startLong();
        feedLong(head);
        finishLong();
      } else {
        emitBlock(concat([...pendingParts, head]));
        pendingParts = [];
        pendingBytes = 0;
      }
      start = firstNl + 1;
    }
    if (start <= last) emitLines(chunk.subarray(start, last));
    if (last + 1 < chunk.length) holdBytes(chunk.subarray(last + 1));
  }

  /** Emits complete lines, routing any line longer than the cap through the bounded long-line path. */
  function emitLines(bytes: Uint8Array): void {
    if (bytes.length <= max * 4) return emitBlock(bytes);
    // A huge block: decode runs of short lines together, and only the head of each over-long line.
    let runFrom = 0;
    let from = 0;
    for (;;) {
      const found = bytes.indexOf(NEWLINE, from);
      const nl = found < 0 ? bytes.length : found;
      if (nl - from > max) {
        if (from > runFrom) emitBlock(bytes.subarray(runFrom, from - 1));
        emitLong(bytes.subarray(from, nl));
        runFrom = nl + 1;
      } else if (nl - runFrom > max * 4) {
        emitBlock(bytes.subarray(runFrom, nl));
        runFrom = nl + 1;
      }
      if (found < 0) break;
      from = nl + 1;
    }
    if (runFrom <= bytes.length) emitBlock(bytes.subarray(runFrom));
  }

  function emitLong(bytes: Uint8Array): void {
    startLong();
    feedLong(bytes);
    finishLong();
  }

  function holdBytes(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (longText !== undefined) return feedLong(bytes);
    if (pendingBytes + bytes.length > max) {
      startLong();
      return feedLong(bytes);
    }
    pendingParts.push(bytes.slice());
    pendingBytes += bytes.length;
  }

  function pushText(chunk: string): void {
    counters.bytes += chunk.length;
    let from = 0;
    if (longText !== undefined) {
      const nl = chunk.indexOf('\n');
      if (nl < 0) {
        counters.skipped += chunk.length;
        return;
      }
      counters.skipped += nl;
      emitLine(longText, true, 0);
      longText = undefined;
      from = nl + 1;
    }
    for (let nl = chunk.indexOf('\n', from); nl >= 0; nl = chunk.indexOf('\n', from)) {
      const piece = chunk.slice(from, nl);
      emitLine(pendingText.length > 0 ? pendingText + piece : piece, false, 0);
      pendingText = '';
      from = nl + 1;
    }
    if (from < chunk.length) {
      pendingText += chunk.slice(from);
      if (pendingText.length > max) {
        counters.skipped += pendingText.length - max;
        longText = cutText(pendingText, max);
        pendingText = '';
      }
    }
  }

  function mustBe(kind: 'bytes' | 'text'): void {
    if (mode === undefined) mode = kind;
    else if (mode !== kind)
      throw new TypeError('a framer takes either byte chunks or string chunks, not both');
  }

  return {
    push(chunk) {
      if (typeof chunk === 'string') {
        mustBe('text');
        pushText(chunk);
      } else {
        mustBe('bytes');
        pushBytes(chunk);
      }
      return take();
    },
    flush() {
      const record = assembler.flush();
      if (record) keep(record);
      return take();
    },
    end() {
      if (longText !== undefined) {
        if (longDecoder) finishLong();
        else {
          emitLine(longText, true, 0);
          longText = undefined;
        }
      } else if (pendingBytes > 0) {
        emitBlock(concat(pendingParts));
        pendingParts = [];
        pendingBytes = 0;
      } else if (pendingText.length > 0) {
        emitLine(pendingText, false, 0);
        pendingText = '';
      }
      return this.flush();
    },
    stats() {
      const { skipped, ...rest } = counters;
      return { ...rest, droppedChars: skipped + assembler.dropped() };
    },
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
