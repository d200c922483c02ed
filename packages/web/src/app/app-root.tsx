import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { router } from './router';
import { SessionProvider } from './session';

const theme = {
  token: { colorPrimary: '#1f6feb', borderRadius: 6 },
  components: { Layout: { headerBg: '#ffffff', siderBg: '#001529' } },
};

/** Providers shared by every page: antd locale following the UI language, session, router. */
export function AppRoot() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntdApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
