import { sql, type SQL } from 'drizzle-orm';

/**
 * One bound parameter holding a whole array. Drizzle expands a JS array in a `sql` template into
 * a parameter list, which `= any(...)` cannot take and which hits the 65,535-parameter limit.
 */
export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => Math.trunc(v)).join(',')}}`}::int[]`;
}

export function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * Rows as one bound JSON value, to select from: `insert … select … from ${recordset(rows, 'a
 * int, b text')}`. A `values (…), (…)` list binds a parameter per cell, which drizzle builds
 * and the database parses one by one (thousands per chunk); this is one parameter per statement.
 * `columns` is trusted SQL (a column definition list), the keys of `rows` name its columns.
 */
export function recordset(rows: readonly Record<string, unknown>[], columns: string): SQL {
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as v(${sql.raw(columns)})`;
}
