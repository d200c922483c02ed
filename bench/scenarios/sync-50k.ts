/** PRODUCT.md §6: 50,000 members / 5,000 departments under 60 s with peak RSS under 640 MB. */
import type { BenchFigure, BenchScenario } from '../types';
import { rssSampler, setupSync, timedSync } from './sync-full';

export const scenario: BenchScenario = {
  name: 'sync-full-50k',
  slow: true,
  async run(): Promise<BenchFigure[]> {
    const rss = rssSampler();
    const b = await setupSync(50_000, 5_000);
    try {
      const r = await timedSync(b);
      const peak = rss.stop();
      if (r.run.status !== 'succeeded')
        throw new Error(`sync ${r.run.status}: ${JSON.stringify(r.run.error)}`);
      return [
        {
          id: 'sync.full_50k.total_ms',
          label: 'full sync 50k/5k (preview + apply)',
          value: r.totalMs,
          unit: 'ms',
          bound: { value: 60_000, kind: 'max', note: 'PRODUCT.md §6: under 60 s' },
          detail: `preview ${Math.round(r.previewMs)} ms + apply ${Math.round(r.applyMs)} ms; API-bound lower bound ${Math.round(r.boundMs)} ms (${r.requests} requests)`,
        },
        {
          id: 'sync.full_50k.peak_rss_mb',
          label: 'peak RSS (bench process: simulator + server + PGlite)',
          value: peak,
          unit: 'MB',
          bound: { value: 640, kind: 'max', note: 'PRODUCT.md §6' },
        },
      ];
    } finally {
      await b.close();
    }
  },
};
