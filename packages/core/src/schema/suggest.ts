/**
 * "Did you mean …?" for misspelled type names, option names, foreign key
 * actions, tables and columns.
 */

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}

/** Folds case, spaces, dashes and underscores: `'Set_Null'` and `'set null'` compare equal. */
function fold(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The candidate the input most likely meant, or `undefined` when none is
 * close. A case- or separator-insensitive match wins; then an alias (keys
 * compared folded); then the nearest candidate by edit distance, allowing one
 * edit for short words and two from five characters on. Ties go to the
 * earlier candidate, so the answer is deterministic.
 */
export function suggest(
  input: string,
  candidates: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const folded = fold(input);
  if (folded === '') return undefined;
  const exact = candidates.find((c) => fold(c) === folded);
  if (exact !== undefined) return exact;
  for (const [alias, target] of Object.entries(aliases)) {
    if (fold(alias) === folded && candidates.includes(target)) return target;
  }
  const limit = folded.length >= 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(folded, fold(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `"; did you mean 'string'?"` to append to a clause, or `''` when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[], aliases?: Readonly<Record<string, string>>): string {
  const hit = suggest(input, candidates, aliases);
  return hit === undefined ? '' : `; did you mean '${hit}'?`;
}

/** `'a', 'b', 'c'` for messages. */
export function quoteList(items: readonly string[]): string {
  return items.map((i) => `'${i}'`).join(', ');
}
