/** One measured figure, printed beside its bound and written to results.json. */
export interface BenchFigure {
  /** e.g. `sync.full_10k.total_ms` */
  id: string;
  label: string;
  value: number;
  unit: 'ms' | 'req/s' | 'MB' | 'count' | 'ratio';
  /** The bound of PRODUCT.md §6 this figure is held against, when there is one. */
  bound?: { value: number; kind: 'max' | 'min'; note: string };
  /** Free text: where the time goes, request counts, the API-bound lower bound… */
  detail?: string;
}

export interface BenchScenario {
  name: string;
  /** Long run: left out by `npm run bench -- --quick` unless named. */
  slow?: boolean;
  run(): Promise<BenchFigure[]>;
}
