import { Cluster, type WildSlot } from './cluster.js';
import { FamilyIndex, type RipeFamily } from './family-index.js';
import { keyTokenCount, listKeyOf } from './list-key.js';
import type { ResolvedMinerOptions, TemplateChange } from './miner-types.js';
import type { ScanResult } from './scan-result.js';
import { commonSlot } from './wild-slot.js';

/** An entry of the hash table of masked messages. */
interface HashSlot {
  readonly hash: number;
  /** The masked message, two code units per word (compared with the scan's without building a string). */
  readonly words: Uint32Array;
  readonly length: number;
  readonly cluster: Cluster;
  /** The table's generation when the entry was written: entries of older generations are cleared. */
  readonly generation: number;
}

/** Families kept per live template: enough for every position of typical messages. */
const FAMILIES_PER_TEMPLATE = 16;

/**
 * The learning state of a miner: groups, their indexes and the rules that create, generalise, merge and
 * evict them. Pure and deterministic: the same inputs in the same order give the same state.
 */
export class MinerState {
  readonly live = new Map<number, Cluster>();
  /** Masked message → group, for every masked message that created a group. */
  readonly keyIndex = new Map<string, number>();
  /** Masked message → group it matched through a wildcard; only a cache, cleared whenever templates change. */
  readonly cache = new Map<string, number>();
  /**
   * Direct-mapped table: hash of a masked message → that message and its group. The hot path looks here
   * first and compares the message with the scan, so no key string is built and no Map is probed. Only a
   * cache: verified on every hit, overwritten on collision, cleared whenever templates change.
   */
  private readonly hashSlots: (HashSlot | undefined)[];
  private readonly hashMask: number;
  /** Bumped to clear `hashSlots` at once (learning clears it often, and it has 65,536 slots). */
  private hashGeneration = 0;
  /** Generalised groups by token count, oldest first: the only ones a new masked message can fit. */
  readonly wildByLen = new Map<number, Cluster[]>();
  /** Every live group by token count: the ones a newly generalised template may cover. */
  private readonly liveByLen = new Map<number, Set<Cluster>>();
  /** List key (runs of bare variables as one) → the group of the first masked message that had it. */
  private readonly listIndex = new Map<string, number>();
  readonly templateIndex = new Map<string, number>();
  readonly forward = new Map<number, number>();
  readonly families: FamilyIndex;
  /** The last `find` had to search the generalised templates. */
  private viaWildcard = false;
  tick = 0;
  nextSeq = 1;
  created = 0;
  generalised = 0;
  merged = 0;
  evictions = 0;

  constructor(readonly options: ResolvedMinerOptions) {
    const size = 2 ** Math.max(4, Math.ceil(Math.log2(Math.max(1, options.cacheSize))));
    this.hashMask = size - 1;
    this.hashSlots = new Array<HashSlot | undefined>(size).fill(undefined);
    this.families = new FamilyIndex(options.generaliseAfter, options.maxTemplates * FAMILIES_PER_TEMPLATE);
  }

  /** The group a scanned message fits, without learning. */
  find(r: ScanResult): Cluster | undefined {
    this.viaWildcard = false;
    const hit = this.hashSlots[r.hash & this.hashMask];
    if (
      hit !== undefined &&
      hit.hash === r.hash &&
      hit.generation === this.hashGeneration &&
      r.keyEquals(hit.words, hit.length)
    ) {
      return hit.cluster;
    }
    const key = r.key;
    const seq = this.keyIndex.get(key) ?? this.cache.get(key);
    if (seq !== undefined) {
      const c = this.live.get(seq);
      if (c) this.rememberHash(r, c);
      return c;
    }
    this.viaWildcard = true;
    const candidates = this.wildByLen.get(r.tokenCount);
    if (candidates) for (const c of candidates) if (c.matches(r)) return c;
    const listed = this.listed(key);
    return listed?.list ? listed : undefined;
  }

  /** The group a masked message's list key points at, if any. */
  private listed(key: string): Cluster | undefined {
    const listKey = listKeyOf(key);
    const seq = listKey === undefined ? undefined : this.listIndex.get(listKey);
    return seq === undefined ? undefined : this.resolve(seq);
  }

  /** Change caused by the last `learn`, if any (a field, so the hot path allocates nothing). */
  lastChange: TemplateChange | undefined;

