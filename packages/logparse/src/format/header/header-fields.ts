import type { Level } from '../../types.js';

/**
 * Header fields of the last line a header scanner matched. One per parser, rewritten by every scan, so matching
 * a line allocates no result object; a class so the scanner and its callers see a single object shape.
 */
export class HeaderFields {
  timestamp: number | undefined = undefined;
  level: Level = 'unknown';
  component: string | undefined = undefined;
  /** Named header values (`pid`, `thread`...); {@link NO_ATTRIBUTES} when the header has none. */
  attributes: Readonly<Record<string, string>> = NO_ATTRIBUTES;
  /** The pid found in a `name[pid]:` component by the current scan, or undefined. */
  pid: string | undefined = undefined;
}

/** The attributes of a record that has none: shared by all such records, so frozen. */
export const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
