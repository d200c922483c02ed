/**
 * Group execution for hot paths: calls made in the same turn of the event loop, and calls that
 * arrive while a batch is running, run together as the next batch — one statement instead of one
 * each. There is never more than one batch in flight per batcher. A batch starts with
 * `setImmediate`, right after the I/O callbacks of the current turn: that costs an idle server
 * nothing measurable and lets a busy one gather every request that became ready in that turn.
 * (Waiting for the turn matters on the embedded database: its statements run synchronously in
 * this thread, so without it each request would finish its statement before the next one asks.)
 *
 * A batch that fails with more than one item is re-run item by item, so one bad item (a row that
 * vanished, a constraint) fails only its own caller.
 */
export interface Batcher<I, O> {
  run(item: I): Promise<O>;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export function createBatcher<I, O>(
  execute: (items: I[]) => Promise<O[]>,
  opts: { maxBatch?: number } = {},
): Batcher<I, O> {
  const maxBatch = opts.maxBatch ?? 256;
  let queue: Waiting<I, O>[] = [];
  let running = false;

  async function settle(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const out = await execute(batch.map((w) => w.item));
      if (out.length !== batch.length) {
        throw new Error(`batch returned ${out.length} results for ${batch.length} items`);
      }
      batch.forEach((w, i) => w.resolve(out[i]!));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const w of batch) await settle([w]);
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await settle(batch);
    }
    running = false;
  }

  return {
    run(item: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!running) {
          running = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}

/**
 * A batcher for reads by key: identical keys waiting together share one lookup, and `load`
 * receives each distinct key once.
 */
export function createKeyedLoader<K, V>(
  keyOf: (key: K) => string,
  load: (keys: K[]) => Promise<Map<string, V>>,
  opts: { maxBatch?: number } = {},
): (key: K) => Promise<V | undefined> {
  const batcher = createBatcher<K, V | undefined>(async (keys) => {
    const distinct = new Map<string, K>();
    for (const k of keys) distinct.set(keyOf(k), k);
    const found = await load([...distinct.values()]);
    return keys.map((k) => found.get(keyOf(k)));
  }, opts);
  return (key) => batcher.run(key);
}
