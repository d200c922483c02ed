const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const esc = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:6px 8px;text-align:left;font-size:14px}
th{background:#f7f7f7}a{color:#07c160}form{margin:12px 0}.muted{color:#888}.error{color:#c00}
.pager a,.pager span{margin-right:8px}.member{display:inline-block;margin:4px 8px 4px 0}
</style></head><body>${body}</body></html>`;
}

export const STATUS_LABELS: Record<number, string> = {
  1: '已激活',
  2: '已禁用',
  4: '未激活',
  5: '已退出',
};

/** Query string with some keys replaced (undefined removes the key). */
export function withParams(
  base: Record<string, string | undefined>,
  changes: Record<string, string | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...base, ...changes }))
    if (v !== undefined) params.set(k, v);
  return params.toString();
}

export function pager(
  total: number,
  page: number,
  size: number,
  link: (page: number) => string,
): string {
  const pages = Math.max(1, Math.ceil(total / size));
  const prev = page > 1 ? `<a href="${esc(link(page - 1))}">上一页</a>` : '';
  const next = page < pages ? `<a href="${esc(link(page + 1))}">下一页</a>` : '';
  return `<p class="pager">${prev}<span>第 ${page} / ${pages} 页，共 ${total} 人</span>${next}</p>`;
}
