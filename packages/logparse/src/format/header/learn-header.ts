import type { TimestampParser } from '../timestamp.js';
import { HeaderFields } from './header-fields.js';
import { compileHeaderScanner } from './header-matcher.js';
import type { ColumnRole, HeaderColumn, HeaderSchema } from './header-schema.js';
import { refineDigitColumn } from './refine-column.js';
import { classifyToken, isClosingKind, isStrongKind, type TokenKind } from './token-kind.js';
import { tokenize, type Token } from './tokenize.js';

const MAX_COLUMNS = 16;
/** Share of anchored lines that must agree for a column to count as part of the header. */
const AGREEMENT = 0.9;
const TIMESTAMP_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'datetime',
  'date',
  'time',
  'month',
  'weekday',
  'day',
  'year',
  'zone',
  'glog',
]);

/** Kinds that extend a header past its last timestamp or level column. */
const FIELD_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'bracket',
  'punct',
  'digits',
  'zone',
  'level',
  'letter',
]);

/** Per-column view of the sample: the dominant kind and how often lines agree with it. */
interface ColumnStats {
  readonly kind: TokenKind;
  readonly agreement: number;
  readonly wideGap: number;
  readonly bracket: boolean;
  /** The agreeing values of a `digits` column (empty for other kinds). */
  readonly values: readonly string[];
}

/**
 * Learns a header from sample lines: tokenize, classify tokens, and keep the longest run of columns whose
 * kinds agree across most lines, ending at the last timestamp/level column plus the fields that close a
 * header (component `name:`, caller `file.go:12`, brackets, numbers, separators, wide-gap columns).
 * Undefined when the lines share no timestamp or level column.
 */
export function learnHeader(lines: readonly string[], parse: TimestampParser): HeaderSchema | undefined {
  const rows: { line: string; tokens: Token[]; kinds: TokenKind[] }[] = [];
  for (const line of lines) {
    const tokens = tokenize(line, MAX_COLUMNS);
    if (tokens.length > 0)
      rows.push({ line, tokens, kinds: tokens.map((t) => classifyToken(line, t, parse)) });
  }
  if (rows.length === 0) return undefined;
  const firstKind = columnKind(rows.map((r) => r.kinds[0]));
  const anchored = rows.filter((r) => agrees(r.kinds[0], firstKind));
  if (anchored.length < rows.length / 2) return undefined;

  const stats: ColumnStats[] = [];
  for (let c = 0; c < MAX_COLUMNS; c++) {
    const kind = columnKind(anchored.map((r) => r.kinds[c]));
    if (kind === undefined) break;
    // One pass per column (learning runs again whenever a source's lines stop matching its header).
    let agreeing = 0;
    let wide = 0;
    let bracket = true;
    // Only digit columns are refined from their values.
    const values: string[] = [];
    for (const r of anchored) {
      const token = r.tokens[c];
      if (isWideGap(r.line, token)) wide++;
      if (!agrees(r.kinds[c], kind)) continue;
      agreeing++;
      bracket &&= token!.bracket;
      if (kind === 'digits' && r.kinds[c] !== 'nil') values.push(r.line.slice(token!.start, token!.end));
    }
    stats.push({
      kind,
      agreement: agreeing / anchored.length,
      wideGap: wide / anchored.length,
      bracket,
      values,
    });
  }
  const kinds = refineKinds(stats);
  const end = headerEnd(stats, kinds);
  if (end < 0) return undefined;
  const schema = buildSchema(stats.slice(0, end + 1), kinds.slice(0, end + 1));
  const scan = compileHeaderScanner(schema, parse);
  const fields = new HeaderFields();
  const matched = rows.filter((r) => scan(r.line, fields) >= 0).length;
  return { ...schema, coverage: matched / rows.length };
}

function refineKinds(stats: readonly ColumnStats[]): TokenKind[] {
  const kinds = stats.map((s) => s.kind);
  for (let c = 0; c < stats.length; c++) {
    const s = stats[c]!;
    if (s.kind !== 'digits' || s.agreement < AGREEMENT) continue;
    const refined = refineDigitColumn(
      s.values,
      kinds[c - 1],
      stats[c + 1]?.kind === 'digits' ? stats[c + 1]!.values : undefined,
      kinds[c + 1],
    );
    if (refined) {
      kinds[c] = refined.self;
      if (refined.next) kinds[c + 1] = refined.next;
    }
  }
  return kinds;
}

