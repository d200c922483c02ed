import type { ConnectorInstance } from '../../connectors/kit';
import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS, type ThirdType } from '../../db/schema';
import { isUniqueViolation } from '../../lib/pg-error';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createBindingsWriter } from '../bindings/bindings.writer';
import { createMemberships } from '../tenants/tenants.memberships';
import { insertAccount } from '../users/users.service';
import { LoginRefusal } from './third-login.outcomes';
import { createThirdLoginRepo } from './third-login.repo';

/**
 * Username of an account created for a WeCom member: the tenant's house number (门牌号) followed
 * by the WeCom userid — the rule sync uses (PRODUCT.md §5.2), so a later sync matches the account.
 */
export function syncedUsername(houseNumber: string, extUserId: string): string {
  return houseNumber + extUserId;
}

export interface ProvisionInput {
  tenantId: number;
  houseNumber: string;
  /** The provider whose sign-in this is (the binding is filed under it). */
  thirdType: ThirdType;
  corpId: string;
  extUserId: string;
  connector: Pick<ConnectorInstance, 'directory'>;
}

/** The member's name from WeCom (user/get), or null when WeCom will not say (visible range…). */
export async function externalName(
  connector: Pick<ConnectorInstance, 'directory'>,
  extUserId: string,
): Promise<string | null> {
  try {
    const member = await connector.directory.member(extUserId);
    return member?.name || null;
  } catch {
    return null;
  }
}

/**
 * Tenant policy `create`: an unbound WeCom member gets an active account, membership and binding
 * at first sign-in. The account has no password: nobody could be told one safely here, and a
 * guessable one (`same-as-username`) must not exist without a forced change that a WeCom-only
 * member could not perform. Throws `create_conflict` when the username is already taken.
 */
export async function provisionMember(db: Db, input: ProvisionInput): Promise<number> {
  const username = syncedUsername(input.houseNumber, input.extUserId);
  if (await createThirdLoginRepo(db).usernameTaken(username)) {
    throw new LoginRefusal('create_conflict');
  }
  // Fetch outside the transaction: no provider call while holding database locks.
  const name = (await externalName(input.connector, input.extUserId)) ?? input.extUserId;
  try {
    return await db.transaction(async (tx) => {
      const userId = await insertAccount(tx, {
        username,
        realname: name,
        passwordHash: null,
      });
      await createMemberships(tx).insertMembership(input.tenantId, {
        userId,
        status: MEMBERSHIP_STATUS.normal,
        role: 'member',
      });
      const member = {
        thirdType: input.thirdType,
        corpId: input.corpId,
        extUserId: input.extUserId,
      };
      const bindings = createBindingsWriter(tx);
      await bindings.insertBinding(input.tenantId, {
        ...member,
        userId,
        extName: name,
        active: true,
      });
      // The member signed in themselves: an earlier unbind no longer keeps syncs from pairing it.
      await bindings.clearUnpaired(input.tenantId, member);
      await createAuditRecorder(tx).record(input.tenantId, {
        actorUserId: userId,
        action: 'third_login.account_created',
        targetType: 'user',
        targetId: userId,
        details: { thirdType: input.thirdType, extUserId: input.extUserId, username },
      });
      return userId;
    });
  } catch (err) {
    // A concurrent first sign-in of the same member (or a sync) created it meanwhile.
    if (isUniqueViolation(err, 'users_username_uq')) throw new LoginRefusal('create_conflict');
    if (isUniqueViolation(err, 'third_accounts_ext_uq')) throw new LoginRefusal('create_conflict');
    throw err;
  }
}
