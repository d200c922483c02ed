import { createHash } from 'node:crypto';
import {
  CallbackCryptoError,
  createCallbackCrypto,
  extractEncrypt,
  type CallbackQuery,
} from '@orgbridge/wecom/crypto';
import type { Db } from '../../db/client';
import type { ThirdType } from '../../db/schema';
import { AppError, badRequest } from '../../lib/errors';
import type { DirectorySyncService } from '../directory-sync/sync.service';
import type { ThirdAppConfigService } from '../third-app-config/third-app-config.service';
import { createCallbackApplier, type CallbackApplyOptions } from './applier';
import { createCallbacksRepo } from './callbacks.repo';
import { CallbackXmlError, parseCallbackXml, type CardClick } from './event-xml';

const THIRD_TYPE: ThirdType = 'wechat_enterprise';

const notConfigured = () =>
  new AppError(
    'callback.not_configured',
    404,
    'No WeCom configuration with callback settings exists for this tenant id. Copy the callback URL from 系统管理 → 第三方配置 → 企业微信集成 of the tenant.',
  );

/** Library codes of WXBizMsgCrypt (doc /90968) → the refusal an admin can act on. */
function cryptoRefusal(err: CallbackCryptoError): AppError {
  switch (err.code) {
    case -40001:
      return new AppError(
        'callback.signature_invalid',
        403,
        "msg_signature does not match: the request was not signed with this tenant's callback Token. Paste the Token shown in 企业微信集成 into the app's 接收事件服务器 settings.",
      );
    case -40005:
      return new AppError(
        'callback.receive_id_mismatch',
        403,
        "The message was encrypted for another corp than this tenant's CorpID. Check that the callback URL belongs to the tenant connected to this corp.",
      );
    case -40002:
      return badRequest(
        'callback.malformed',
        'The body is not a WeCom callback envelope: send the XML with an <Encrypt> element as text/xml.',
      );
    default:
      return badRequest(
        'callback.decrypt_failed',
        "The message could not be decrypted with this tenant's EncodingAESKey. Paste the EncodingAESKey shown in 企业微信集成 into the app's 接收事件服务器 settings.",
      );
  }
}

/**
 * WeCom contact callbacks (PRODUCT.md §5.7): URL verification, then verified, de-duplicated,
 * stored change_contact events, applied in the background by the applier.
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

  /** The tenant's crypto; a disabled config still verifies (events wait until it is enabled). */
  async function cryptoFor(tenantId: number) {
    try {
      const rt = await deps.runtime(tenantId, THIRD_TYPE, { requireEnabled: false });
      return createCallbackCrypto({
        token: rt.settings.callbackToken as string,
        encodingAesKey: rt.settings.encodingAesKey as string,
        receiveId: rt.corpId,
      });
    } catch (err) {
      if (err instanceof AppError && err.status < 500) throw notConfigured();
      throw err;
    }
  }

  function open<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CallbackCryptoError) throw cryptoRefusal(err);
      throw err;
    }
  }

  return {
    /** GET verification (验证URL有效性): the decrypted echostr, to answer as plain text. */
    async verifyUrl(tenantId: number, q: CallbackQuery & { echostr: string }): Promise<string> {
      const crypto = await cryptoFor(tenantId);
      return open(() => crypto.verifyUrl(q));
    },

    /**
     * One POSTed event: verified, decrypted, stored once (sha256 of the plaintext is the
     * de-duplication key, so WeCom's retries of a delivery are no-ops). Other messages are
     * acknowledged and not stored: a self-built app's URL also receives members' messages.
     */
    async receive(tenantId: number, q: CallbackQuery, body: unknown) {
      if (typeof body !== 'string')
        throw badRequest(
          'callback.malformed',
          'The body is not a WeCom callback envelope: send the XML with an <Encrypt> element as text/xml.',
        );
      const crypto = await cryptoFor(tenantId);
      const plaintext = open(() => crypto.decrypt(q, extractEncrypt(body)));
      let parsed;
      try {
        parsed = parseCallbackXml(plaintext);
      } catch (err) {
        if (err instanceof CallbackXmlError)
          throw badRequest(
            'callback.malformed',
            `The decrypted callback is unreadable: ${err.message}.`,
          );
        throw err;
      }
      if (parsed.kind === 'ignored') return parsed;
      const key = createHash('sha256').update(plaintext).digest('hex');
      if (parsed.kind === 'card') {
        // Stored once like every event, so WeCom's retry of a click is not acted on twice.
        const { click } = parsed;
        const fresh = await repo.insertHandledEvent(tenantId, THIRD_TYPE, key, {
          extId: click.fromUser,
          payload: { event: 'template_card_event', taskId: click.taskId, key: click.eventKey },
        });
        if (fresh && deps.cards) await deps.cards.handleClick(tenantId, click);
        return { kind: 'card' as const, stored: fresh };
      }
      const stored = await repo.insertEvent(tenantId, THIRD_TYPE, key, parsed.change);
      if (stored) applier.notify(tenantId, THIRD_TYPE);
      return { kind: 'contact' as const, changeType: parsed.change.changeType, stored };
    },

    start: applier.start,
    reconcile: applier.reconcile,
    stop: applier.stop,
  };
}
export type CallbacksService = ReturnType<typeof createCallbacksService>;
