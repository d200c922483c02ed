import { App } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { linkRequestsApi, type LinkRequest } from '../../api/link-requests';
import { queryKeys } from '../../api/query-keys';
import { useInvalidate } from '../../api/use-query-scope';
import { useSession } from '../../app/session';
import { errorText, useApiError } from '../../components/use-api-error';

export interface LinkRequests {
  /** Null until loaded (or for a WeCom sign-in session, which may not answer them). */
  records: LinkRequest[] | null;
  /** Only a password session may answer: the owner proves who they are with their password. */
  available: boolean;
  /** Why the list could not be loaded (shown on the page; the notice just stays away). */
  loadError: string | null;
  /** The id being accepted or refused. */
  busy: number | null;
  /** The notice was closed for now (the requests stay; the page still lists them). */
  dismissed: boolean;
  dismiss(): void;
  reload(): Promise<void>;
  accept(request: LinkRequest): Promise<void>;
  refuse(request: LinkRequest): Promise<void>;
}

const LinkRequestsContext = createContext<LinkRequests | null>(null);

/**
 * The signed-in owner's pending link requests, shared by the notice on every page and the
 * 关联请求 page, so answering one in either place updates both.
 */
export function LinkRequestsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const session = useSession();
  const { refresh } = session;
  const available = session.status === 'ready' && session.scopeTenantId === null;
  const userId = session.me?.userInfo.id ?? null;
  const [busy, setBusy] = useState<number | null>(null);
  // Closing the notice holds for the account that closed it.
  const [dismissedBy, setDismissedBy] = useState<number | null>(null);
  const dismissed = userId !== null && dismissedBy === userId;
  const client = useQueryClient();
  const invalidate = useInvalidate();
  const queryKey = queryKeys.linkRequests({ userId, tenantId: null });
  const query = useQuery({
    queryKey,
    queryFn: async () => (await linkRequestsApi.list()).records,
    enabled: available,
    // Loaded behind every page: a failure must not interrupt whatever the user is doing.
    retry: false,
  });
  // A failed load shows an empty list on the page, with the reason; the notice stays away.
  const { data, error } = query;
  const records = useMemo(() => data ?? (error ? [] : null), [data, error]);
  const loadError = error ? errorText(t, error) : null;

  const reload = useCallback(async () => {
    if (available) await client.invalidateQueries({ queryKey: queryKeys.all('linkRequests') });
  }, [available, client]);

  const decide = useCallback(
    async (request: LinkRequest, accept: boolean) => {
      setBusy(request.id);
      try {
        if (accept) {
          const result = await linkRequestsApi.accept(request.id);
          const vars = { tenant: request.tenantName, name: request.wechatName };
          void message.success(
            t(
              result.membershipStatus === 3
                ? 'account.link.acceptedPending'
                : 'account.link.accepted',
              vars,
            ),
            6,
          );
          // A new (pending) membership: the tenant switcher and 我的租户 show it.
          await refresh().catch(() => undefined);
        } else {
          await linkRequestsApi.refuse(request.id);
          void message.success(t('account.link.refused', { tenant: request.tenantName }));
        }
      } catch (error) {
        report(error);
      } finally {
        setBusy(null);
        await invalidate('linkRequestDecided');
      }
    },
    [message, refresh, invalidate, report, t],
  );

  const value = useMemo<LinkRequests>(
    () => ({
      records: available ? records : null,
      available,
      loadError,
      busy,
      dismissed,
      dismiss: () => setDismissedBy(userId),
      reload,
      accept: (request) => decide(request, true),
      refuse: (request) => decide(request, false),
    }),
    [available, records, loadError, busy, dismissed, userId, reload, decide],
  );
  return <LinkRequestsContext.Provider value={value}>{children}</LinkRequestsContext.Provider>;
}

export function useLinkRequests(): LinkRequests {
  const value = useContext(LinkRequestsContext);
  if (!value) throw new Error('useLinkRequests must be used inside LinkRequestsProvider');
  return value;
}
