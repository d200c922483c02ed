export const esc = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f7;color:#171a1d}
header{background:#0089ff;color:#fff;padding:12px 20px;font-size:18px}
main{max-width:860px;margin:16px auto;padding:0 12px}
.card{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:10px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
a{color:#0089ff;text-decoration:none}.muted{color:#747677;font-size:13px}
.btn{display:inline-block;background:#0089ff;color:#fff;border-radius:6px;padding:6px 14px;border:0;cursor:pointer}
table{width:100%;border-collapse:collapse}td,th{padding:6px;border-bottom:1px solid #eee;text-align:left;font-size:14px}
input{padding:6px;border:1px solid #ccc;border-radius:6px;width:60%}
</style></head><body><header>${esc(title)}</header><main>${body}</main></body></html>`;
}
