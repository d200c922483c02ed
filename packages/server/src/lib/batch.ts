import { Type, type Static } from '@sinclair/typebox';
import { AppError } from './errors';
import { Id, Nullable } from './schemas';

/**
 * Batch actions of the console (approve / refuse, freeze, 移出): one request, and per item the
 * single-item service function — its own transaction, its own policy check, its own audit entry.
 * An item either commits whole or is refused whole; the answer says which, item by item. A
 * refusal (another tenant's id, a member not pending, the last admin…) is that item's outcome,
 * never the batch's: the others still go ahead.
 */
export const BATCH_MAX = 200;

export const BatchIds = (what: string) =>
  Type.Array(Id(what), {
    minItems: 1,
    maxItems: BATCH_MAX,
    uniqueItems: true,
    description: `1 to ${BATCH_MAX} distinct ${what}s`,
  });

export const BatchItemSchema = Type.Object({
  id: Id('the item as sent'),
  ok: Type.Boolean(),
  errorCode: Nullable(
    Type.String({ description: 'why this item was refused (the same code as the single action)' }),
  ),
  message: Nullable(Type.String()),
});
export type BatchItem = Static<typeof BatchItemSchema>;

export const BatchResultSchema = Type.Object({
  done: Type.Integer({ description: 'items applied' }),
  failed: Type.Integer({ description: 'items refused (nothing written for them)' }),
  items: Type.Array(BatchItemSchema, { description: 'one per id, in the order sent' }),
});
export type BatchResult = Static<typeof BatchResultSchema>;

/**
 * Applies `one` to each id in turn (not in parallel: the items may lock the same rows, e.g. the
 * last-admin check). An AppError is the item's outcome; anything else is a fault and stops the
 * batch (the items before it stay applied, each whole).
 */
export async function runBatch(
  ids: readonly number[],
  one: (id: number) => Promise<unknown>,
): Promise<BatchResult> {
  const items: BatchItem[] = [];
  for (const id of ids) {
    try {
      await one(id);
      items.push({ id, ok: true, errorCode: null, message: null });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      items.push({ id, ok: false, errorCode: err.code, message: err.message });
    }
  }
  const done = items.filter((i) => i.ok).length;
  return { done, failed: items.length - done, items };
}