  /** Finds or learns the group of a scanned message; the change it caused is left in `lastChange`. */
  learn(r: ScanResult): Cluster {
    this.tick++;
    let cluster = this.find(r);
    let change: TemplateChange | undefined;
    let listed: { cluster: Cluster; change: TemplateChange | undefined } | undefined;
    if (cluster) {
      if (this.viaWildcard) {
        // Remember it so that the next identical masked message skips the search.
        this.remember(r.key, cluster.seq);
        this.rememberHash(r, cluster);
      }
    } else if ((listed = this.joinList(r))) {
      cluster = listed.cluster;
      change = listed.change;
    } else {
      const tokens: string[] = new Array<string>(r.tokenCount);
      for (let p = 0; p < r.tokenCount; p++) tokens[p] = r.key.slice(r.keyTokStart[p], r.keyTokEnd[p]);
      cluster = this.create(tokens, r.key);
      change = { kind: 'created', templateId: cluster.id, template: cluster.template };
      // A generalised template joins the families of the templates it now resembles, which may ripen in
      // turn (user=<*> first, then a second varying word of the same events). Each round generalises a
      // position, so the rounds are bounded by the token count.
      let ripe = this.families.add(cluster);
      for (let round = 0; ripe && round < tokens.length; round++) {
        const g = this.generalise(ripe);
        if (!g) break;
        change = g.change;
        cluster = g.cluster;
        ripe = this.families.add(cluster);
      }
    }
    cluster.count++;
    cluster.lastSeen = this.tick;
    if (this.live.size > this.options.maxTemplates) this.evict();
    this.lastChange = change;
    return cluster;
  }

  /**
   * A message that fits no group but shares its list key with one whose run of bare variables had another
   * length: that run is a list, so the group becomes a list template (the run written as one `<*>`) and the
   * message joins it. Groups generalised by families keep their positions and are left alone.
   */
  private joinList(r: ScanResult): { cluster: Cluster; change: TemplateChange | undefined } | undefined {
    const key = r.key;
    const c = this.listed(key);
    if (!c || c.wildCount > 0) return undefined;
    const listKey = listKeyOf(key) ?? key;
    let target = c;
    let change: TemplateChange | undefined;
    if (!c.list) {
      const previousId = c.id;
      this.unindex(c);
      c.tokens = listKey.split(' ');
      c.wild = new Array<WildSlot | undefined>(c.tokens.length).fill(undefined);
      c.list = true;
      c.refresh();
      this.clearCaches();
      const other = this.indexFindingTwin(c);
      if (other) {
        // The run had one value in the twin's lines: the same template, so one group.
        const [older, younger] = other.seq < c.seq ? [other, c] : [c, other];
        older.list = true;
        target = this.mergeInto(older, [older, younger], -1).cluster;
      }
      if (target.id !== previousId || target !== c) {
        change = {
          kind: 'generalised',
          templateId: target.id,
          template: target.template,
          previousId,
          mergedIds: [],
        };
      }
    }
    target.keys.push(key);
    this.keyIndex.set(key, target.seq);
    this.rememberHash(r, target);
    return { cluster: target, change };
  }

  /** Current group of a group number, following merges. */
  resolve(seq: number): Cluster | undefined {
    let s = seq;
    for (let next = this.forward.get(s); next !== undefined; next = this.forward.get(s)) s = next;
    return this.live.get(s);
  }

  /** Adds a group to every index (used when learning and when restoring). */
  index(c: Cluster): void {
    this.live.set(c.seq, c);
    for (const k of c.keys) {
      const listKey = listKeyOf(k);
      if (listKey !== undefined && !this.listIndex.has(listKey)) this.listIndex.set(listKey, c.seq);
      // A group holding a message of another token count is a list template (restored from a snapshot).
      if (keyTokenCount(k) !== c.tokens.length) c.list = true;
    }
    const sameLength = this.liveByLen.get(c.tokens.length) ?? new Set<Cluster>();
    sameLength.add(c);
    this.liveByLen.set(c.tokens.length, sameLength);
    for (const k of c.keys) this.keyIndex.set(k, c.seq);
    this.templateIndex.set(c.template, c.seq);
    if (c.wildCount > 0) this.addWild(c);
  }

  private create(tokens: string[], key: string): Cluster {
    const c = new Cluster(this.nextSeq++, tokens);
    c.keys.push(key);
    this.index(c);
    this.created++;
    return c;
  }

  private remember(key: string, seq: number): void {
    if (this.cache.size >= this.options.cacheSize) this.cache.clear();
    this.cache.set(key, seq);
  }

  private rememberHash(r: ScanResult, cluster: Cluster): void {
    this.hashSlots[r.hash & this.hashMask] = {
      hash: r.hash,
      words: r.copyKeyWords(),
      length: r.keyLength,
      cluster,
      generation: this.hashGeneration,
    };
  }

  private clearCaches(): void {
    this.cache.clear();
    this.hashGeneration++;
  }

  private addWild(c: Cluster): void {
    const len = c.tokens.length;
    const list = this.wildByLen.get(len) ?? [];
    if (!list.includes(c)) {
      list.push(c);
      list.sort((a, b) => a.seq - b.seq);
    }
    this.wildByLen.set(len, list);
  }

