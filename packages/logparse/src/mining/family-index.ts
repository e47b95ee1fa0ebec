import { WILDCARD } from '../types.js';
import { LETTER, flagsOf } from './char-class.js';
import type { Cluster } from './cluster.js';
import { templateMatches } from './template-matches.js';

/** Templates identical except at one position, and the distinct values seen at that position. */
export interface Family {
  readonly values: string[];
  readonly members: number[];
}

/**
 * Evidence that a position is variable: its distinct values, plus one when one value is a masked form of
 * another (`<*>:<*>` and `host:<*>`): a literal sharing a position with its masked shape is a value the
 * masking missed.
 */
export function variability(values: readonly string[]): number {
  for (const a of values) {
    if (!a.includes(WILDCARD)) continue;
    for (const b of values) if (b !== a && templateMatches(a, b)) return values.length + 1;
  }
  return values.length;
}

/** A family that just reached the generalisation threshold. */
export interface RipeFamily {
  readonly position: number;
  readonly family: Family;
  readonly key: string;
}

const SEP = '\u0001';
/** Constant tokens a family must share besides the varying one. */
const MIN_CONTEXT = 2;
/**
 * Longest template whose families are tracked. A key holds every other token, so a template of n tokens
 * costs n keys of n tokens: fine for log lines, quadratic for a dump of thousands of words on one line
 * (4,000 tokens took 12 s and 1.7 GB). Longer templates keep their own positions.
 */
export const MAX_FAMILY_TOKENS = 128;

/**
 * Tracks, for every template and every position, the sibling templates that differ only there. When a
 * position has taken `threshold` distinct values it is a variable the masking missed (user names, host
 * names, words), and the siblings should merge; fewer values are kept apart, because small closed sets
 * (states, directions, begin/end) are constants that tell events apart.
 */
export class FamilyIndex {
  readonly families = new Map<string, Family>();

  constructor(
    private readonly threshold: number,
    private readonly maxFamilies: number,
  ) {}

  /**
   * Registers a template, new or just generalised (its positions as the template writes them, so that a
   * generalised template joins the families of the templates it now resembles); returns the first family
   * that became ripe.
   */
  add(cluster: Cluster): RipeFamily | undefined {
    if (cluster.tokens.length > MAX_FAMILY_TOKENS) return undefined;
    const tokens = cluster.tokens.map((_, p) => cluster.tokenText(p));
    let ripe: RipeFamily | undefined;
    let context = 0;
    for (const t of tokens) if (isContext(t)) context++;
    // The first token names the event far more often than it holds a value (a value there is almost
    // always masked already), and a family needs constant context around the varying word: in "running"
    // or "boot (command <*>)" the word that varies IS the event.
    for (let p = 1; p < tokens.length; p++) {
      if (context - (isContext(tokens[p] ?? '') ? 1 : 0) < MIN_CONTEXT) continue;
      const value = tokens[p] ?? '';
      const key = familyKey(tokens, p);
      let family = this.families.get(key);
      if (!family) {
        family = { values: [], members: [] };
        this.families.set(key, family);
      }
      if (!family.members.includes(cluster.seq)) family.members.push(cluster.seq);
      if (!family.values.includes(value) && family.values.length < this.threshold) family.values.push(value);
      if (!ripe && family.values.length > 1 && variability(family.values) >= this.threshold)
        ripe = { position: p, family, key };
    }
    // Two neighbouring positions that hold items of one list: with the rest fixed, each may take fewer
    // values than the threshold (three tags out of five leave three for the last), so the pairs are counted.
    for (let p = 1; p + 1 < tokens.length; p++) {
      const own = (isContext(tokens[p] ?? '') ? 1 : 0) + (isContext(tokens[p + 1] ?? '') ? 1 : 0);
      if (context - own < MIN_CONTEXT) continue;
      const key = pairKey(tokens, p);
      let family = this.families.get(key);
      if (!family) {
        family = { values: [], members: [] };
        this.families.set(key, family);
      }
      const value = `${tokens[p] ?? ''} ${tokens[p + 1] ?? ''}`;
      if (!family.members.includes(cluster.seq)) family.members.push(cluster.seq);
      if (!family.values.includes(value) && family.values.length < this.threshold) family.values.push(value);
      if (!ripe && family.values.length >= this.threshold && coVary(family.values))
        ripe = { position: p, family, key };
    }
    this.trim();
    return ripe;
  }

  /** Forgets a family once it has been acted on. */
  delete(ripe: RipeFamily): void {
    this.families.delete(ripe.key);
  }

  private trim(): void {
    if (this.families.size <= this.maxFamilies) return;
    for (const key of this.families.keys()) {
      this.families.delete(key);
      if (this.families.size <= this.maxFamilies) break;
    }
  }
}

/**
 * Whether a token is constant context for its neighbours: any token without a variable, and a token whose
 * variable comes with a name (`items=<*>`, `took=<*>ms`, `core.<*>`): the name is constant text that
 * describes the event as well as a constant word does. A bare variable (`<*>`, `<*>)`) is not context.
 */
function isContext(token: string): boolean {
  if (!token.includes(WILDCARD)) return true;
  for (let i = 0; i < token.length; i++) if (flagsOf(token.charCodeAt(i)) & LETTER) return true;
  return false;
}

/**
 * Whether the pairs of a two-position family are values that vary together: both positions vary, and either
 * they hold items of one list (some word appears in both: `red big`, `big green`) or both are values of
 * fixed keys (`name=android ws=WorkSource{…}`, `name=com.android.systemui ws=null`). Two positions with words
 * of their own (`illegal instruction`, `trap instruction`) name events instead.
 */
function coVary(pairs: readonly string[]): boolean {
  const first = new Set(pairs.map((v) => v.slice(0, v.indexOf(' '))));
  const second = new Set(pairs.map((v) => v.slice(v.indexOf(' ') + 1)));
  if (first.size < 2 || second.size < 2) return false;
  if (sameKey(first) && sameKey(second)) return true;
  for (const w of first) if (second.has(w)) return true;
  return false;
}

/** Whether every token is `key=value` with one and the same key. */
function sameKey(tokens: ReadonlySet<string>): boolean {
  let key: string | undefined;
  for (const t of tokens) {
    const eq = t.indexOf('=');
    if (eq <= 0) return false;
    const k = t.slice(0, eq);
    if (key !== undefined && k !== key) return false;
    key = k;
  }
  return true;
}

function pairKey(tokens: readonly string[], p: number): string {
  let key = `${tokens.length}${SEP}${p}+`;
  for (let q = 0; q < tokens.length; q++) if (q !== p && q !== p + 1) key += SEP + (tokens[q] ?? '');
  return key;
}

function familyKey(tokens: readonly string[], p: number): string {
  let key = tokens.length + SEP + p;
  for (let q = 0; q < tokens.length; q++) if (q !== p) key += SEP + (tokens[q] ?? '');
  return key;
}
