import { ROOT_DEPT_ID, type DingTalkClient } from '@orgbridge/dingtalk';
import type { ConnectorError, DiagnosticCheck, Diagnostics } from '../kit';
import { DIAGNOSTIC_TEXTS as TEXTS } from './diagnostics-texts';
import { providerCodeOf, toConnectorError } from './errors';

/** getsendprogress for an unknown task: the app and AgentId were accepted (UNCONFIRMED code). */
const UNKNOWN_TASK = 400002;
/** A task id no send returns: the probe never touches a real notice. */
const PROBE_TASK_ID = 1;
/** Departments sampled for members when the root has none of its own. */
const MEMBER_SAMPLE = 10;

function asProviderError(err: unknown): ConnectorError {
  const e = toConnectorError(err) as ConnectorError;
  // Anything that is not a DingTalk answer is our bug, not a finding: let it surface as a 500.
  if (!e.info) throw err;
  return e;
}

function failed(id: string, err: unknown): DiagnosticCheck {
  const e = asProviderError(err);
  return {
    id,
    status: 'fail',
    error: { providerCode: e.info.providerCode, providerMessage: e.info.providerMessage },
    explanation: e.info.explanation,
  };
}

async function check(id: string, fn: () => Promise<DiagnosticCheck>): Promise<DiagnosticCheck> {
  try {
    return await fn();
  } catch (err) {
    return failed(id, err);
  }
}

/** The contact scope (通讯录权限范围, `auth/scopes`): the whole organisation or a part. */
async function contactScope(client: DingTalkClient): Promise<DiagnosticCheck> {
  const scope = await client.scopes();
  const facts = {
    departments: scope.deptIds.length,
    members: scope.userIds.length,
    wholeOrganisation: scope.deptIds.includes(ROOT_DEPT_ID),
  };
  if (facts.wholeOrganisation) return { id: 'contact_scope', status: 'ok', facts };
  if (facts.departments === 0 && facts.members === 0)
    return { id: 'contact_scope', status: 'fail', facts, explanation: TEXTS.emptyScope };
  return { id: 'contact_scope', status: 'warn', facts, explanation: TEXTS.partialScope };
}

async function departments(client: DingTalkClient): Promise<DiagnosticCheck> {
  const root = await client.department.get(ROOT_DEPT_ID);
  const children = await client.department.listSub(ROOT_DEPT_ID);
  return {
    id: 'departments',
    status: 'ok',
    facts: { root: root.name, subDepartments: children.length },
  };
}

/** One page of members from the root, else from its first sub-departments. */
async function members(client: DingTalkClient): Promise<DiagnosticCheck> {
  const ids = [
    ROOT_DEPT_ID,
    ...(await client.department.listSubIds(ROOT_DEPT_ID)).slice(0, MEMBER_SAMPLE),
  ];
  for (const id of ids) {
    const page = await client.user.listPage(id, 0);
    if (page.users.length > 0)
      return {
        id: 'members',
        status: 'ok',
        facts: {
          department: id,
          firstPage: page.users.length,
          mobileDisclosed: page.users.some((u) => u.mobile !== undefined),
        },
      };
  }
  return {
    id: 'members',
    status: 'warn',
    facts: { departmentsSampled: ids.length },
    explanation: TEXTS.noMembers,
  };
}

/**
 * Message permission without sending: the progress of a task that cannot exist. DingTalk checks
 * the AgentId against the token's app (60011 another app's) before it looks the task up, so
 * "unknown task" means the pair is accepted.
 */
async function message(client: DingTalkClient, agentId: number): Promise<DiagnosticCheck> {
  try {
    await client.message.getSendProgress(agentId, PROBE_TASK_ID);
  } catch (err) {
    if (providerCodeOf(err) !== UNKNOWN_TASK) return failed('message', err);
  }
  return {
    id: 'message',
    status: 'ok',
    facts: { probe: 'getsendprogress', delivered: 0, agentId },
    explanation: TEXTS.messageProbe,
  };
}

/**
 * Checks what the integration needs and explains every finding with its fix (PRODUCT.md §5.1):
 * token (Client ID / Secret), contact scope, departments, members, work-notice permission.
 * Reads only; the message probe cannot deliver anything.
 */
export async function runDingTalkDiagnostics(
  client: DingTalkClient,
  agentId: number,
): Promise<Diagnostics> {
  const checks: DiagnosticCheck[] = [];
  try {
    await client.getToken();
    checks.push({ id: 'token', status: 'ok' });
  } catch (err) {
    checks.push(failed('token', err));
    for (const id of ['contact_scope', 'departments', 'members', 'message'])
      checks.push({ id, status: 'skipped', explanation: TEXTS.skippedAfterToken });
    return { ok: false, checks, egressIp: null };
  }
  checks.push(await check('contact_scope', () => contactScope(client)));
  checks.push(await check('departments', () => departments(client)));
  checks.push(await check('members', () => members(client)));
  checks.push(await check('message', () => message(client, agentId)));
  return { ok: checks.every((c) => c.status !== 'fail'), checks, egressIp: null };
}
