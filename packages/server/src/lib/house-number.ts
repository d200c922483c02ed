import { randomInt } from 'node:crypto';

const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 门牌号: 6 random upper-case alphanumerics. Uniqueness is enforced by the database. */
export function generateHouseNumber(): string {
  let out = '';
  for (let i = 0; i < 6; i++) out += CHARS[randomInt(CHARS.length)];
  return out;
}
