import { parseObject } from './json-format.js';

/** A line written by a container runtime around the application's own line. */
export interface ContainerLine {
  readonly format: 'cri' | 'docker-json';
  readonly time: string;
  readonly stream: string;
  /** The runtime split a long line: more of it follows. */
  readonly partial: boolean;
  /** The application's text, without the runtime's wrapper. */
  readonly content: string;
}

/** Reads a CRI line: `2023-01-01T00:00:00.000000000Z stdout F message` (`P` marks a partial line). */
export function readCriLine(text: string): ContainerLine | undefined {
  const first = text.indexOf(' ');
  if (first < 20 || first > 40 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 84) return undefined;
  const second = text.indexOf(' ', first + 1);
  if (second < 0) return undefined;
  const stream = text.slice(first + 1, second);
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const tag = text.charCodeAt(second + 1);
  if ((tag !== 70 && tag !== 80) || (text.length > second + 2 && text.charCodeAt(second + 2) !== 32)) {
    return undefined;
  }
  return {
    format: 'cri',
    time: text.slice(0, first),
    stream,
    partial: tag === 80,
    content: text.slice(second + 3),
  };
}

/** Reads a Docker json-file line: `{"log":"message\n","stream":"stdout","time":"..."}`. */
export function readDockerLine(text: string): ContainerLine | undefined {
  if (!text.startsWith('{"log":')) return undefined;
  const value = parseObject(text);
  if (!value || typeof value.log !== 'string' || typeof value.stream !== 'string') return undefined;
  const log = value.log;
  const complete = log.endsWith('\n');
  return {
    format: 'docker-json',
    time: typeof value.time === 'string' ? value.time : '',
    stream: value.stream,
    partial: !complete,
    content: complete ? log.slice(0, log.endsWith('\r\n') ? -2 : -1) : log,
  };
}
