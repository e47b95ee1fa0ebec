/**
 * Contracts shared by the stages of the parsing engine. Every stage is pure: it takes text or records and
 * returns new values, so the same code runs inline in the parser service and in `loglens analyze`.
 */

/** Normalised severity, whatever the source called it. */
export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'unknown';

/** One logical record after framing: a line, or several lines joined (stack traces, continuations). */
export interface LogRecord {
  /** The record's text, without its line terminator; continuation lines joined with '\n'. */
  readonly text: string;
  /** 1-based number of the first physical line of the record in its stream. */
  readonly lineNumber: number;
  /** Physical lines joined into this record (1 for a single line). */
  readonly lineCount: number;
  /** The record was longer than the cap and was cut. */
  readonly truncated: boolean;
  /** Invalid UTF-8 sequences replaced with U+FFFD in this record. */
  readonly invalidUtf8: number;
}

/** Known outer shapes of a log line. */
export type FormatKind =
  | 'json'
  | 'logfmt'
  | 'syslog-rfc3164'
  | 'syslog-rfc5424'
  | 'cri'
  | 'docker-json'
  | 'access-log'
  | 'apache-error'
  | 'text-header'
  | 'plain';

/** A record split into header fields and the free-text message that templates are mined from. */
export interface ParsedRecord {
  /** Epoch milliseconds, when a timestamp was found. */
  readonly timestamp?: number;
  readonly level: Level;
  readonly component?: string;
  /** Free text that template mining works on (the header removed). */
  readonly message: string;
  /** Structured fields found in the header or the body (JSON keys, logfmt pairs, syslog fields...). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly traceId?: string;
  readonly format: FormatKind;
}

/** The kind of value a template parameter holds. */
export type ParamType =
  | 'number'
  | 'hex'
  | 'ipv4'
  | 'ipv6'
  | 'ip-port'
  | 'path'
  | 'url'
  | 'uuid'
  | 'duration'
  | 'size'
  | 'datetime'
  | 'email'
  | 'quoted'
  | 'id'
  | 'redacted'
  | 'word'
  /** A run of values whose length varies (`blk_1 blk_2 blk_3`), as one parameter of a list template. */
  | 'list';

/** One value a `<*>` stood for in a message. */
export interface TemplateParam {
  readonly type: ParamType;
  readonly value: string;
}

/** The wildcard written in templates, as Loghub's ground truth writes it. */
export const WILDCARD = '<*>';
