export interface PgLikeError {
  code: string;
  constraint?: string;
}

/** Drizzle wraps driver errors; PGlite and node-postgres both expose SQLSTATE as `code`. */
export function findPgError(err: unknown): PgLikeError | undefined {
  let e = err as { cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgLikeError;
    e = e.cause as { cause?: unknown } | undefined;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const pg = findPgError(err);
  return pg?.code === '23505' && pg.constraint === constraint;
}