function headerEnd(stats: readonly ColumnStats[], kinds: readonly TokenKind[]): number {
  // A header has one level: a later level-like column is a word of repetitive messages ("... error corrected").
  let lastStrong = -1;
  let levelSeen = false;
  for (let c = 0; c < stats.length; c++) {
    const kind = kinds[c]!;
    if (stats[c]!.agreement < AGREEMENT || !isStrongKind(kind)) continue;
    const isLevel = kind === 'level' || kind === 'letter' || kind === 'glog';
    if (isLevel && levelSeen) continue;
    levelSeen ||= isLevel;
    lastStrong = c;
  }
  if (lastStrong < 0) return -1;
  let end = lastStrong;
  let closed = isClosingKind(kinds[end]!);
  let sawLevel = false;
  for (let c = 0; c <= end; c++)
    if (kinds[c] === 'level' || kinds[c] === 'letter' || kinds[c] === 'glog') sawLevel = true;
  let pendingWords = 0;
  for (let c = end + 1; c < stats.length && stats[c]!.agreement >= AGREEMENT; c++) {
    const kind = kinds[c]!;
    if (closed) {
      if (kind !== 'punct') break;
      end = c;
    } else if (isClosingKind(kind)) {
      end = c;
      closed = true;
      pendingWords = 0;
    } else if (kind === 'word') {
      if (pendingWords === 0 && sawLevel && closesWithSeparator(stats, kinds, c)) {
        // Logback's `LEVEL logger - message`: the logger closes the header, the dash separates.
        end = c + 1;
        closed = true;
        c++;
      } else if (pendingWords === 0 && stats[c]!.wideGap >= AGREEMENT) end = c;
      else if (
        !sawLevel &&
        pendingWords < 2 &&
        (pendingWords > 0 || c === lastStrong + 1) &&
        endsClock(kinds[lastStrong]!)
      ) {
        // Syslog-like: a host name between the timestamp and the `program[pid]:` component.
        pendingWords++;
      } else break;
    } else if (pendingWords > 0) break;
    else if (FIELD_KINDS.has(kind) || TIMESTAMP_KINDS.has(kind)) {
      end = c;
    } else break;
  }
  return end;
}

/** Whether word column `c` is followed by an agreeing separator column (`com.shop.Orders -`). */
function closesWithSeparator(stats: readonly ColumnStats[], kinds: readonly TokenKind[], c: number): boolean {
  return kinds[c + 1] === 'punct' && (stats[c + 1]?.agreement ?? 0) >= AGREEMENT;
}

function endsClock(kind: TokenKind): boolean {
  return kind === 'time' || kind === 'datetime';
}

function buildSchema(stats: readonly ColumnStats[], kinds: readonly TokenKind[]): HeaderSchema {
  const timestamp = timestampRange(kinds);
  const levelAt = kinds.findIndex((k) => k === 'level' || k === 'letter' || k === 'glog');
  let componentAt = kinds.findIndex(isClosingKind);
  if (componentAt < 0 && levelAt >= 0 && levelAt === kinds.length - 2 && kinds[levelAt + 1] === 'word') {
    componentAt = levelAt + 1;
  }
  // `LEVEL logger -`: a word between the level and a closing separator.
  if (componentAt < 0 && levelAt >= 0 && levelAt < kinds.length - 2 && kinds.at(-1) === 'punct') {
    if (kinds.at(-2) === 'word') componentAt = kinds.length - 2;
  }
  let digitNames = ['pid', 'tid'];
  let bracketNames = ['thread'];
  const columns: HeaderColumn[] = kinds.map((kind, c) => {
    let role: ColumnRole = 'attribute';
    let name = `field${c}`;
    if (timestamp && c >= timestamp.first && c <= timestamp.last) role = 'timestamp';
    else if (c === levelAt) role = 'level';
    else if (c === componentAt) role = 'component';
    else if (kind === 'punct') role = 'separator';
    else if (kind === 'digits' && digitNames.length > 0)
      [name, ...digitNames] = digitNames as [string, ...string[]];
    else if (kind === 'bracket' && bracketNames.length > 0)
      [name, ...bracketNames] = bracketNames as [string, ...string[]];
    else if (kind === 'word' && componentAt > c && (timestamp?.last ?? -1) < c) name = 'host';
    else if (TIMESTAMP_KINDS.has(kind) || kind === 'epoch') name = `time${c}`;
    return { kind, role, name, bracket: stats[c]!.bracket };
  });
  return { columns, timestamp, coverage: 1 };
}

/** The most precise run of adjacent timestamp columns: one with a time of day beats epoch beats a bare date. */
function timestampRange(kinds: readonly TokenKind[]): { first: number; last: number } | undefined {
  let best: { first: number; last: number } | undefined;
  let bestScore = 0;
  for (let c = 0; c < kinds.length; c++) {
    const kind = kinds[c]!;
    if (kind === 'epoch') {
      if (bestScore < 2) [best, bestScore] = [{ first: c, last: c }, 2];
      continue;
    }
    if (!TIMESTAMP_KINDS.has(kind) || kind === 'zone' || kind === 'year') continue;
    let last = c;
    while (last + 1 < kinds.length && TIMESTAMP_KINDS.has(kinds[last + 1]!)) last++;
    const run = kinds.slice(c, last + 1);
    const score = run.some((k) => k === 'time' || k === 'datetime') ? 3 : 1;
    if (score > bestScore) [best, bestScore] = [{ first: c, last }, score];
    c = last;
  }
  return best;
}

/** The kind of a column: its most common kind, not counting `-` placeholders (all `-` is a separator). */
function columnKind(kinds: readonly (TokenKind | undefined)[]): TokenKind | undefined {
  const kind = dominant(kinds.filter((k) => k !== 'nil'));
  if (kind === undefined) return kinds.some((k) => k === 'nil') ? 'punct' : undefined;
  return kind;
}

function agrees(kind: TokenKind | undefined, column: TokenKind | undefined): boolean {
  return kind === column || (kind === 'nil' && (column === 'punct' || NULLABLE.has(column!)));
}

const NULLABLE: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'word',
  'digits',
  'bracket',
  'component',
  'caller',
]);

function dominant<T>(values: readonly (T | undefined)[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount) [best, bestCount] = [v, n];
  return best;
}

/** Two or more blanks or a tab after a token: the spacing of aligned columns, rare inside prose. */
function isWideGap(line: string, token: Token | undefined): boolean {
  return token !== undefined && (token.gap >= 2 || line.charCodeAt(token.end) === 9);
}
