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

  // Each of these passes a check of the raw text and only turns into `//host` (or `/\\host`, or a
  // control character) once resolved or decoded: the check must look at the normalised result.
  it.each([
    '/..//evil.example',
    '/../..//evil.example/x?y=1',
    '/a/..//evil.example',
    '/.%2e//evil.example',
    '/%2e%2e//evil.example',
    '/a/%2E%2E//evil.example',
    '/%2f%2fevil.example',
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '/%5cevil.example',
    '/%5C%5Cevil.example',
    '/%09/evil.example',
    '/%0a/evil.example',
    '/x%00y',
    '/%E0%A4%A', // malformed percent-encoding
    '/a//b',
  ])('refuses %j, which only becomes unsafe once normalised', (raw) => {
    expect(safeReturnPath(raw, PUBLIC)).toBeNull();
  });

  it('normalises harmless dot segments and keeps queries that mention URLs', () => {
    expect(safeReturnPath('/a/./b/../c', PUBLIC)).toBe('/a/c');
    expect(safeReturnPath('/..', PUBLIC)).toBe('/');
    expect(safeReturnPath('/tenantId/1000?from=//x', PUBLIC)).toBe('/tenantId/1000?from=//x');
    expect(safeReturnPath('/%E4%B8%AD', PUBLIC)).toBe('/%E4%B8%AD');
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

  it('never yields a path that is, or decodes to, `//`, `/\\` or a control character (property)', () => {
    const piece = fc.constantFrom(
      '/',
      '.',
      '..',
      '%2e',
      '%2f',
      '%2F',
      '%5c',
      '%09',
      'a',
      '\\',
      '?',
      '#',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const path = safeReturnPath('/' + parts.join(''), PUBLIC);
        if (path === null) return;
        const pathname = new URL(path, PUBLIC).pathname;
        for (const form of [pathname, decodeURIComponent(pathname)]) {
          expect(form.startsWith('/')).toBe(true);
          // eslint-disable-next-line no-control-regex -- control characters are what must not appear
          expect(form).not.toMatch(/\/\/|\\|[\u0000-\u001f]/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
