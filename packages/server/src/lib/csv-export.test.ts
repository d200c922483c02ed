import { describe, expect, it } from 'vitest';
import { csvExport } from './csv-export';

/** A keyset source over 0..n-1, recording the slices asked for. */
function numbers(n: number) {
  const asked: Array<[number | null, number]> = [];
  return {
    asked,
    src: {
      columns: ['n', 'text'],
      slice: (after: number | null, limit: number) => {
        asked.push([after, limit]);
        const from = after === null ? 0 : after + 1;
        return Promise.resolve(
          Array.from({ length: Math.max(0, Math.min(limit, n - from)) }, (_, i) => from + i),
        );
      },
      keyOf: (r: number) => r,
      cells: (r: number) => [r, r === 3 ? '+danger' : `t${r}`],
    },
  };
}

async function text(stream: NodeJS.ReadableStream) {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

describe('csvExport', () => {
  it('reads keyset slices of 500 after the last key and stops when a slice is empty', async () => {
    const { asked, src } = numbers(1200);
    const out = csvExport('x', 7, 1200, src);
    const lines = (await text(out.stream)).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1201);
    expect(asked).toEqual([
      [null, 500],
      [499, 500],
      [999, 500],
      [1199, 500],
    ]);
    expect(lines[0]).toBe('\uFEFFn,text');
    expect(lines[4]).toBe("3,'+danger");
    expect(out.fileName).toMatch(/^x-tenant-7-\d{4}-\d\d-\d\d\.csv$/);
  });

  it('stops at the row cap, asking only for what is left', async () => {
    const { asked, src } = numbers(2000);
    const out = csvExport('x', 1, 2000, src, 700);
    const lines = (await text(out.stream)).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(701);
    expect(asked).toEqual([
      [null, 500],
      [499, 200],
    ]);
  });
});
