import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import baseline from './provider-fence.baseline.json';

/**
 * Provider names stay in the provider's folder (issue 19, decision 0008 item 6). This scans the
 * server's code — identifiers and string/template text, not comments — for the names of the
 * providers and fails when one appears outside the allowed places. Files that still carry names
 * from before the contract are listed in provider-fence.baseline.json with their count: a count
 * may fall (then lower it in the baseline) but never rise, and no new file may join the list.
 * `UPDATE_PROVIDER_FENCE=1 npx vitest run --project server test/provider-fence.test.ts` rewrites
 * the baseline from the code; review its diff: it must only shrink.
 */
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const PROVIDER = /wecom|wechat|weixin|dingtalk|dingding|feishu|lark/i;

/** Allowed anywhere: the JeecgBoot-shaped compatibility names the product keeps (PRODUCT.md §9). */
const COMPAT = new Set(['wechatUserId', '/sys/user/wecomBinding', 'WECHAT_ENTERPRISE']);

/** Places that may name providers: their own folders, the registry, configuration, the demo. */
function allowedFile(rel: string): boolean {
  return (
    /^connectors\/[a-z]+\//.test(rel) ||
    rel === 'connectors/registry.ts' ||
    rel === 'config.ts' ||
    /^demo(-[a-z-]+)?\.ts$/.test(rel) ||
    rel.endsWith('.test.ts') ||
    rel.includes('test-harness')
  );
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Provider names in a file's code tokens (comments skipped). */
export function providerTokens(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, /* skipTrivia */ true);
  scanner.setText(text);
  const found: string[] = [];
  // Open braces: true where a `${` of a template opened it, so its `}` resumes the template.
  const braces: boolean[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) braces.push(false);
    if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === true) {
      kind = scanner.reScanTemplateToken(false);
    }
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle)
      braces.push(true);
    if (
      kind === ts.SyntaxKind.Identifier ||
      kind === ts.SyntaxKind.StringLiteral ||
      kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
      kind === ts.SyntaxKind.TemplateHead ||
      kind === ts.SyntaxKind.TemplateMiddle ||
      kind === ts.SyntaxKind.TemplateTail
    ) {
      const value =
        kind === ts.SyntaxKind.Identifier ? scanner.getTokenText() : scanner.getTokenValue();
      if (PROVIDER.test(value) && !COMPAT.has(value)) found.push(value);
    }
  }
  return found;
}

function counts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const path of files(SRC)) {
    const rel = relative(SRC, path).split('\\').join('/');
    if (allowedFile(rel)) continue;
    const n = providerTokens(readFileSync(path, 'utf8')).length;
    if (n > 0) out[rel] = n;
  }
  return out;
}

describe('provider names stay in connectors/<provider>', () => {
  const now = counts();
  const known = baseline as Record<string, number>;
  if (process.env.UPDATE_PROVIDER_FENCE) {
    const sorted = Object.fromEntries(Object.entries(now).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(
      fileURLToPath(new URL('./provider-fence.baseline.json', import.meta.url)),
      `${JSON.stringify(sorted, null, 2)}\n`,
    );
  }

  it('finds names in code and strings, not in comments or compatibility names', () => {
    expect(
      providerTokens("// WeCom\nconst a = 'dingtalk'; /* feishu */ const wechatUserId = 1;"),
    ).toEqual(['dingtalk']);
    expect(providerTokens('const u = `/x/${id}/wecom`; const weComClient = 1;')).toEqual([
      '/wecom',
      'weComClient',
    ]);
  });

  it('no file outside the allowed places names a provider more often than the baseline', () => {
    const over = Object.entries(now)
      .filter(([file, n]) => n > (known[file] ?? 0))
      .map(([file, n]) => `${file}: ${n} (baseline ${known[file] ?? 0})`);
    expect(over, 'move the provider-specific code into connectors/<provider>').toEqual([]);
  });

  it('the baseline only shrinks: lower it when a file drops names', () => {
    const stale = Object.entries(known)
      .filter(([file, n]) => (now[file] ?? 0) < n)
      .map(([file, n]) => `${file}: ${now[file] ?? 0} (baseline ${n})`);
    expect(stale, 'update test/provider-fence.baseline.json').toEqual([]);
  });
});
