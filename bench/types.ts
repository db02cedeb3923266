/** One measured figure; `goal` says the target in words and `ok` whether this run met it. */
export interface BenchRow {
  /** Stable across runs and versions (`suite.measure`), so results can be compared and checked. */
  id: string;
  metric: string;
  value: number;
  unit: string;
  goal?: string;
  ok?: boolean;
}

/** A module in bench/suites exports a name and a run() that measures side by side. */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}
