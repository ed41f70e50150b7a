import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { RequirePermission } from './auth/require-permission';
import { RequireSession } from './auth/require-session';
import { CONSOLE_PAGES } from './shell/console-pages';
import { ConsoleLayout } from './shell/console-layout';
import { NotFoundPage } from './shell/not-found-page';

const LoginPage = lazy(() => import('./platform/login/login-page'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <ConsoleLayout />
      </RequireSession>
    ),
    children: [
      ...CONSOLE_PAGES.map(({ path, permission, component: Page }) => ({
        ...(path === '/' ? { index: true } : { path: path.slice(1) }),
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
