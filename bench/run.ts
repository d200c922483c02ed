/**
 * `npm run bench [-- <scenario-name-substring>…]`: runs every scenario in ./scenarios, prints each
 * figure beside its PRODUCT.md §6 bound, and writes bench/results.json.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchScenario } from './types';

const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
const filters = process.argv.slice(2);

function verdict(f: BenchFigure): string {
  if (!f.bound) return '';
  const ok = f.bound.kind === 'max' ? f.value <= f.bound.value : f.value >= f.bound.value;
  const op = f.bound.kind === 'max' ? '≤' : '≥';
  return `${ok ? 'PASS' : 'MISS'} (bound ${op} ${f.bound.value} ${f.unit}: ${f.bound.note})`;
}

const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
const results: Record<string, { figures: BenchFigure[]; error?: string }> = {};
for (const file of files) {
  const { scenario } = (await import(`./scenarios/${file}`)) as { scenario: BenchScenario };
  if (filters.length > 0 && !filters.some((f) => scenario.name.includes(f))) continue;
  console.log(`\n== ${scenario.name}`);
  try {
    const figures = await scenario.run();
    for (const f of figures) {
      console.log(`  ${f.label}: ${Math.round(f.value * 100) / 100} ${f.unit}  ${verdict(f)}`);
      if (f.detail) console.log(`      ${f.detail}`);
    }
    results[scenario.name] = { figures };
  } catch (err) {
    console.error(`  FAILED: ${(err as Error).stack ?? err}`);
    results[scenario.name] = { figures: [], error: String(err) };
  }
}
const out = fileURLToPath(new URL('./results.json', import.meta.url));
await writeFile(
  out,
  JSON.stringify(
    {
      machine: `${process.platform} ${process.arch}, node ${process.version}`,
      at: new Date().toISOString(),
      results,
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${out}`);
process.exit(Object.values(results).some((r) => r.error) ? 1 : 0);
