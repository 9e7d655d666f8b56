import { Fact, FactFields } from './kpi-facts';
import { KpiSums, sumsKey } from './kpi-values';

/** Where the stored values of a period differ from the recomputation: what was stored, what the events give. */
export interface KpiDifference {
  serviceType: string;
  party: string;
  code: string;
  stored: { numerator: number; denominator: number; sampleSize: number } | null;
  recomputed: { numerator: number; denominator: number; sampleSize: number } | null;
}

const figures = (row: KpiSums | undefined) => (row ? { numerator: row.numerator, denominator: row.denominator, sampleSize: row.sampleSize } : null);

export function compareSums(stored: Iterable<KpiSums>, recomputed: Iterable<KpiSums>): KpiDifference[] {
  const keyOf = (row: KpiSums) => sumsKey(row.serviceType, row.party, row.periodKey, row.code);
  const before = new Map([...stored].map((row) => [keyOf(row), row]));
  const after = new Map([...recomputed].map((row) => [keyOf(row), row]));
  const differences: KpiDifference[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [a, b] = [before.get(key), after.get(key)];
    if (a && b && a.numerator === b.numerator && a.denominator === b.denominator && a.sampleSize === b.sampleSize) continue;
    const row = (a ?? b)!;
    differences.push({ serviceType: row.serviceType, party: row.party, code: row.code, stored: figures(a), recomputed: figures(b) });
  }
  return differences;
}

/** JSON with sorted keys: facts compare equal whatever order their fields were stored in. */
export function canonical(fields: FactFields): string {
  return JSON.stringify(
    Object.keys(fields)
      .sort()
      .map((name) => [name, fields[name]!.v, fields[name]!.at ?? null, fields[name]!.id ?? null]),
  );
}

/** Facts the recomputation changes: rebuilt differently, or stored but not rebuilt at all. */
export function changedFacts(stored: ReadonlyMap<string, Fact>, rebuilt: ReadonlyMap<string, Fact>): { changed: Fact[]; vanished: Fact[] } {
  const changed = [...rebuilt.entries()].filter(([key, fact]) => {
    const current = stored.get(key);
    return current === undefined || canonical(current.fields) !== canonical(fact.fields);
  });
  const vanished = [...stored.entries()].filter(([key]) => !rebuilt.has(key)).map(([, fact]) => fact);
  return { changed: changed.map(([, fact]) => fact), vanished };
}