  private unindex(c: Cluster): void {
    this.live.delete(c.seq);
    const sameLength = this.liveByLen.get(c.tokens.length);
    sameLength?.delete(c);
    if (sameLength?.size === 0) this.liveByLen.delete(c.tokens.length);
    if (this.templateIndex.get(c.template) === c.seq) this.templateIndex.delete(c.template);
    const list = this.wildByLen.get(c.tokens.length);
    if (list) {
      const i = list.indexOf(c);
      if (i !== -1) list.splice(i, 1);
      if (list.length === 0) this.wildByLen.delete(c.tokens.length);
    }
  }

  /** Merges the live members of a ripe family into the oldest, with the varying position generalised. */
  private generalise(ripe: RipeFamily): { cluster: Cluster; change: TemplateChange } | undefined {
    // A member may have become a list template (fewer tokens) since it joined the family: it no longer fits.
    const members = [...new Set(ripe.family.members.map((s) => this.resolve(s)))]
      .filter((c): c is Cluster => c !== undefined && !c.list)
      .sort((a, b) => a.seq - b.seq);
    const first = members[0];
    if (!first) return undefined;
    this.families.delete(ripe);
    return this.mergeInto(first, members, ripe.position);
  }

  /** Folds `members` (target first) into `target`, generalising `position` and any other disagreeing one. */
  mergeInto(
    target: Cluster,
    members: readonly Cluster[],
    position: number,
  ): { cluster: Cluster; change: TemplateChange } {
    const previousId = target.id;
    this.unindex(target);
    const wild: (WildSlot | undefined)[] = [...target.wild];
    for (let p = 0; p < target.tokens.length; p++) {
      const texts = members.map((m) => m.tokenText(p));
      const disagree =
        p === position || members.some((m) => m.wild[p] !== undefined) || texts.some((t) => t !== texts[0]);
      if (disagree) wild[p] = commonSlot(texts);
    }
    target.wild = wild;
    target.refresh();
    // Groups created before this generalisation that its template now covers belong to it too: a line of
    // theirs arriving now would have matched it. Otherwise which group a line joins depends on whether its
    // exact text was seen before the template generalised.
    const folded = [...members, ...this.coveredBy(target, members)];
    const mergedIds: string[] = [];
    for (const m of folded) {
      if (m === target) continue;
      mergedIds.push(m.id);
      this.unindex(m);
      m.alive = false;
      this.forward.set(m.seq, target.seq);
      target.absorbed.push(m.seq, ...m.absorbed);
      target.keys.push(...m.keys);
      target.count += m.count;
      target.lastSeen = Math.max(target.lastSeen, m.lastSeen);
      this.merged++;
    }
    this.generalised++;
    this.clearCaches();
    // Two groups whose templates became equal are one event: fold the younger into the older.
    const other = this.indexFindingTwin(target);
    if (other) {
      const [older, younger] = other.seq < target.seq ? [other, target] : [target, other];
      return this.mergeInto(older, [older, younger], -1);
    }
    return {
      cluster: target,
      change: {
        kind: 'generalised',
        templateId: target.id,
        template: target.template,
        previousId,
        mergedIds,
      },
    };
  }

  /** Live groups of `target`'s token count, other than `members`, whose every position `target` accepts. */
  private coveredBy(target: Cluster, members: readonly Cluster[]): Cluster[] {
    if (target.wildCount === 0) return [];
    const covered: Cluster[] = [];
    for (const c of this.liveByLen.get(target.tokens.length) ?? []) {
      if (c !== target && !c.list && !members.includes(c) && target.covers(c)) covered.push(c);
    }
    return covered;
  }

  /** Indexes a group whose template changed; returns another live group that already has that template. */
  private indexFindingTwin(c: Cluster): Cluster | undefined {
    const twin = this.templateIndex.get(c.template);
    const other = twin !== undefined ? this.live.get(twin) : undefined;
    this.index(c);
    return other !== c ? other : undefined;
  }

  /** Evicts the least recently matched groups, a small batch at a time so eviction stays cheap. */
  private evict(): void {
    const batch = Math.max(1, Math.floor(this.options.maxTemplates / 64));
    const victims = [...this.live.values()]
      .sort((a, b) => a.lastSeen - b.lastSeen || a.seq - b.seq)
      .slice(0, batch);
    for (const c of victims) {
      this.unindex(c);
      c.alive = false;
      for (const k of c.keys) {
        if (this.keyIndex.get(k) === c.seq) this.keyIndex.delete(k);
        // The victim is out of `live` now, so its entries (and those of groups it absorbed) resolve to nothing.
        const listKey = listKeyOf(k);
        const seq = listKey === undefined ? undefined : this.listIndex.get(listKey);
        if (listKey !== undefined && seq !== undefined && !this.resolve(seq)) this.listIndex.delete(listKey);
      }
      for (const s of c.absorbed) this.forward.delete(s);
      this.evictions++;
    }
    this.clearCaches();
  }
}
