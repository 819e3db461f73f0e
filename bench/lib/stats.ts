/** Percentile of a sorted copy (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (value: number) =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a';
export const ratio = (value: number, baseline: number) =>
  baseline > 0 ? `${(value / baseline).toFixed(2)}×` : 'n/a';
export const int = (value: number) => Math.round(value).toLocaleString('en-US');

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** The median of one figure over repeated runs (the upper middle for an even count). */
export function medianOf<T>(runs: T[], figure: (run: T) => number): number {
  return [...runs].map(figure).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
}

/** A markdown table: one header row, then one row per entry, every cell already formatted. */
export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A copy in random order: configurations and sizes take turns without a fixed order favouring any. */
export function shuffled<T>(values: readonly T[]): T[] {
  return values
    .map((v) => ({ v, k: Math.random() }))
    .sort((a, b) => a.k - b.k)
    .map(({ v }) => v);
}
