// Every error code the server can answer has a console translation in both languages.
// `errorCode` doubles as the console's i18n key (`errors.<code>`, use-api-error.ts); a code
// without one makes the Chinese console fall back to the server's English sentence.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOGIN_FAILURES, refusalForAccess } from '../src/modules/third-login/third-login.outcomes';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const LOCALES = fileURLToPath(new URL('../../web/src/i18n/locales/', import.meta.url));
const LANGUAGES = ['zh-CN', 'en'] as const;

/** Calls whose first argument is the code (see lib/errors.ts, lib/throttle.ts). */
const CODE_FIRST = ['new AppError', 'forbidden', 'badRequest', 'conflict', 'tooManyAttempts'];
/** `notFound(what, code = `${what}.not_found`)`: the second argument, else the default. */
const NOT_FOUND = 'notFound';

const CALL = new RegExp(`(?<![\\w.])(${[...CODE_FIRST, NOT_FOUND].join('|')})\\(`, 'g');
const CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

interface Source {
  file: string;
  text: string;
}

function serverSources(): Source[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !/\.test(-harness)?\.ts$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => ({ file: relative(SRC, join(SRC, f)), text: readFileSync(join(SRC, f), 'utf8') }));
}

/** The string literal starting at `at` (after whitespace), or null when it is an expression. */
function literalAt(text: string, at: number): { value: string; end: number } | null {
  let i = at;
  while (/\s/.test(text[i] ?? '')) i++;
  const quote = text[i];
  if (quote !== "'" && quote !== '"' && quote !== '`') return null;
  let value = '';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      value += text[++j];
    } else if (c === quote) {
      return { value, end: j + 1 };
    } else if (quote === '`' && c === '$' && text[j + 1] === '{') {
      return null; // built at run time: resolved in DYNAMIC below
    } else {
      value += c;
    }
  }
  return null;
}

interface Found {
  codes: Map<string, string>; // code → where it was first seen
  unresolved: Set<string>; // `file: call(first argument…` that no literal explains
}

/** Scans the calls that throw a code, plus the `errorCode: '…'` the plugins answer with. */
function scan(sources: Source[]): Found {
  const codes = new Map<string, string>();
  const unresolved = new Set<string>();
  const add = (code: string, where: string) => {
    if (!codes.has(code)) codes.set(code, where);
  };
  for (const { file, text } of sources) {
    for (const m of text.matchAll(CALL)) {
      const start = m.index + m[0].length;
      const before = text.slice(Math.max(0, m.index - 9), m.index);
      if (/function\s*$/.test(before)) continue; // the helper's own definition
      const first = literalAt(text, start);
      const where = `${file}: ${m[1]}(`;
      if (m[1] === NOT_FOUND && first) {
        const rest = text.slice(first.end).match(/^\s*(,|\))/);
        const second = rest?.[1] === ',' ? literalAt(text, first.end + rest[0].length) : null;
        if (rest?.[1] === ')') add(`${first.value}.not_found`, where);
        else if (second) add(second.value, where);
        else unresolved.add(`${where}${first.value}, …`);
      } else if (first) {
        add(first.value, where);
      } else {
        const arg = text.slice(start).trimStart().split(/[,)]/)[0]!.trim();
        unresolved.add(`${where}${arg}`);
      }
    }
    for (const m of text.matchAll(/\berrorCode:\s*'([^']+)'/g)) add(m[1]!, `${file}: errorCode`);
  }
  return { codes, unresolved };
}

/** Every sign-in refusal `assertMayEnter` can answer as `third_login.<reason>`. */
function accessRefusals(): string[] {
  const reasons = new Set<string>();
  for (const tenantStatus of [1, 2])
    for (const userStatus of [1, 2])
      for (const membershipStatus of [0, 1, 2, 3, 4, 5, 6])
        for (const frozen of [false, true]) {
          const r = refusalForAccess({ tenantStatus, userStatus, membershipStatus, frozen });
          if (r) reasons.add(r);
        }
  return [...reasons].map((r) => `third_login.${r}`);
}

/** Codes `schedule.ts` gives `third-app-config.service.ts` as `problem.code`. */
function scheduleProblems(sources: Source[]): string[] {
  const schedule = sources.find((s) => s.file === join('modules', 'jobs', 'schedule.ts'));
  return [...(schedule?.text.matchAll(/\bcode:\s*'([^']+)'/g) ?? [])].map((m) => m[1]!);
}

/**
 * Calls whose code is not a literal at the call site, each with the codes it can produce. A new
 * dynamic call fails the "every dynamic code is accounted for" test until it is listed here.
 */
function dynamicCodes(sources: Source[]): Record<string, string[]> {
  return {
    // refusalForAccess → `third_login.${reason}` (reasons are third-login.outcomes.ts's).
    'modules/third-login/third-login.service.ts: new AppError(`third_login.${reason}`':
      accessRefusals(),
    'modules/third-app-config/third-app-config.service.ts: badRequest(problem.code':
      scheduleProblems(sources),
    // The helpers pass their `code` parameter on; their callers are scanned instead.
    'lib/throttle.ts: new AppError(code': [],
    'lib/errors.ts: new AppError(code': [],
  };
}

function lookup(tree: unknown, code: string): unknown {
  return code
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

function locale(language: string, file: string): unknown {
  return JSON.parse(readFileSync(join(LOCALES, language, `${file}.json`), 'utf8'));
}

describe('error codes', () => {
  const sources = serverSources();
  const { codes, unresolved } = scan(sources);
  const dynamic = dynamicCodes(sources);
  for (const list of Object.values(dynamic)) for (const c of list) codes.set(c, 'dynamic');

  it('finds the codes it should (the scan itself works)', () => {
    // Literal, multi-line, notFound with and without a code, plugin-emitted, dynamic.
    for (const known of [
      'auth.invalid_credentials',
      'messages.all_invalid',
      'users.not_found',
      'request.invalid',
      'request.route_not_found',
      'server.internal',
      'auth.too_many_attempts',
      'third_login.pending',
      'third_login.tenant_frozen',
      'config.schedule_too_frequent',
    ]) {
      expect(codes.has(known), known).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(100);
  });

  it('accounts for every code built at run time', () => {
    const listed = Object.keys(dynamic);
    expect([...unresolved].filter((u) => !listed.some((l) => u.startsWith(l)))).toEqual([]);
    for (const [where, list] of Object.entries(dynamic)) {
      expect(
        [...unresolved].some((u) => u.startsWith(where)),
        `still at ${where}`,
      ).toBe(true);
      if (!where.includes('(code')) expect(list.length, where).toBeGreaterThan(0);
    }
  });

  it('uses area.snake_case codes', () => {
    expect([...codes.keys()].filter((c) => !CODE.test(c))).toEqual([]);
  });

  for (const language of LANGUAGES) {
    it(`translates every code in ${language}/errors.json`, () => {
      const errors = locale(language, 'errors');
      const missing = [...codes]
        .filter(([code]) => {
          const text = lookup(errors, code);
          return typeof text !== 'string' || text.trim() === '';
        })
        .map(([code, where]) => `${code}  (${where})`)
        .sort();
      expect(missing).toEqual([]);
    });

    it(`explains every WeCom sign-in refusal in ${language}/thirdLogin.json`, () => {
      // These travel in the landing URL (#error=<reason>), not as errorCode: failure-card.tsx.
      const thirdLogin = locale(language, 'thirdLogin');
      const missing = LOGIN_FAILURES.filter(
        (reason) => typeof lookup(thirdLogin, `errors.${reason}.title`) !== 'string',
      );
      expect(missing).toEqual([]);
    });
  }
});
