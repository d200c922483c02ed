import { Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../lib/errors';

/** The shape Fastify's error path and our error handler read (`error.validation[0]`). */
export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/**
 * A schema option stating the rule a refusal names ("must be true or false …") where TypeBox's
 * own text says little (a union of types). A symbol, so it stays out of `/openapi.json`.
 */
export const RuleText = Symbol.for('orgbridge.ruleText');

/** "Expected union value" says little; list the literal choices instead when there are some. */
function describe(err: ValueError): string {
  const rule = (err.schema as { [RuleText]?: unknown })[RuleText];
  if (typeof rule === 'string') return rule;
  const options = (err.schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (err.type === ValueErrorType.Union && options?.every((o) => o.const !== undefined)) {
    return `must be one of ${options.map((o) => JSON.stringify(o.const)).join(', ')}`;
  }
  if (err.type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  return err.message.replace(/^Expected/, 'expected');
}

function toIssue(err: ValueError): ValidationIssue {
  return {
    instancePath: err.path,
    keyword: ValueErrorType[err.type] ?? 'invalid',
    message: describe(err),
    params: {},
  };
}

/**
 * Request validation with TypeBox instead of Fastify's default AJV setup: bodies are checked
 * strictly (AJV's type coercion would turn `{"name": 42}` into "42" and `null` into 0), while
 * query strings and path params are converted from text first. Unknown body properties are
 * dropped. Header schemas only document X-Tenant-Id, which the access hook validates.
 */
export function registerValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const typed = schema as TSchema;
    if (httpPart === 'headers' || !(Kind in typed)) return () => true;
    const check = TypeCompiler.Compile(typed);
    const fromText = httpPart !== 'body';
    return (data: unknown) => {
      let value = Value.Default(typed, Value.Clone(data ?? (fromText ? {} : null)));
      if (fromText) value = Value.Convert(typed, value);
      if (check.Check(value)) return { value: Value.Clean(typed, value) };
      const first = check.Errors(value).First();
      return {
        error: [
          first
            ? toIssue(first)
            : { instancePath: '', keyword: 'invalid', message: 'is invalid', params: {} },
        ] as unknown as Error,
      };
    };
  });
}

/** Deepest nesting of objects and arrays a JSON body may have; real requests stay under 10. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep `text` nests `{` and `[` outside strings, stopping as soon as it exceeds `limit`.
 * One pass over the text, no recursion: it runs before JSON.parse and validation, both of which
 * recurse and overflow the stack (a 500 for anyone, no token needed) on a body thousands deep.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * JSON bodies as Fastify parses them (prototype-poisoning protection included), except that an
 * empty body is "no body": clients often send `Content-Type: application/json` on body-less
 * POSTs such as logout. Routes that need a body still reject it through their schema. Bodies
 * nested deeper than MAX_JSON_DEPTH answer 400 `request.too_deep` before anything recurses.
 * (Form-encoded bodies are parsed only where a route takes them, and cannot nest: the parser
 * reads `a[b]=c` as the flat key "a[b]".)
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(
        badRequest(
          'request.too_deep',
          `The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep. Send a flatter body.`,
          { maxDepth: MAX_JSON_DEPTH },
        ),
        undefined,
      );
      return;
    }
    parseJson(req, text, done);
  });
}
