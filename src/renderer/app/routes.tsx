import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { AuditPage } from '../pages/audit/AuditPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { IntakePage } from '../pages/intake/IntakePage';
import { OptOutPage } from '../pages/optout/OptOutPage';
import { UPCOMING, type UpcomingPath } from '../pages/placeholder/upcoming';
import { UpcomingPage } from '../pages/placeholder/UpcomingPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { StatsPage } from '../pages/stats/StatsPage';
import { PersonPage } from '../pages/subscribers/PersonPage';
import { SubscribersPage } from '../pages/subscribers/SubscribersPage';
import { UsersPage } from '../pages/users/UsersPage';
import { canOpen } from './nav';
import { useSession } from './session';

function Guard({ path, children }: { path: string; children: ReactNode }) {
  const { user } = useSession();
  if (!canOpen(user.role, path))
    return (
      <Result
        status="403"
        title="이 화면을 볼 권한이 없습니다"
        subTitle="필요하면 관리자에게 권한을 요청하세요."
      />
    );
  return <>{children}</>;
}

/** Pages of the subscriber registry that replaced their placeholders. */
const REGISTRY_ROUTES = new Set<string>(['/subscribers', '/intake', '/stats']);

function NotFound() {
  const { pathname } = useLocation();
  return <Result status="404" title="없는 화면입니다" subTitle={pathname} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<DashboardPage />} />
      {/* listed before the UPCOMING placeholders so it wins over the '/optout' placeholder */}
      <Route
        path="/optout"
        element={
          <Guard path="/optout">
            <OptOutPage />
          </Guard>
        }
      />
      {(Object.keys(UPCOMING) as UpcomingPath[])
        .filter((p) => !REGISTRY_ROUTES.has(p))
        .map((p) => (
          <Route
            key={p}
            path={p}
            element={
              <Guard path={p}>
                <UpcomingPage path={p} />
              </Guard>
            }
          />
        ))}
      <Route
        path="/subscribers"
        element={
          <Guard path="/subscribers">
            <SubscribersPage />
          </Guard>
        }
      />
      <Route
        path="/subscribers/:id"
        element={
          <Guard path="/subscribers">
            <PersonPage />
          </Guard>
        }
      />
      <Route
        path="/intake"
        element={
          <Guard path="/intake">
            <IntakePage />
          </Guard>
        }
      />
      <Route
        path="/stats"
        element={
          <Guard path="/stats">
            <StatsPage />
          </Guard>
        }
      />
      <Route
        path="/settings"
        element={
          <Guard path="/settings">
            <SettingsPage />
          </Guard>
        }
      />
      <Route
        path="/users"
        element={
          <Guard path="/users">
            <UsersPage />
          </Guard>
        }
      />
      <Route
        path="/audit"
        element={
          <Guard path="/audit">
            <AuditPage />
          </Guard>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
