import { WILDCARD } from '../types.js';

/** A list item token: a value and nothing else, or a value and the comma that separates it from the next. */
export function isListItem(token: string): boolean {
  return token === WILDCARD || token === ITEM_WITH_COMMA;
}

const ITEM_WITH_COMMA = `${WILDCARD},`;

/**
 * The masked key with every run of list items written as one `<*>` (`<*> <*> <*>` and `<*>, <*>, <*>` alike;
 * a run keeps the comma its last item had), or undefined when the key has no item. Lines whose keys differ
 * only in the length of such runs (`to delete <*>`, `to delete <*> <*> <*>`) share it: a run whose length
 * varies under one context is a list.
 */
export function listKeyOf(key: string): string | undefined {
  const tokens = key.split(' ');
  if (!tokens.some(isListItem)) return undefined;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (!isListItem(t)) {
      out.push(t);
      continue;
    }
    let j = i;
    while (continuesRun(tokens[j] as string, tokens[j + 1])) j++;
    out.push(tokens[j] as string);
    i = j;
  }
  return out.join(' ');
}

/**
 * Whether item `token` and the next token are one run: after a comma any item follows; a bare value is
 * followed only by another bare value (`a b c`; `a b, c` is not one list).
 */
export function continuesRun(token: string, next: string | undefined): next is string {
  if (next === undefined || !isListItem(next)) return false;
  return token === ITEM_WITH_COMMA || next === WILDCARD;
}

/** Tokens of a masked key (one space between tokens). */
export function keyTokenCount(key: string): number {
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
}
