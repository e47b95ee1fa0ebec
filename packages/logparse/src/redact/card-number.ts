import { redactionMarker } from './marker.js';

/** True when the digits pass the Luhn checksum that payment card numbers carry. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * True for a plausible payment card number: 13–19 digits, written plain or in groups separated by one kind of
 * space or dash (first group of 4), a card-network first digit (2–6), and a valid Luhn checksum.
 */
export function isCardNumber(candidate: string): boolean {
  const separator = /[ -]/.exec(candidate)?.[0];
  const groups = separator ? candidate.split(separator) : [candidate];
  if (groups.some((g) => !/^\d+$/.test(g))) return false;
  if (separator) {
    if (groups[0]!.length !== 4) return false;
    if (groups.slice(1, -1).some((g) => g.length < 4 || g.length > 6)) return false;
  }
  const digits = groups.join('');
  if (digits.length < 13 || digits.length > 19) return false;
  const first = digits.charCodeAt(0) - 48;
  return first >= 2 && first <= 6 && luhnValid(digits);
}

/**
 * The span of `candidate` that is a card number: the whole of it, or else the longest run of its separated groups
 * that is one, so a card written next to other digit groups ("ref 2000 4000 0000 0000 0002") is still found.
 */
export function cardNumberSpan(candidate: string): [start: number, end: number] | undefined {
  if (isCardNumber(candidate)) return [0, candidate.length];
  const separator = /[ -]/.exec(candidate)?.[0];
  if (!separator) return undefined;
  const starts: number[] = [0];
  for (let i = candidate.indexOf(separator); i >= 0; i = candidate.indexOf(separator, i + 1))
    starts.push(i + 1);
  const ends = [...starts.slice(1).map((s) => s - 1), candidate.length];
  let best: [number, number] | undefined;
  for (let a = 0; a < starts.length; a++) {
    for (let b = ends.length - 1; b >= a; b--) {
      const span: [number, number] = [starts[a]!, ends[b]!];
      if (best && span[1] - span[0] <= best[1] - best[0]) break;
      if (isCardNumber(candidate.slice(span[0], span[1]))) best = span;
    }
  }
  return best;
}

/** `candidate` with its card number replaced by the marker, or undefined when it holds none. */
export function redactCardNumber(candidate: string): string | undefined {
  const span = cardNumberSpan(candidate);
  return span && `${candidate.slice(0, span[0])}${redactionMarker('credit-card')}${candidate.slice(span[1])}`;
}
