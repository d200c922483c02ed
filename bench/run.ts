/**
 * `npm run bench [-- [--quick] <scenario-name-substring>…]`: runs every scenario in ./scenarios
 * (`--quick` leaves out the slow ones unless named), prints each figure beside its PRODUCT.md §6
 * bound, and writes bench/results.json. A run of some scenarios replaces only their entries.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchScenario } from './types';

const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filters = args.filter((a) => a !== '--quick');

function verdict(f: BenchFigure): string {
  if (!f.bound) return '';
  const ok = f.bound.kind === 'max' ? f.value <= f.bound.value : f.value >= f.bound.value;
  const op = f.bound.kind === 'max' ? '≤' : '≥';
  return `${ok ? 'PASS' : 'MISS'} (bound ${op} ${f.bound.value} ${f.unit}: ${f.bound.note})`;
}

const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
const machine = `${process.platform} ${process.arch}, node ${process.version}`;
type Entry = { at?: string; machine?: string; figures: BenchFigure[]; error?: string };
const results: Record<string, Entry> = {};
for (const file of files) {
  const { scenario } = (await import(`./scenarios/${file}`)) as { scenario: BenchScenario };
  const named = filters.some((f) => scenario.name.includes(f));
  if (filters.length > 0 && !named) continue;
  if (quick && scenario.slow && !named) continue;
  console.log(`\n== ${scenario.name}`);
  try {
    const figures = await scenario.run();
    for (const f of figures) {
      console.log(`  ${f.label}: ${Math.round(f.value * 100) / 100} ${f.unit}  ${verdict(f)}`);
      if (f.detail) console.log(`      ${f.detail}`);
    }
    results[scenario.name] = { at: new Date().toISOString(), machine, figures };
  } catch (err) {
    console.error(`  FAILED: ${(err as Error).stack ?? err}`);
    results[scenario.name] = {
      at: new Date().toISOString(),
      machine,
      figures: [],
      error: String(err),
    };
  }
}
const out = fileURLToPath(new URL('./results.json', import.meta.url));
// Scenarios not run this time keep their last entry (each entry says when it was measured).
let previous: { results?: Record<string, Entry>; note?: string } = {};
try {
  previous = JSON.parse(await readFile(out, 'utf8')) as typeof previous;
} catch {
  // first run
}
const kept = Object.fromEntries(
  Object.entries(previous.results ?? {}).filter(([name]) => !(name in results)),
);
await writeFile(
  out,
  JSON.stringify(
    {
      machine,
      at: new Date().toISOString(),
      results: { ...kept, ...results },
      ...(previous.note ? { note: previous.note } : {}),
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${out}`);
process.exit(Object.values(results).some((r) => r.error) ? 1 : 0);
