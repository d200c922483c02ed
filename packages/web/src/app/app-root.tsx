import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useSyncExternalStore } from 'react';
import { RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiQueryProvider } from '../api/query-client';
import { router } from './router';
import { SessionProvider } from './session';

/**
 * antd's defaults fail WCAG AA (4.5:1 for text) on secondary text, tags and links; every colour
 * below was measured against the backgrounds it sits on (white, #fafafa table headers, #f5f5f5
 * fills and the tags' own light backgrounds). Ratios are noted beside each.
 */
const readableText = {
  // Secondary stays antd's 65 % black (#595959): 7.0 on white, 6.4 on #f5f5f5.
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  // antd: 45 % black (#8c8c8c, 3.4). 60 % black (#666): 5.7 on white, 5.5 on #fafafa, 5.3 on #f5f5f5.
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  // antd: 25 % black (#bfbfbf, 1.8). 56 % black (#707070): 4.9 on white.
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  // antd's link follows the brand blue (#1f6feb: 4.4 on #fafafa, 4.2 on #f0f5ff). #1a5fd0: 5.9 on
  // white, 5.3 on #f0f5ff selected rows.
  colorLink: '#1a5fd0',
  colorLinkHover: '#3b7be0',
  colorLinkActive: '#124aa8',
  // Form errors and danger text (antd #ff4d4f: 3.3). #cf1322: 5.6 on white, 5.1 on #fff2f0.
  colorError: '#cf1322',
  colorErrorText: '#cf1322',
  // antd #52c41a / #faad14 as text: 2.3 / 1.9. #237804: 5.6; #ad4e00: 5.4 on white.
  colorSuccessText: '#237804',
  colorWarningText: '#ad4e00',
};

/**
 * Tags draw text in palette shade 7 on shade 1 (preset colours) or in the status colour on its
 * background: antd's green 7 (3.4), orange 7 (3.3) and gold 7 (2.8) and the status colours fail.
 * Only inside Tag they move one or two shades darker: green #237804 on #f6ffed 5.4, orange
 * #ad4e00 on #fff7e6 5.1, gold #874d00 on #fffbe6 6.5, lime/volcano/magenta likewise; blue 7
 * (#0958d9 on #e6f4ff 5.5) and red 7 (#cf1322 on #fff1f0 5.1) already pass.
 */
const readableTag = {
  green7: '#237804',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  volcano7: '#ad2102',
  magenta7: '#9e1068',
  cyan7: '#006d75',
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
  colorInfo: '#0958d9',
  colorError: '#cf1322',
};

const brand = {
  token: { colorPrimary: '#1f6feb', borderRadius: 6, ...readableText },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#001529' },
    Tag: readableTag,
    // A table's empty text is drawn in the disabled colour (25 % black, 1.8): 60 % black, 5.7.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
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
      // antd puts a space between two CJK characters of a button ("取 消"): beside 取消绑定 it read
      // like another word, and no other button in the console is spaced.
      button={{ autoInsertSpace: false }}
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
