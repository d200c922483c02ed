import { Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { thirdLoginApi } from '../../api/third-login';
import { LanguageSwitch } from '../../app/layout/language-switch';
import { AuthShell } from '../Login/auth-shell';
import { FailureCard, type Failure } from './failure-card';
import { LinkForm } from './link-form';
import { useAdoptLogin } from './use-adopt-login';

type View =
  | { kind: 'exchanging' }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'link'; linkToken: string; userid: string; tenantId?: number };

function tenantOf(params: URLSearchParams): number | undefined {
  const raw = params.get('tenantId');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** What the callback put in the fragment; read once, before the address bar is cleaned. */
function initialView(params: URLSearchParams): View {
  const tenantId = tenantOf(params);
  const userid = params.get('userid') ?? undefined;
  const link = params.get('link');
  if (params.get('ticket')) return { kind: 'exchanging' };
  if (link) return { kind: 'link', linkToken: link, userid: userid ?? '', tenantId };
  const code = params.get('error') ?? 'state_invalid';
  return {
    kind: 'failed',
    failure: { code, tenantId, userid, errcode: params.get('errcode') ?? undefined },
  };
}

/**
 * `/oauth2-app/login`: where the WeCom callback lands. The one-time ticket arrives in the URL
 * fragment (never sent to any server, never in logs), is removed from the address bar at once,
 * and is exchanged for a session.
 */
export function OAuthLandingPage() {
  const { t } = useTranslation();
  const adopt = useAdoptLogin();
  const [params] = useState(() => new URLSearchParams(window.location.hash.slice(1)));
  const [view, setView] = useState<View>(() => initialView(params));
  // React's strict mode runs effects twice; a ticket can be spent only once.
  const spent = useRef(false);

  useEffect(() => {
    window.history.replaceState(window.history.state, '', window.location.pathname);
    const ticket = params.get('ticket');
    if (!ticket || spent.current) return;
    spent.current = true;
    thirdLoginApi
      .exchange(ticket)
      .then(adopt)
      .catch((error: unknown) => {
        const code =
          error instanceof ApiError && error.errorCode?.startsWith('third_login.')
            ? error.errorCode.slice('third_login.'.length)
            : 'unknown';
        setView({ kind: 'failed', failure: { code, tenantId: tenantOf(params) } });
      });
  }, [params, adopt]);

  return (
    <AuthShell corner={<LanguageSwitch />}>
      {view.kind === 'exchanging' && (
        <div style={{ textAlign: 'center' }} data-testid="oauth-exchanging">
          <Spin size="large" />
          <Typography.Paragraph style={{ marginTop: 16 }}>
            {t('thirdLogin.signingIn')}
          </Typography.Paragraph>
        </div>
      )}
      {view.kind === 'failed' && <FailureCard failure={view.failure} />}
      {view.kind === 'link' && (
        <LinkForm
          linkToken={view.linkToken}
          userid={view.userid}
          onGiveUp={() =>
            setView({
              kind: 'failed',
              failure: { code: 'unbound', tenantId: view.tenantId, userid: view.userid },
            })
          }
        />
      )}
    </AuthShell>
  );
}
