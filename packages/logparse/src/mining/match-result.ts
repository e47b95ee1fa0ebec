import type { TemplateParam } from '../types.js';
import type { Cluster, WildSlot } from './cluster.js';
import { extractParams } from './extract-params.js';
import type { MatchResult, TemplateChange } from './miner-types.js';
import type { MessageScanner } from './scan-result.js';

/**
 * A match whose parameters are extracted on first access, unless the miner extracted them with the match:
 * consumers that only need the template skip typing every value, which would cost more than mining it.
 */
export class LazyMatchResult implements MatchResult {
  readonly templateId: string;
  readonly template: string;
  readonly clusterId: number;
  // Always assigned (maybe undefined) so that every result has one shape and the hot path stays monomorphic.
  readonly change: TemplateChange | undefined;
  #params: TemplateParam[] | undefined = undefined;
  readonly #message: string;
  readonly #wild: readonly (WildSlot | undefined)[];
  readonly #list: boolean;
  readonly #scanner: MessageScanner;

  constructor(
    cluster: Cluster,
    message: string,
    scanner: MessageScanner,
    change: TemplateChange | undefined,
    /** Parameters already extracted from the match's own scan. */
    params?: TemplateParam[],
  ) {
    this.templateId = cluster.id;
    this.template = cluster.template;
    this.clusterId = cluster.seq;
    this.change = change;
    this.#params = params;
    this.#message = message;
    this.#wild = cluster.wild;
    this.#list = cluster.list;
    this.#scanner = scanner;
  }

  get params(): readonly TemplateParam[] {
    this.#params ??= extractParams(this.#scanner.scan(this.#message), this.#wild, this.#list);
    return this.#params;
  }
}
