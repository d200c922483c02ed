const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The console's one date-time form, in every language: `YYYY-MM-DD HH:mm`, local time. zh-CN
 * writes dates year first anyway, and in English it is the one order no reader takes for
 * day/month or month/day (en-GB and en-US disagree on "07/12"). Dates arrive as epoch ms or ISO
 * strings; missing or unreadable ones show a dash. The language argument is accepted so callers
 * need not care that both languages read the same.
 */
export function formatTime(value: string | number | null | undefined, _language?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
