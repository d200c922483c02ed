import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from './actions';

const LOCALES = fileURLToPath(new URL('../../../../web/src/i18n/locales/', import.meta.url));

describe('the audit action catalogue', () => {
  it('names every action area.snake_case, once', () => {
    for (const a of AUDIT_ACTIONS) expect(a).toMatch(/^[a-z][a-z_]*\.[a-z][a-z_]*$/);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  for (const language of ['zh-CN', 'en']) {
    it(`has a console label for every action in ${language}, and none for unknown ones`, () => {
      const file = JSON.parse(readFileSync(`${LOCALES}${language}/audit.json`, 'utf8')) as {
        actions: Record<string, Record<string, string>>;
      };
      const labelled = Object.entries(file.actions).flatMap(([area, names]) =>
        Object.keys(names).map((name) => `${area}.${name}`),
      );
      expect([...labelled].sort()).toEqual([...AUDIT_ACTIONS].sort());
      for (const [area, names] of Object.entries(file.actions))
        for (const text of Object.values(names)) expect(text.trim(), area).not.toBe('');
    });
  }
});
