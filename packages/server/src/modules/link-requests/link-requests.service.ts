/**
 * The owner's side of link requests (PRODUCT.md §7): a tenant's sync asks an account it does not
 * own to be bound to one of its WeCom members; nothing is bound, and no membership is created,
 * until the account's owner accepts — here, signed in with their own password, or at the WeCom
 * sign-in's link-by-password step (`acceptLinkRequest`).
 */
import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS, type ThirdType } from '../../db/schema';
import { AppError, conflict } from '../../lib/errors';
import { isUniqueViolation } from '../../lib/pg-error';
import type { SessionInfo } from '../../lib/route';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createBindingsWriter } from '../bindings/bindings.writer';
import { createLinkRequestsRepo, type LockedRequest } from './link-requests.repo';

const requestNotFound = () =>
  new AppError(
    'link_requests.not_found',
    404,
    'This link request does not exist or is not addressed to your account. Reload the list.',
  );

const alreadyDecided = () =>
  conflict(
    'link_requests.already_decided',
    'This link request was already accepted, refused or withdrawn. Reload the list.',
  );

const alreadyBound = () =>
  conflict(
    'link_requests.already_bound',
    'The member or your account was bound to someone else in that tenant meanwhile, so the request cannot be accepted now. Ask the tenant administrator to check the binding.',
  );

/**
 * Accepts a locked, pending request inside the caller's transaction: membership (created or
 * reopened as pending, 审核中; active and pending kept), the binding, the 移出 marker gone, the
 * request decided, an audit entry. Throws `link_requests.already_bound` when a binding stands in
 * the way (the caller's transaction then rolls back and the request stays pending).
 */
async function acceptLocked(tx: Db, r: LockedRequest, ip: string | undefined): Promise<number> {
  const repo = createLinkRequestsRepo(tx);
  const membershipStatus = await repo.ensurePendingMembership(r.tenantId, r.userId);
  const inTheWay = await repo.bindingsInTheWay(r);
  const same = inTheWay.find(
    (b) => b.user_id === r.userId && b.ext_user_id.toLowerCase() === r.extUserId.toLowerCase(),
  );
  if (inTheWay.length > (same ? 1 : 0)) throw alreadyBound();
  const bindings = createBindingsWriter(tx);
  const binding = { extUserId: r.extUserId, extName: r.extName, extData: r.extData };
  if (same) {
    // A binding of this very pair left inactive (the member had left the corp): live again.
    await bindings.reviveBinding(r.tenantId, same.id, binding);
  } else {
    await bindings.insertBinding(r.tenantId, {
      thirdType: r.thirdType,
      corpId: r.corpId,
      userId: r.userId,
      ...binding,
      active: true,
    });
  }
  // The owner consented: an earlier unbind no longer keeps syncs from pairing the member.
  await bindings.clearUnpaired(r.tenantId, r);
  await repo.decide(r.tenantId, r.id, 'accepted');
  await createAuditRecorder(tx).record(r.tenantId, {
    actorUserId: r.userId,
    action: 'link_request.accepted',
    targetType: 'user',
    targetId: r.userId,
    details: { requestId: r.id, thirdType: r.thirdType, extUserId: r.extUserId, membershipStatus },
    ip,
  });
  return membershipStatus;
}

/** A concurrent binding that slipped past the check surfaces as a unique violation. */
async function mapBindingRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (
      isUniqueViolation(err, 'third_accounts_ext_uq') ||
      isUniqueViolation(err, 'third_accounts_user_uq')
    ) {
      throw alreadyBound();
    }
    throw err;
  }
}

/**
 * Accepts the pending request asking `userId` to link this WeCom member, if there is one — for
 * the WeCom sign-in's link-by-password step, where proving the password is the owner's consent.
 * `accepted: false` when no such request is pending; `membershipStatus` is then the account's
 * current status in the tenant (0 when it has no membership). Throws 409
 * `link_requests.already_bound` when a binding got in the way (the request stays pending).
 */
export async function acceptLinkRequest(
  db: Db,
  input: {
    tenantId: number;
    thirdType: ThirdType;
    corpId: string;
    extUserId: string;
    userId: number;
    ip?: string;
  },
): Promise<{ accepted: boolean; membershipStatus: number }> {
  return mapBindingRace(() =>
    db.transaction(async (tx) => {
      const repo = createLinkRequestsRepo(tx);
      const r = await repo.lockPendingFor(input);
      if (!r) {
        const status = await repo.membershipStatus(input.tenantId, input.userId);
        return { accepted: false, membershipStatus: status ?? 0 };
      }
      return { accepted: true, membershipStatus: await acceptLocked(tx, r, input.ip) };
    }),
  );
}

export function createLinkRequestsService(deps: {
  db: Db;
  /** Told (after commit) when accepting made the membership pending (PRODUCT.md §8). */
  onPending?: (tenantId: number, userId: number) => void;
}) {
  const { db } = deps;
  const repo = createLinkRequestsRepo(db);

  /** Locks the caller's own pending request `id`, or throws 404 / 409. */
  async function lockOwnPending(tx: Db, session: SessionInfo, id: number) {
    const r = await createLinkRequestsRepo(tx).lockOfUser(session.userId, id);
    if (!r) throw requestNotFound();
    if (r.status !== 'pending') throw alreadyDecided();
    return r;
  }

  return {
    async listMine(session: SessionInfo) {
      const records = await repo.listPendingOfUser(session.userId);
      return { records, total: records.length };
    },

    async accept(session: SessionInfo, id: number, ip: string) {
      const out = await mapBindingRace(() =>
        db.transaction(async (tx) => {
          const r = await lockOwnPending(tx, session, id);
          return { tenantId: r.tenantId, membershipStatus: await acceptLocked(tx, r, ip) };
        }),
      );
      if (out.membershipStatus === MEMBERSHIP_STATUS.pending)
        deps.onPending?.(out.tenantId, session.userId);
      return out;
    },

    async refuse(session: SessionInfo, id: number, ip: string): Promise<void> {
      await db.transaction(async (tx) => {
        const r = await lockOwnPending(tx, session, id);
        await createLinkRequestsRepo(tx).decide(r.tenantId, r.id, 'refused');
        await createAuditRecorder(tx).record(r.tenantId, {
          actorUserId: session.userId,
          action: 'link_request.refused',
          targetType: 'user',
          targetId: session.userId,
          details: { requestId: r.id, thirdType: r.thirdType, extUserId: r.extUserId },
          ip,
        });
      });
    },
  };
}
export type LinkRequestsService = ReturnType<typeof createLinkRequestsService>;
