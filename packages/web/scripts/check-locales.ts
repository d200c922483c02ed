// Fails the build when zh-CN and en do not translate the same keys, so neither language
// silently shows raw keys or falls back to the other.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../src/i18n/locales/', import.meta.url));
const languages = readdirSync(root);

// Plural forms differ per language (English has _one/_other, Chinese needs neither).
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(PLURAL_SUFFIX, '')];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const sets = languages.map((language) => {
  const files = readdirSync(join(root, language)).filter((f) => f.endsWith('.json'));
  const all = files.flatMap((file) =>
    keys(JSON.parse(readFileSync(join(root, language, file), 'utf8')), file.slice(0, -5)),
  );
  return { language, keys: new Set(all) };
});

let problems = 0;
for (const a of sets) {
  for (const b of sets) {
    for (const key of a.keys) {
      if (!b.keys.has(key)) {
        console.error(`locale ${b.language} lacks "${key}" (present in ${a.language})`);
        problems += 1;
      }
    }
  }
}
if (problems > 0) process.exit(1);
console.log(`locales ${languages.join(', ')}: ${sets[0]?.keys.size ?? 0} keys each, in step`);
