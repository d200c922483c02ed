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
