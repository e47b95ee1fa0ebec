import { Cluster, type WildSlot } from './cluster.js';
import { MinerState } from './miner-state.js';
import type { ClusterSnapshot, MinerSnapshot, ResolvedMinerOptions } from './miner-types.js';

/** The only snapshot version this code reads and writes. */
export const SNAPSHOT_VERSION = 1;

/** A snapshot that cannot be restored: unknown version or malformed content. */
export class MinerSnapshotError extends Error {
  override readonly name = 'MinerSnapshotError';
  constructor(
    message: string,
    readonly code: 'UNSUPPORTED_VERSION' | 'INVALID_SNAPSHOT',
  ) {
    super(message);
  }
}

/** Serializes a learning state as plain JSON data. */
export function snapshotOf(state: MinerState): MinerSnapshot {
  const clusters: ClusterSnapshot[] = [...state.live.values()]
    .sort((a, b) => a.seq - b.seq)
    .map((c) => ({
      seq: c.seq,
      tokens: [...c.tokens],
      wild: c.wild.flatMap((w, p) => (w ? [[p, w.prefix, w.suffix] as const] : [])),
      count: c.count,
      lastSeen: c.lastSeen,
      keys: [...c.keys],
      absorbed: [...c.absorbed],
    }));
  return {
    version: SNAPSHOT_VERSION,
    options: { ...state.options },
    tick: state.tick,
    nextSeq: state.nextSeq,
    counters: {
      created: state.created,
      generalised: state.generalised,
      merged: state.merged,
      evictions: state.evictions,
    },
    clusters,
    forward: [...state.forward.entries()],
    families: [...state.families.families.entries()].map(
      ([k, f]) => [k, [...f.values], [...f.members]] as const,
    ),
  };
}

/** Rebuilds a learning state from a snapshot (checked field by field, never trusted). */
export function stateFromSnapshot(input: unknown, options?: ResolvedMinerOptions): MinerState {
  if (!isRecord(input)) throw invalid('not an object');
  if (input.version !== SNAPSHOT_VERSION) {
    throw new MinerSnapshotError(
      `unsupported miner snapshot version ${JSON.stringify(input.version)}; this version reads only version ${SNAPSHOT_VERSION}`,
      'UNSUPPORTED_VERSION',
    );
  }
  const o = isRecord(input.options) ? input.options : {};
  const state = new MinerState(
    options ?? {
      maxTemplates: int(o.maxTemplates, 'options.maxTemplates'),
      generaliseAfter: int(o.generaliseAfter, 'options.generaliseAfter'),
      cacheSize: int(o.cacheSize, 'options.cacheSize'),
    },
  );
  state.tick = int(input.tick, 'tick');
  state.nextSeq = int(input.nextSeq, 'nextSeq');
  const counters = isRecord(input.counters) ? input.counters : {};
  state.created = int(counters.created, 'counters.created');
  state.generalised = int(counters.generalised, 'counters.generalised');
  state.merged = int(counters.merged, 'counters.merged');
  state.evictions = int(counters.evictions, 'counters.evictions');
  for (const raw of array(input.clusters, 'clusters')) state.index(clusterFrom(raw));
  for (const pair of array(input.forward, 'forward')) {
    const [from, to] = array(pair, 'forward entry');
    state.forward.set(int(from, 'forward entry'), int(to, 'forward entry'));
  }
  for (const entry of array(input.families, 'families')) {
    const [key, values, members] = array(entry, 'family');
    if (typeof key !== 'string') throw invalid('family key');
    state.families.families.set(key, {
      values: array(values, 'family values').map((v) => str(v, 'family value')),
      members: array(members, 'family members').map((m) => int(m, 'family member')),
    });
  }
  return state;
}

function clusterFrom(raw: unknown): Cluster {
  if (!isRecord(raw)) throw invalid('cluster');
  const tokens = array(raw.tokens, 'cluster tokens').map((t) => str(t, 'cluster token'));
  const wild: (WildSlot | undefined)[] = new Array<WildSlot | undefined>(tokens.length).fill(undefined);
  for (const w of array(raw.wild, 'cluster wild')) {
    const [p, prefix, suffix] = array(w, 'wild slot');
    const pos = int(p, 'wild position');
    if (pos >= tokens.length) throw invalid('wild position out of range');
    wild[pos] = { prefix: str(prefix, 'wild prefix'), suffix: str(suffix, 'wild suffix') };
  }
  const c = new Cluster(int(raw.seq, 'cluster seq'), tokens, wild);
  c.count = int(raw.count, 'cluster count');
  c.lastSeen = int(raw.lastSeen, 'cluster lastSeen');
  c.keys = array(raw.keys, 'cluster keys').map((k) => str(k, 'cluster key'));
  c.absorbed = array(raw.absorbed, 'cluster absorbed').map((s) => int(s, 'absorbed group'));
  return c;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw invalid(`${what} must be an array`);
  return v as unknown[];
}

function int(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw invalid(`${what} must be a non-negative integer`);
  return v;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw invalid(`${what} must be a string`);
  return v;
}

function invalid(what: string): MinerSnapshotError {
  return new MinerSnapshotError(`invalid miner snapshot: ${what}`, 'INVALID_SNAPSHOT');
}
