import { WeComError } from '@orgbridge/wecom';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connectors/kit';
import { classifyDbUnavailable } from './pg-error';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('classifyDbUnavailable', () => {
  it('names the database unreachable for a connection error, also wrapped by the ORM', () => {
    expect(classifyDbUnavailable(refused())?.cause).toBe('unreachable');
    expect(classifyDbUnavailable(new Error('Failed query', { cause: refused() }))?.cause).toBe(
      'unreachable',
    );
    expect(classifyDbUnavailable({ code: '53100', message: 'could not extend file' })?.cause).toBe(
      'storage_full',
    );
  });

  it('never blames the database for a provider whose network failed (a 503 would mislead)', () => {
    const wecom = new WeComError({
      errcode: -1,
      errmsg: 'connect ECONNREFUSED',
      api: 'message/send',
    } as never);
    (wecom as { cause?: unknown }).cause = refused();
    expect(classifyDbUnavailable(wecom)).toBeNull();
    const connector = Object.create(ConnectorError.prototype) as ConnectorError;
    (connector as { cause?: unknown }).cause = refused();
    expect(classifyDbUnavailable(connector)).toBeNull();
    expect(classifyDbUnavailable(new Error('outer', { cause: connector }))).toBeNull();
  });
});
