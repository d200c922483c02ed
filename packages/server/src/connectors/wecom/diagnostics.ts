import type { WeComClient } from '@orgbridge/wecom';
import type { ConnectorError, DiagnosticCheck, Diagnostics } from '../kit';
import { toConnectorError } from './errors';

function failed(id: string, err: unknown): DiagnosticCheck {
  const e = toConnectorError(err) as ConnectorError;
  if (!e.info) throw err;
  return {
    id,
    status: 'fail',
    error: {
      providerCode: e.info.providerCode,
      providerMessage: e.info.providerMessage,
      ...(e.info.fromIp ? { fromIp: e.info.fromIp } : {}),
    },
    explanation: e.info.explanation,
  };
}

/**
 * Checks each capability the integration needs and explains every failure with its fix.
 * Reads only; sends nothing.
 */
export async function runWeComDiagnostics(app: WeComClient): Promise<Diagnostics> {
  const checks: DiagnosticCheck[] = [];
  try {
    await app.getToken();
    checks.push({ id: 'token', status: 'ok' });
  } catch (err) {
    checks.push(failed('token', err));
    return { ok: false, checks };
  }
  try {
    const departments = await app.department.list();
    checks.push({ id: 'departments', status: 'ok', facts: { departments: departments.length } });
    const root = departments[0];
    if (root) {
      const members = await app.user.simplelist(root.id);
      checks.push({
        id: 'members',
        status: 'ok',
        facts: { membersInFirstDepartment: members.length },
      });
    }
  } catch (err) {
    checks.push(failed('departments', err));
  }
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}
