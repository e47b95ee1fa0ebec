import { describeContributions } from '../explanation.js';
import { Random } from '../random.js';
import type { TemplateIndex } from '../template-index.js';
import type { RawFinding, SessionView } from '../session-view.js';
import { deviations } from '../session-view.js';

type Vector = ReadonlyMap<number, number>;
type Node =
  { leaf: true; size: number } | { leaf: false; slot: number; split: number; left: Node; right: Node };

/** Options of `IsolationForest`. */
export interface IsolationForestOptions {
  /** Trees in the forest. @default 100 */
  readonly trees?: number;
  /** Sub-sample per tree (ψ in Liu et al.). @default 256 */
  readonly sampleSize?: number;
  /** Vectors kept by reservoir sampling; the forest is rebuilt from them. @default 2048 */
  readonly reservoir?: number;
  readonly seed?: number;
}

/** Serialised form of `IsolationForest`. */
export interface IsolationForestState {
  readonly seen: number;
  readonly rng: number;
  readonly reservoir: readonly (readonly (readonly [number, number])[])[];
  readonly builtAt: number;
  readonly forest: readonly NodeState[];
  readonly calibration: readonly number[];
}

/** A tree node as JSON: `[size]` for a leaf, `[slot, split, left, right]` otherwise. */
export type NodeState = readonly [number] | readonly [number, number, NodeState, NodeState];

function nodeToJSON(n: Node): NodeState {
  return n.leaf ? [n.size] : [n.slot, n.split, nodeToJSON(n.left), nodeToJSON(n.right)];
}

function nodeFromJSON(s: NodeState): Node {
  if (s.length === 1) return { leaf: true, size: s[0] };
  return { leaf: false, slot: s[0], split: s[1], left: nodeFromJSON(s[2]), right: nodeFromJSON(s[3]) };
}

/** Average path length of an unsuccessful BST search, c(n) in Liu et al. */
function averagePath(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649) - (2 * (n - 1)) / n;
}

/**
 * Isolation Forest (Liu, Ting, Zhou 2008) over template count vectors, for comparison and optional ensembling.
 * Incremental through a reservoir sample: the forest is rebuilt from it when the learned volume has grown by
 * half, and scores are calibrated against the reservoir's own scores.
 */
export class IsolationForest {
  private readonly trees: number;
  private readonly sampleSize: number;
  private readonly capacity: number;
  private readonly seed: number;
  private reservoir: Vector[] = [];
  private seen = 0;
  private rng: Random;
  private forest: Node[] = [];
  private calibration: number[] = [];
  private builtAt = 0;

  constructor(options: IsolationForestOptions = {}, state?: IsolationForestState) {
    this.trees = options.trees ?? 100;
    this.sampleSize = options.sampleSize ?? 256;
    this.capacity = options.reservoir ?? 2048;
    this.seed = options.seed ?? 42;
    this.rng = new Random(state?.rng ?? this.seed);
    if (state) {
      this.seen = state.seen;
      this.reservoir = state.reservoir.map((pairs) => new Map(pairs));
      this.builtAt = state.builtAt;
      this.forest = state.forest.map(nodeFromJSON);
      this.calibration = [...state.calibration];
    }
  }

  /** Adds a session's count vector to the reservoir. */
  learn(view: SessionView): void {
    this.seen++;
    if (this.reservoir.length < this.capacity) this.reservoir.push(view.counts);
    else {
      const j = this.rng.int(this.seen);
      if (j < this.capacity) this.reservoir[j] = view.counts;
    }
  }

  /** Anomaly score s(x) = 2^(−E[h(x)]/c(ψ)) and its p-value among the reservoir. */
  score(
    view: SessionView,
    index: TemplateIndex,
    expectedOf: (slot: number) => number,
    common: number[],
  ): RawFinding {
    this.refreshIfStale();
    const s = this.rawScore(view.counts);
    let above = 0;
    for (const c of this.calibration) if (c >= s) above++;
    const p = this.calibration.length === 0 ? 1 : (above + 0.5) / (this.calibration.length + 1);
    const contributions = deviations(view, index, expectedOf, common);
    return {
      kind: 'isolation-forest',
      pValue: Math.min(1, p),
      contributions,
      explanation: `Session ${view.key} is isolated quickly by an isolation forest (score ${s.toFixed(2)}): ${describeContributions(contributions)}.`,
    };
  }

  /** Raw isolation score in [0, 1]. */
  rawScore(x: Vector): number {
    if (this.forest.length === 0) return 0.5;
    let h = 0;
    for (const t of this.forest) h += this.pathLength(t, x, 0);
    const psi = Math.min(this.sampleSize, this.reservoir.length);
    return Math.pow(2, -(h / this.forest.length) / Math.max(averagePath(psi), 1e-9));
  }

  private refreshIfStale(): void {
    if (this.reservoir.length === 0 || (this.forest.length > 0 && this.seen < this.builtAt * 1.5)) return;
    // Built from a generator seeded by the volume, so a restored snapshot rebuilds the same forest.
    const rng = new Random(this.seed ^ this.seen);
    const psi = Math.min(this.sampleSize, this.reservoir.length);
    const limit = Math.ceil(Math.log2(Math.max(psi, 2)));
    this.forest = [];
    for (let t = 0; t < this.trees; t++) {
      const sample: Vector[] = [];
      for (let i = 0; i < psi; i++) sample.push(this.reservoir[rng.int(this.reservoir.length)] ?? new Map());
      this.forest.push(this.build(sample, 0, limit, rng));
    }
    this.builtAt = this.seen;
    this.calibration = this.reservoir.map((x) => this.rawScore(x));
  }

  private build(sample: Vector[], depth: number, limit: number, rng: Random): Node {
    if (depth >= limit || sample.length <= 1) return { leaf: true, size: sample.length };
    const slots = new Set<number>();
    for (const x of sample) for (const k of x.keys()) slots.add(k);
    const candidates = [...slots];
    for (let attempt = 0; attempt < 8 && candidates.length > 0; attempt++) {
      const slot = candidates[rng.int(candidates.length)] ?? 0;
      let min = Infinity;
      let max = -Infinity;
      for (const x of sample) {
        const v = x.get(slot) ?? 0;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max <= min) continue;
      const split = min + rng.next() * (max - min);
      const left = sample.filter((x) => (x.get(slot) ?? 0) < split);
      const right = sample.filter((x) => (x.get(slot) ?? 0) >= split);
      return {
        leaf: false,
        slot,
        split,
        left: this.build(left, depth + 1, limit, rng),
        right: this.build(right, depth + 1, limit, rng),
      };
    }
    return { leaf: true, size: sample.length };
  }

  private pathLength(node: Node, x: Vector, depth: number): number {
    if (node.leaf) return depth + averagePath(node.size);
    return this.pathLength((x.get(node.slot) ?? 0) < node.split ? node.left : node.right, x, depth + 1);
  }

  /** Plain JSON state. */
  toJSON(): IsolationForestState {
    return {
      seen: this.seen,
      rng: this.rng.state,
      reservoir: this.reservoir.map((m) => [...m]),
      builtAt: this.builtAt,
      forest: this.forest.map(nodeToJSON),
      calibration: this.calibration,
    };
  }
}
