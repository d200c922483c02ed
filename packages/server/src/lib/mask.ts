/** 13812345678 → 138****5678; anything too short to keep digits is masked whole. */
export function maskMobile(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 8) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
