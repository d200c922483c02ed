import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useSyncExternalStore } from 'react';
import { RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiQueryProvider } from '../api/query-client';
import { router } from './router';
import { SessionProvider } from './session';

const brand = {
  token: { colorPrimary: '#1f6feb', borderRadius: 6 },
  components: { Layout: { headerBg: '#ffffff', siderBg: '#001529' } },
};
const stillTheme = { ...brand, token: { ...brand.token, motion: false } };

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const subscribeMotion = (onChange: () => void) => {
  reducedMotion.addEventListener('change', onChange);
  return () => reducedMotion.removeEventListener('change', onChange);
};

/** True when the user asked their system for less motion: menus, dialogs and toasts then appear at once. */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribeMotion, () => reducedMotion.matches);
}

/**
 * Providers shared by every page: antd locale following the UI language, motion following the
 * system's reduced-motion preference, the query cache, session, router.
 */
export function AppRoot() {
  const { i18n } = useTranslation();
  const still = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={still ? stillTheme : brand}
    >
      <AntdApp>
        <ApiQueryProvider>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </ApiQueryProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
