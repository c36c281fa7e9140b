/**
 * A line diff of two JSON documents, pretty-printed with sorted keys, for reviewing IAM policy changes.
 * Lines start with `- ` (only in before), `+ ` (only in after) or two spaces (both); within a changed run the
 * removed lines come first, as in `diff -u`. With `context`, unchanged lines farther than that from any change
 * are folded into one `  …` line.
 */

export function jsonLineDiff(before: string, after: string, options: { context?: number } = {}): string[] {
  const a = pretty(before);
  const b = pretty(after);
  // LCS table; policies are small (tens of lines).
  const dp: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || dp[i + 1]![j]! >= dp[i]![j + 1]!)) {
      out.push(`- ${a[i]}`);
      i++;
    } else {
      out.push(`+ ${b[j]}`);
      j++;
    }
  }
  return options.context === undefined ? out : foldContext(out, options.context);
}

function foldContext(lines: readonly string[], context: number): string[] {
  const changed = lines.map((l) => !l.startsWith('  '));
  const keep = lines.map((_, k) => changed.slice(Math.max(0, k - context), k + context + 1).some(Boolean));
  const out: string[] = [];
  for (const [k, line] of lines.entries()) {
    if (keep[k]) out.push(line);
    else if (k === 0 || keep[k - 1]) out.push('  …');
  }
  return out;
}

function pretty(json: string): string[] {
  try {
    return JSON.stringify(JSON.parse(json), null, 2).split('\n');
  } catch {
    return json.split('\n');
  }
}
