import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every errorCode the server can answer has a text in both console locales (errors.json), so the
 * Chinese console never shows the server's English sentence. The codes are read from the server's
 * source (the AppError constructions, the helpers that make them and the error handler's
 * `errorCode:` literals), not from a hand-kept list.
 */
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const LOCALES = fileURLToPath(new URL('../../web/src/i18n/locales/', import.meta.url));

/** Helpers whose first argument is the code (lib/errors.ts, lib/throttle.ts). */
const CODE_FIRST = new Set(['forbidden', 'conflict', 'badRequest', 'tooManyAttempts']);
/** Functions that pass a code they were given on to `new AppError` (checked to stay this short). */
const FORWARDERS = new Set(['notFound', 'forbidden', 'conflict', 'badRequest', 'tooManyAttempts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const parsed = sourceFiles(SRC).map((file) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true),
);

/** The string keys of `const NAME = { … }` anywhere in the server source. */
function objectKeys(name: string): string[] {
  for (const source of parsed) {
    let found: string[] | undefined;
    const visit = (node: ts.Node) => {
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === name &&
        node.initializer
      ) {
        let init: ts.Expression = node.initializer;
        while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
        if (ts.isObjectLiteralExpression(init)) {
          found = init.properties.flatMap((p) =>
            p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [],
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (found) return found;
  }
  throw new Error(`no object literal named ${name} in packages/server/src`);
}

/**
 * Codes built from a template, e.g. `third_login.${reason}`: the prefix and the object whose keys
 * are the possible reasons. A new template code fails the scan until it is described here.
 */
const TEMPLATE_FAMILIES: Record<string, () => string[]> = {
  'third_login.${reason}': () => objectKeys('ACCESS_MESSAGES').map((k) => `third_login.${k}`),
};

/** The string literals of the union type of `interface NAME { PROP: 'a' | 'b' }`. */
function propertyUnion(name: string, prop: string): string[] {
  for (const source of parsed) {
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== name) continue;
      const member = statement.members.find(
        (m): m is ts.PropertySignature =>
          ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.name.text === prop,
      );
      const type = member?.type;
      const parts = type && ts.isUnionTypeNode(type) ? type.types : type ? [type] : [];
      return parts.flatMap((t) =>
        ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : [],
      );
    }
  }
  throw new Error(`no interface named ${name} in packages/server/src`);
}

/**
 * Codes passed on from a value whose type lists them, e.g. `problem.code` of a ScheduleProblem.
 * A new such site fails the scan until it is described here.
 */
const TYPED_VALUES: Record<string, () => string[]> = {
  'problem.code': () => propertyUnion('ScheduleProblem', 'code'),
};

interface Scan {
  codes: Map<string, string>;
  unresolved: string[];
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      const holder = n.parent;
      if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name))
        return holder.name.text;
    }
  }
  return undefined;
}

function scan(): Scan {
  const codes = new Map<string, string>();
  const unresolved: string[] = [];
  for (const source of parsed) {
    const where = (node: ts.Node) =>
      `${relative(SRC, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const add = (code: string, node: ts.Node) => {
      if (!codes.has(code)) codes.set(code, where(node));
    };
    const codeArg = (arg: ts.Expression | undefined, node: ts.Node, forwarded: boolean) => {
      if (!arg) return;
      if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
        return add(arg.text, node);
      if (ts.isTemplateExpression(arg)) {
        const family = TEMPLATE_FAMILIES[arg.getText(source).slice(1, -1)];
        if (family) return family().forEach((code) => add(code, node));
      }
      const typed = TYPED_VALUES[arg.getText(source)];
      if (typed) return typed().forEach((code) => add(code, node));
      if (forwarded && ts.isIdentifier(arg) && FORWARDERS.has(enclosingFunctionName(node) ?? ''))
        return;
      unresolved.push(`${where(node)} ${arg.getText(source)}`);
    };
    const visit = (node: ts.Node) => {
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'AppError'
      ) {
        codeArg(node.arguments?.[0], node, true);
      } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const callee = node.expression.text;
        if (CODE_FIRST.has(callee)) codeArg(node.arguments[0], node, true);
        if (callee === 'notFound') {
          const [what, code] = node.arguments;
          if (code) codeArg(code, node, true);
          else if (what && ts.isStringLiteral(what)) add(`${what.text}.not_found`, node);
          else if (what) codeArg(what, node, true);
        }
      } else if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === 'errorCode' &&
        (ts.isStringLiteral(node.initializer) ||
          ts.isNoSubstitutionTemplateLiteral(node.initializer))
      ) {
        add(node.initializer.text, node);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { codes, unresolved };
}

function translations(language: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(LOCALES, language, 'errors.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

function lookup(tree: Record<string, unknown>, code: string): unknown {
  return code
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      tree,
    );
}

const { codes, unresolved } = scan();

describe('server error codes', () => {
  it('are all found in the source (no code the scan cannot read)', () => {
    expect(unresolved).toEqual([]);
    // The scan sees the codes of every kind of site, not just a few.
    expect(codes.size).toBeGreaterThan(80);
    for (const known of [
      'request.invalid',
      'users.not_found',
      'auth.too_many_attempts',
      'third_login.tenant_frozen',
      'config.schedule_too_frequent',
    ])
      expect([...codes.keys()]).toContain(known);
  });

  for (const language of ['zh-CN', 'en']) {
    it(`each has a ${language} text in errors.json`, () => {
      const tree = translations(language);
      const missing = [...codes]
        .filter(([code]) => {
          const text = lookup(tree, code);
          return typeof text !== 'string' || text.trim() === '';
        })
        .map(([code, at]) => `${code} (${at})`);
      expect(missing, `add these to packages/web/src/i18n/locales/${language}/errors.json`).toEqual(
        [],
      );
    });
  }

  it('the Chinese texts are Chinese, not English copies', () => {
    const zh = translations('zh-CN');
    const english = [...codes.keys()].filter((code) => {
      const text = lookup(zh, code);
      return typeof text === 'string' && !/[\u4e00-\u9fff]/.test(text);
    });
    expect(english).toEqual([]);
  });
});
