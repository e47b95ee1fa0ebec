/** Slot shared by templates that arrive after the index is full, so memory stays bounded. */
export const OVERFLOW_SLOT = 0;
const FIRST_SLOT = 1;

/** Serialised form of a `TemplateIndex`. */
export interface TemplateIndexState {
  readonly ids: readonly string[];
  readonly templates: readonly string[];
  /** Ids that point at another id's slot (templates generalised or merged by an online miner). */
  readonly aliases?: readonly (readonly [string, number])[];
}

/**
 * Interns template ids into small integers so detectors can use typed arrays and numeric keys; bounded by
 * `capacity` templates per source.
 */
export class TemplateIndex {
  private readonly slots = new Map<string, number>();
  private readonly ids: string[] = ['<other>'];
  private readonly templates: string[] = ['<other templates>'];

  constructor(readonly capacity: number = 20_000) {}

  /** Slot of a template id, adding it when there is room (the overflow slot otherwise). */
  slot(id: string, template: string): number {
    const found = this.slots.get(id);
    if (found !== undefined) return found;
    if (this.ids.length - FIRST_SLOT >= this.capacity) return OVERFLOW_SLOT;
    const slot = this.ids.length;
    this.slots.set(id, slot);
    this.ids.push(id);
    this.templates.push(template);
    return slot;
  }

  /** Slot of a known id, or undefined. */
  find(id: string): number | undefined {
    return this.slots.get(id);
  }

  /**
   * A template was generalised: `id` now names `slot` (its earlier ids keep pointing there) and the slot's
   * text becomes the generalised template.
   */
  rename(slot: number, id: string, template: string): void {
    if (slot < FIRST_SLOT || slot >= this.ids.length) return;
    this.slots.set(id, slot);
    this.ids[slot] = id;
    this.templates[slot] = template;
  }

  /** Every id of slot `from` now points at slot `into` (a template folded into another). */
  redirect(from: number, into: number): void {
    for (const [id, slot] of this.slots) if (slot === from) this.slots.set(id, into);
  }

  /** Number of slots in use, reserved ones included (the size typed arrays need). */
  get size(): number {
    return this.ids.length;
  }

  /** Template id of a slot. */
  idOf(slot: number): string {
    return this.ids[slot] ?? '<other>';
  }

  /** Template text of a slot. */
  templateOf(slot: number): string {
    return this.templates[slot] ?? '<other templates>';
  }

  /** Plain JSON state. */
  toJSON(): TemplateIndexState {
    const aliases: [string, number][] = [];
    for (const [id, slot] of this.slots) if (this.ids[slot] !== id) aliases.push([id, slot]);
    return {
      ids: this.ids.slice(FIRST_SLOT),
      templates: this.templates.slice(FIRST_SLOT),
      ...(aliases.length > 0 ? { aliases } : {}),
    };
  }

  /** Rebuilds an index from `toJSON` output. */
  static fromJSON(state: TemplateIndexState, capacity?: number): TemplateIndex {
    const index = new TemplateIndex(capacity);
    state.ids.forEach((id, i) => {
      // Slots are positional: a slot whose id was later redirected still takes its place.
      const slot = index.ids.length;
      index.ids.push(id);
      index.templates.push(state.templates[i] ?? id);
      if (!index.slots.has(id)) index.slots.set(id, slot);
    });
    for (const [id, slot] of state.aliases ?? []) index.slots.set(id, slot);
    return index;
  }
}
