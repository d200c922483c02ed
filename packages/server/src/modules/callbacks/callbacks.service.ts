import {
  CallbackRefusal,
  type CallbackReply,
  type CallbackRequest,
  type Callbacks,
} from '../../connectors/kit';
import { findConnector, SUPPORTED_THIRD_TYPES } from '../../connectors/registry';
import type { Db } from '../../db/client';
import type { ThirdType } from '../../db/schema';
import { AppError, badRequest } from '../../lib/errors';
import type { DirectorySyncService } from '../directory-sync/sync.service';
import type { ThirdAppConfigService } from '../third-app-config/third-app-config.service';
import { createCallbackApplier, type CallbackApplyOptions } from './applier';
import { createCallbacksRepo } from './callbacks.repo';

/** A click on an approval card, as approval-cards acts on it. */
export interface CardClick {
  /** The clicking member's external user id. */
  fromUser: string;
  /** The key of the clicked button. */
  eventKey: string;
  taskId: string;
  /** Single use, to show the outcome on the card. */
  responseCode: string;
}

/** The thirdTypes with a registered connector, for the URL and for messages naming them. */
export const callbackThirdTypes = (): string[] => [...SUPPORTED_THIRD_TYPES];

const isThirdType = (v: string): v is ThirdType => findConnector(v) !== null;

const unsupported = (thirdType: string) =>
  new AppError(
    'callback.unsupported_type',
    404,
    `No connector receives callbacks for thirdType "${thirdType}". Supported: ${callbackThirdTypes().join(', ')}.`,
    { thirdType, supported: callbackThirdTypes() },
  );

const notConfigured = () =>
  new AppError(
    'callback.not_configured',
    404,
    'No configuration with callback settings exists for this tenant id and provider. Copy the callback URL from 系统管理 → 第三方配置 of the tenant.',
  );

/** Refusal reasons (kit.ts CallbackRefusal) → the error an admin can act on. */
function refused(err: CallbackRefusal): AppError {
  switch (err.reason) {
    case 'signature':
      return new AppError('callback.signature_invalid', 403, err.message);
    case 'account':
      return new AppError('callback.receive_id_mismatch', 403, err.message);
    case 'malformed':
      return badRequest('callback.malformed', err.message);
    case 'decrypt':
      return badRequest('callback.decrypt_failed', err.message);
  }
}

function opened<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CallbackRefusal) throw refused(err);
    throw err;
  }
}

/**
 * Provider contact callbacks (PRODUCT.md §5.7): URL verification, then verified, de-duplicated,
 * stored neutral contact changes (connectors/kit.ts), applied in the background by the applier.
 * The connector of the thirdType checks, decrypts and reads every request.
 */
export function createCallbacksService(deps: {
  db: Db;
  runtime: ThirdAppConfigService['runtime'];
  sync: Pick<DirectorySyncService, 'runNow' | 'runTargeted'>;
  options?: CallbackApplyOptions;
  /** Acts on a click on an approval card (PRODUCT.md §8); clicks are ignored without it. */
  cards?: { handleClick(tenantId: number, click: CardClick): Promise<unknown> };
}) {
  const repo = createCallbacksRepo(deps.db);
  const applier = createCallbackApplier({ repo, sync: deps.sync, options: deps.options });

  /** Throws the 404 of an unknown thirdType (before any tenant is looked up). */
  function thirdTypeOf(raw: string): ThirdType {
    if (!isThirdType(raw)) throw unsupported(raw);
    return raw;
  }

  /** The tenant's callbacks; a disabled config still verifies (events wait until it is enabled). */
  async function callbacksFor(tenantId: number, thirdType: ThirdType): Promise<Callbacks> {
    let callbacks: Callbacks | undefined;
    try {
      const rt = await deps.runtime(tenantId, thirdType, { requireEnabled: false });
      callbacks = rt.connector.callbacks;
    } catch (err) {
      if (err instanceof AppError && err.status < 500) throw notConfigured();
      throw err;
    }
    if (!callbacks) throw unsupported(thirdType);
    return callbacks;
  }

  return {
    thirdTypeOf,

    /** GET verification: what to answer (WeCom: the decrypted echostr as plain text). */
    async verifyUrl(
      rawThirdType: string,
      tenantId: number,
      req: CallbackRequest,
    ): Promise<CallbackReply> {
      const thirdType = thirdTypeOf(rawThirdType);
      const callbacks = await callbacksFor(tenantId, thirdType);
      const reply = opened(() => callbacks.verify(req));
      if (!reply)
        throw badRequest(
          'callback.malformed',
          'This is not a URL verification request of the provider: its verification parameters are missing.',
        );
      return reply;
    },

    /**
     * One POSTed event: verified, decrypted, stored once (the connector's de-duplication key, so
     * the provider's retries of a delivery are no-ops). Card clicks are stored once as handled and
     * acted on; other messages are acknowledged and not stored.
     */
    async receive(rawThirdType: string, tenantId: number, req: CallbackRequest) {
      const thirdType = thirdTypeOf(rawThirdType);
      const callbacks = await callbacksFor(tenantId, thirdType);
      const out = opened(() => callbacks.open(req));
      const { reply, dedupeKey: key } = out;
      if (out.clicks.length > 0) {
        // Stored once like every event, so a retry of a click is not acted on twice.
        let fresh = false;
        for (const [i, c] of out.clicks.entries()) {
          const stored = await repo.insertHandledEvent(
            tenantId,
            thirdType,
            i === 0 ? key : `${key}#${i}`,
            {
              extId: c.userId,
              payload: { event: 'card.click', taskId: c.taskId, key: c.eventKey },
            },
          );
          const click: CardClick = {
            fromUser: c.userId,
            eventKey: c.eventKey,
            taskId: c.taskId,
            responseCode: c.responseCode,
          };
          if (stored && deps.cards) await deps.cards.handleClick(tenantId, click);
          fresh ||= stored;
        }
        return { kind: 'card' as const, stored: fresh, reply };
      }
      if (out.changes.length === 0)
        return { kind: 'ignored' as const, what: out.ignored ?? null, reply };
      const stored = await repo.insertEvents(tenantId, thirdType, key, out.changes);
      if (stored) applier.notify(tenantId, thirdType);
      return { kind: 'contact' as const, kinds: out.changes.map((c) => c.kind), stored, reply };
    },

    start: applier.start,
    reconcile: applier.reconcile,
    stop: applier.stop,
  };
}
export type CallbacksService = ReturnType<typeof createCallbacksService>;
