/** A line diff of two JSON documents, pretty-printed with sorted keys, for reviewing IAM policy changes. */

export function jsonLineDiff(before: string, after: string): string[] {
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
      i++; j++;
    } else if (j < b.length && (i === a.length || dp[i]![j + 1]! >= dp[i + 1]![j]!)) {
      out.push(`+ ${b[j]}`);
      j++;
    } else {
      out.push(`- ${a[i]}`);
      i++;
    }
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
