import type { PGlite } from '@electric-sql/pglite';
import { parse, protocol, types, type Results } from '@electric-sql/pglite';

/**
 * The embedded database's prepared statements, through PGlite's wire protocol: the one place
 * that relies on PGlite beyond its documented `query`/`exec`/`transaction`/`listen` API
 * (docs/decisions/0002-prepared-statements.md). `protocol.contract.test.ts` fails if a PGlite
 * upgrade changes what this uses: `execProtocol`, the exclusive-lock internals, the serializer,
 * the parsers and the SQLSTATEs of a dropped statement.
 *
 * PGlite's `query` parses and plans its statement on every call and crosses into the WASM engine
 * six times (parse, describe, bind, describe, execute, sync). Here a statement is parsed once per
 * text under a name of its own; each later call sends bind + describe + execute + sync in one
 * message, so PostgreSQL reuses the parsed statement and its plan. The exchange takes the same two
 * locks as `PGlite.query`, so it never runs inside another caller's open transaction. A statement
 * writing a watched table notifies like any other (db/changes.ts).
 */
const { serialize } = protocol;
/** As drizzle's `execute` on PGlite: dates, times and intervals stay strings. */
const keepText = (value: string) => value;
const RESULT_OPTIONS = {
  rowMode: 'object' as const,
  parsers: Object.fromEntries(
    [
      types.TIMESTAMP,
      types.TIMESTAMPTZ,
      types.INTERVAL,
      types.DATE,
      1231,
      1115,
      1185,
      1187,
      1182,
    ].map((oid) => [oid, keepText]),
  ),
};

interface Prepared {
  /** Null for a statement run unprepared (past MAX_STATEMENTS): it goes through `query`. */
  name: string | null;
  /** Parameter type oids as PostgreSQL described them, for PGlite's serializers. */
  types: number[];
}

/**
 * Per client: statement text → its preparation (a promise, so that two first calls of the same
 * text share one), and a counter for names that only goes up.
 */
interface Statements {
  byText: Map<string, Promise<Prepared>>;
  named: number;
}
const statements = new WeakMap<PGlite, Statements>();
/**
 * Hot statements are a handful of fixed texts. Past this many, a caller is building texts with
 * values in them; those run unprepared rather than pile up in the engine.
 */
const MAX_STATEMENTS = 64;
/** SQLSTATEs after which a prepared statement is prepared again: gone, or its plan outdated. */
const STALE = new Set(['26000', '0A000']);
/** The client's parsers with RESULT_OPTIONS' on top, merged once (PGlite would copy them per call). */
const resultParsers = new WeakMap<PGlite, PGlite['parsers']>();

/**
 * Around each call: plan a hot statement once, whatever its parameters. Left to itself (`auto`)
 * PostgreSQL compares the generic plan's estimate with the custom plans', and for statements fed
 * by arrays (unnest of a parameter) the custom plans always look cheaper — they know the array's
 * length — so it re-plans the big log statement on every call, which costs more than running it
 * (measured: 1.8 → 1.0 ms for a round of four). Only for these statements: a drizzle query is
 * parsed and planned anew on each call anyway, with its values in view.
 */
const GENERIC_PLAN = serialize.query('set plan_cache_mode = force_generic_plan');
const DEFAULT_PLAN = serialize.query('reset plan_cache_mode');

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One exchange under the same two locks as `PGlite.query`, refused once the client is closed. */
async function exchange(client: PGlite, message: Uint8Array) {
  return client._runExclusiveTransaction(() =>
    client._runExclusiveQuery(async () => {
      await client._checkReady();
      return client.execProtocol(message, { syncToFs: false });
    }),
  );
}

function prepare(client: PGlite, text: string): Promise<Prepared> {
  let known = statements.get(client);
  if (!known) statements.set(client, (known = { byText: new Map(), named: 0 }));
  const found = known.byText.get(text);
  if (found) return found;
  if (known.byText.size >= MAX_STATEMENTS) {
    return Promise.resolve({ name: null, types: [] });
  }
  const name = `orgbridge_hot_${++known.named}`;
  const byText = known.byText;
  const preparing = exchange(
    client,
    concat([
      serialize.parse({ name, text, types: [] }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]),
  ).then(
    ({ messages }) => ({ name, types: parse.parseDescribeStatementResults(messages) }),
    (err: unknown) => {
      byText.delete(text);
      throw err;
    },
  );
  byText.set(text, preparing);
  return preparing;
}

export async function runOnPglite(
  client: PGlite,
  text: string,
  params: unknown[],
): Promise<Results> {
  try {
    return await runPrepared(client, text, params);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !STALE.has(code)) throw err;
    // Deallocated (DISCARD ALL) or outdated by a schema change: prepare it again, once.
    statements.get(client)?.byText.delete(text);
    return runPrepared(client, text, params);
  }
}

async function runPrepared(client: PGlite, text: string, params: unknown[]): Promise<Results> {
  const { name, types: paramTypes } = await prepare(client, text);
  if (name === null) return client.query(text, params, RESULT_OPTIONS);
  const values = params.map((value, i) => {
    if (value === null || value === undefined) return null;
    const serializer = client.serializers[paramTypes[i]!];
    return serializer ? serializer(value) : String(value);
  });
  const { messages } = await exchange(
    client,
    concat([
      GENERIC_PLAN,
      serialize.bind({ statement: name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
      DEFAULT_PLAN,
    ]),
  );
  let parsers = resultParsers.get(client);
  if (!parsers)
    resultParsers.set(client, (parsers = { ...client.parsers, ...RESULT_OPTIONS.parsers }));
  // [0] is the SET's, [2] the RESET's.
  return parse.parseResults(messages, parsers)[1]!;
}
