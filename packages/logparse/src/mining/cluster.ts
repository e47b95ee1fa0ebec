import { WILDCARD } from '../types.js';
import type { ScanResult } from './scan-result.js';
import { templateId } from './template-id.js';

/** A generalised template position: any token that starts with `prefix` and ends with `suffix`. */
export interface WildSlot {
  readonly prefix: string;
  readonly suffix: string;
}

/** A group of messages sharing one template (internal, mutable; owned by one miner). */
export class Cluster {
  /** Template tokens as first seen (masked); a generalised position is described by `wild` instead. */
  tokens: readonly string[];
  /** Per position, the slot when generalised; replaced (never mutated) so results can keep a reference. */
  wild: readonly (WildSlot | undefined)[];
  wildCount = 0;
  template = '';
  id = '';
  count = 0;
  lastSeen = 0;
  alive = true;
  /** Masked messages indexed to this group (its own and those of groups merged into it). */
  keys: string[] = [];
  /** Groups merged into this one. */
  absorbed: number[] = [];
  /**
   * A list template: a run of bare variables whose length varies is one `<*>` here, and its lines have more
   * tokens than the template (found through the miner's list index, never by `matches`).
   */
  list = false;

  constructor(
    readonly seq: number,
    tokens: readonly string[],
    wild?: readonly (WildSlot | undefined)[],
  ) {
    this.tokens = tokens;
    this.wild = wild ?? new Array<WildSlot | undefined>(tokens.length).fill(undefined);
    this.refresh();
  }

  /** Recomputes the template string, its id and the wildcard count after a change. */
  refresh(): void {
    let wildCount = 0;
    const parts = this.tokens.map((t, p) => {
      const w = this.wild[p];
      if (!w) return t;
      wildCount++;
      return w.prefix + WILDCARD + w.suffix;
    });
    this.wildCount = wildCount;
    this.template = parts.join(' ');
    this.id = templateId(this.template);
  }

  /** Text of position p as the template writes it. */
  tokenText(p: number): string {
    const w = this.wild[p];
    return w ? w.prefix + WILDCARD + w.suffix : (this.tokens[p] ?? '');
  }

  /** Whether every message of `other` (same token count) fits this template. */
  covers(other: Cluster): boolean {
    if (other.tokens.length !== this.tokens.length) return false;
    for (let p = 0; p < this.tokens.length; p++) {
      const text = other.tokenText(p);
      const w = this.wild[p];
      if (!w) {
        if (other.wild[p] !== undefined || text !== this.tokens[p]) return false;
      } else if (
        text.length < w.prefix.length + w.suffix.length ||
        !text.startsWith(w.prefix) ||
        !text.endsWith(w.suffix)
      ) {
        return false;
      }
    }
    return true;
  }

  /** Whether a scanned message (same token count) fits this template. */
  matches(r: ScanResult): boolean {
    if (r.tokenCount !== this.tokens.length) return false;
    const key = r.key;
    for (let p = 0; p < r.tokenCount; p++) {
      const a = r.keyTokStart[p] ?? 0;
      const b = r.keyTokEnd[p] ?? 0;
      const w = this.wild[p];
      if (w) {
        if (b - a < w.prefix.length + w.suffix.length) return false;
        if (!key.startsWith(w.prefix, a)) return false;
        if (!key.endsWith(w.suffix, b)) return false;
      } else {
        const t = this.tokens[p] ?? '';
        if (t.length !== b - a || !key.startsWith(t, a)) return false;
      }
    }
    return true;
  }
}
