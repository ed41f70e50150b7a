import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { SessionProvider } from './auth/session-provider';
import { antdLocale } from './i18n/antd-locale';
import { currentLanguage } from './i18n';
import { router } from './router';

const theme = { token: { colorPrimary: '#1f4e8c', borderRadius: 6 } };

export function App() {
  useTranslation(); // re-render the providers when the language changes
  const lng = currentLanguage();
  return (
    <ConfigProvider locale={antdLocale(lng)} theme={theme}>
      <AntApp>
        <SessionProvider>
          <Suspense fallback={<Spin size="large" fullscreen />}>
            <RouterProvider router={router} />
          </Suspense>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
