/**
 * Splits text into lines on LF, dropping a CR before it; a final empty line (text ending with a newline) is
 * not returned. The fast path for callers that already hold whole text and need no multiline joining.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  return lines;
}
