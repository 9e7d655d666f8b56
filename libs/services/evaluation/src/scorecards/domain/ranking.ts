/**
 * Competition ranking ("1224"): parties with equal scores share a rank, and the next rank skips
 * as many places as shared it — scores 92, 92, 80 rank 1, 1, 3. Scores compare to 2 decimals.
 * A party without a score is not ranked (null) and does not count among the ranked.
 */
export function competitionRanks<K>(entries: ReadonlyArray<{ key: K; score: number | null }>): Map<K, number | null> {
  const scored = entries.filter((entry): entry is { key: K; score: number } => entry.score !== null).map((entry) => Math.round(entry.score * 100));
  const ranks = new Map<K, number | null>();
  for (const entry of entries) {
    if (entry.score === null) {
      ranks.set(entry.key, null);
      continue;
    }
    const own = Math.round(entry.score * 100);
    ranks.set(entry.key, 1 + scored.filter((other) => other > own).length);
  }
  return ranks;
}
