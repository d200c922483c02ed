import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

const PUBLIC = 'https://orgbridge.example.com';

describe('safeReturnPath', () => {
  it('keeps same-origin relative paths with query and fragment', () => {
    expect(safeReturnPath(undefined, PUBLIC)).toBe('/');
    expect(safeReturnPath('', PUBLIC)).toBe('/');
    expect(safeReturnPath('/system/users?page=2#top', PUBLIC)).toBe('/system/users?page=2#top');
    expect(safeReturnPath('/a/../b', PUBLIC)).toBe('/b');
  });

  it.each([
    'https://evil.example',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    ' /x',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,x',
    'x/y',
    '?a=1',
    '#frag',
    `/${'a'.repeat(600)}`,
  ])('refuses %j', (raw) => {
    expect(safeReturnPath(raw, PUBLIC)).toBeNull();
  });

  it('never yields anything that leaves PUBLIC_URL (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        const path = safeReturnPath(raw, PUBLIC);
        if (path === null) return;
        expect(path.startsWith('/')).toBe(true);
        expect(path.startsWith('//')).toBe(false);
        expect(new URL(path, PUBLIC).origin).toBe(PUBLIC);
      }),
      { numRuns: 2000 },
    );
  });
});
