import type { WeComClient } from '@orgbridge/wecom';
import type { ConnectorError, DiagnosticCheck, Diagnostics } from '../kit';
import { DIAGNOSTIC_TEXTS as TEXTS } from './diagnostics-texts';
import { toConnectorError } from './errors';

/** Member counting reads one page per department; past this many the count is a lower bound. */
export const MAX_DEPARTMENTS_COUNTED = 200;

/** WeCom 60020 不安全的访问IP: the caller IP is not in the app's 企业可信IP. */
const UNTRUSTED_IP = 60020;
/** WeCom 82001: touser/toparty/totag all empty — the answer the send probe expects. */
const NO_RECIPIENTS = 82001;

export interface WeComDiagnosticsDeps {
  /** Client on the app Secret (自建应用 Secret). */
  app: WeComClient;
  agentId: number;
  /** Client on the contacts-sync Secret (通讯录同步), when configured. */
  contacts: WeComClient | null;
}

function asProviderError(err: unknown): ConnectorError {
  const e = toConnectorError(err) as ConnectorError;
  // Anything that is not a WeCom answer is our bug, not a finding: let it surface as a 500.
  if (!e.info) throw err;
  return e;
}

function failed(id: string, err: unknown): DiagnosticCheck {
  const e = asProviderError(err);
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

const isUntrustedIp = (err: unknown) => asProviderError(err).info.providerCode === UNTRUSTED_IP;

/** Runs `fn` over `items`, at most `width` at a time (the client's governor caps per API too). */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Distinct members of the visible departments (direct members per department, de-duplicated). */
async function countMembers(app: WeComClient, departmentIds: number[]): Promise<DiagnosticCheck> {
  const scanned = departmentIds.slice(0, MAX_DEPARTMENTS_COUNTED);
  const userIds = new Set<string>();
  await pool(scanned, 5, async (id) => {
    for (const u of await app.user.simplelist(id)) userIds.add(u.userId.toLowerCase());
  });
  const facts = {
    members: userIds.size,
    departmentsScanned: scanned.length,
    complete: scanned.length === departmentIds.length,
  };
  if (userIds.size === 0) {
    return { id: 'members', status: 'warn', facts, explanation: TEXTS.noMembers };
  }
  return { id: 'members', status: 'ok', facts };
}

/**
 * Message permission without sending anything: `message/send` naming no recipient. WeCom checks
 * the AgentId against the token's app (40056 unknown, 301002 another app's), the secret kind
 * (48002 for the contacts-sync secret) and the content (44004) before answering 82001 "recipients empty"; 82001 therefore
 * means the pair is accepted, and nobody can receive it. What this cannot prove: that a given
 * member is reachable (visible range, counted by the members check) or the daily quota.
 */
async function probeMessaging(app: WeComClient, agentId: number): Promise<DiagnosticCheck> {
  try {
    await app.message.send({
      agentid: agentId,
      touser: '',
      msgtype: 'text',
      // Content must be valid or WeCom stops at 44004 before it looks at the recipients.
      text: { content: 'OrgBridge connection test (no recipients, never delivered)' },
    });
  } catch (err) {
    const e = asProviderError(err);
    if (e.info.providerCode === NO_RECIPIENTS) {
      return {
        id: 'message',
        status: 'ok',
        facts: { probe: 'send-without-recipients', delivered: 0, agentId },
        explanation: TEXTS.messageProbe,
      };
    }
    return failed('message', err);
  }
  // WeCom accepted a send without recipients: nothing was delivered, but we learnt nothing either.
  return { id: 'message', status: 'warn', facts: { agentId }, explanation: TEXTS.messageUnclear };
}

/** 通讯录同步 Secret: its own token, then `user/list_id` (whole corp; 48002 on an app secret). */
async function checkContactSecret(contacts: WeComClient | null): Promise<DiagnosticCheck> {
  if (!contacts) {
    return {
      id: 'contact_secret',
      status: 'skipped',
      facts: { configured: false },
      explanation: TEXTS.contactSecretMissing,
    };
  }
  try {
    await contacts.getToken();
    const members = new Set<string>();
    for await (const row of contacts.user.listAllIds()) members.add(row.userId.toLowerCase());
    const departments = await contacts.department.simplelist();
    return {
      id: 'contact_secret',
      status: 'ok',
      facts: { configured: true, members: members.size, departments: departments.length },
    };
  } catch (err) {
    return failed('contact_secret', err);
  }
}

const skipped = (ids: string[], why: keyof typeof TEXTS): DiagnosticCheck[] =>
  ids.map((id) => ({ id, status: 'skipped', explanation: TEXTS[why] }));

const result = (checks: DiagnosticCheck[]): Diagnostics => ({
  ok: checks.every((c) => c.status !== 'fail'),
  checks,
});

/**
 * Checks each capability the integration needs and explains every finding with its fix
 * (PRODUCT.md §5.1): token (40001/40013), 企业可信IP (60020 with the IP to add), visible
 * departments and members, message permission, and the contacts-sync secret. Reads only; the
 * message probe cannot deliver anything.
 */
export async function runWeComDiagnostics(deps: WeComDiagnosticsDeps): Promise<Diagnostics> {
  // The address WeCom sees (PRODUCT.md §8): named by a harmless refusal, else by any finding.
  const probed = await deps.app.probeEgressIp().catch(() => null);
  const checks = await runChecks(deps);
  const named = checks.find((c) => c.error?.fromIp)?.error?.fromIp ?? null;
  return { ...result(checks), egressIp: probed ?? named };
}

async function runChecks(deps: WeComDiagnosticsDeps): Promise<DiagnosticCheck[]> {
  const { app } = deps;
  try {
    await app.getToken();
  } catch (err) {
    const rest = skipped(['trusted_ip', 'departments', 'members', 'message'], 'skippedAfterToken');
    return [failed('token', err), ...rest, await checkContactSecret(deps.contacts)];
  }
  const checks: DiagnosticCheck[] = [{ id: 'token', status: 'ok' }];

  let departmentIds: number[];
  try {
    departmentIds = (await app.department.list()).map((d) => d.id);
  } catch (err) {
    if (!isUntrustedIp(err)) {
      checks.push({ id: 'trusted_ip', status: 'ok' }, failed('departments', err));
      checks.push(...skipped(['members'], 'skippedAfterDepartments'));
      checks.push(await probeMessaging(app, deps.agentId), await checkContactSecret(deps.contacts));
      return checks;
    }
    checks.push(failed('trusted_ip', err));
    checks.push(...skipped(['departments', 'members', 'message'], 'skippedAfterIp'));
    return [...checks, await checkContactSecret(deps.contacts)];
  }
  // department/list is a business API, so its success shows WeCom accepted this server's IP.
  checks.push({ id: 'trusted_ip', status: 'ok', facts: { checkedWith: 'department/list' } });
  checks.push(
    departmentIds.length > 0
      ? { id: 'departments', status: 'ok', facts: { departments: departmentIds.length } }
      : {
          id: 'departments',
          status: 'warn',
          facts: { departments: 0 },
          explanation: TEXTS.noDepartments,
        },
  );
  try {
    checks.push(await countMembers(app, departmentIds));
  } catch (err) {
    checks.push(failed('members', err));
  }
  checks.push(await probeMessaging(app, deps.agentId));
  checks.push(await checkContactSecret(deps.contacts));
  return checks;
}
