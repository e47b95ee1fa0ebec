/** Prefix of every redaction marker: a marker is `<redacted:RULE>`, one token with no whitespace. */
export const REDACTED_PREFIX = '<redacted:';

/** The marker that replaces a value redacted by `rule`. */
export function redactionMarker(rule: string): string {
  return `${REDACTED_PREFIX}${rule}>`;
}

/** Matches one marker anywhere in text, capturing the rule name. */
export const REDACTION_MARKER = /<redacted:([a-z][a-z0-9-]*)>/;
