import type { TokenKind } from './token-kind.js';

/** What a header column means. */
export type ColumnRole = 'timestamp' | 'level' | 'component' | 'separator' | 'attribute';

/** One learned header column. */
export interface HeaderColumn {
  readonly kind: TokenKind;
  readonly role: ColumnRole;
  /** Attribute name for `attribute` columns (`pid`, `thread`, `host`, `field3`...). */
  readonly name: string;
  /** The column is a `[...]` group. */
  readonly bracket: boolean;
}

/** A header shape learned from the first lines of a source: columns, then the message. */
export interface HeaderSchema {
  readonly columns: readonly HeaderColumn[];
  /** Inclusive column range holding the timestamp, when there is one. */
  readonly timestamp: { readonly first: number; readonly last: number } | undefined;
  /** Share of the sample lines this schema matched. */
  readonly coverage: number;
}
