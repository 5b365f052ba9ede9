import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { AuditPage } from '../pages/audit/AuditPage';
import { BouncesPage } from '../pages/bounces/BouncesPage';
import { CampaignPage } from '../pages/campaigns/CampaignPage';
import { CampaignsPage } from '../pages/campaigns/CampaignsPage';
import { ComposePage } from '../pages/campaigns/ComposePage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { IntakePage } from '../pages/intake/IntakePage';
import { OptOutPage } from '../pages/optout/OptOutPage';
import { ReportsPage } from '../pages/reports/ReportsPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { SnsPage } from '../pages/sns/SnsPage';
import { StatsPage } from '../pages/stats/StatsPage';
import { StationsPage } from '../pages/stations/StationsPage';
import { ImportPage } from '../pages/subscribers/import/ImportPage';
import { PersonPage } from '../pages/subscribers/PersonPage';
import { SubscribersPage } from '../pages/subscribers/SubscribersPage';
import { BuilderPage } from '../pages/surveys/BuilderPage';
import { SurveyPage } from '../pages/surveys/SurveyPage';
import { SurveysPage } from '../pages/surveys/SurveysPage';
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

function NotFound() {
  const { pathname } = useLocation();
  return <Result status="404" title="없는 화면입니다" subTitle={pathname} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<DashboardPage />} />
      <Route
        path="/optout"
        element={
          <Guard path="/optout">
            <OptOutPage />
          </Guard>
        }
      />
      <Route
        path="/subscribers"
        element={
          <Guard path="/subscribers">
            <SubscribersPage />
          </Guard>
        }
      />
      {/* before /subscribers/:id, or 'import' would be taken for a person's id */}
      <Route
        path="/subscribers/import"
        element={
          <Guard path="/subscribers">
            <ImportPage />
          </Guard>
        }
      />
      <Route
        path="/stations/*"
        element={
          <Guard path="/stations">
            <StationsPage />
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
        path="/campaigns"
        element={
          <Guard path="/campaigns">
            <CampaignsPage />
          </Guard>
        }
      />
      <Route
        path="/campaigns/new"
        element={
          <Guard path="/campaigns">
            <ComposePage />
          </Guard>
        }
      />
      <Route
        path="/campaigns/:id"
        element={
          <Guard path="/campaigns">
            <CampaignPage />
          </Guard>
        }
      />
      <Route
        path="/campaigns/:id/edit"
        element={
          <Guard path="/campaigns">
            <ComposePage />
          </Guard>
        }
      />
      <Route
        path="/surveys"
        element={
          <Guard path="/surveys">
            <SurveysPage />
          </Guard>
        }
      />
      <Route
        path="/surveys/new"
        element={
          <Guard path="/surveys">
            <BuilderPage />
          </Guard>
        }
      />
      <Route
        path="/surveys/:id"
        element={
          <Guard path="/surveys">
            <SurveyPage />
          </Guard>
        }
      />
      <Route
        path="/surveys/:id/edit"
        element={
          <Guard path="/surveys">
            <BuilderPage />
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
        path="/reports"
        element={
          <Guard path="/reports">
            <ReportsPage />
          </Guard>
        }
      />
      <Route
        path="/reports/:name"
        element={
          <Guard path="/reports">
            <ReportsPage />
          </Guard>
        }
      />
      <Route
        path="/sns"
        element={
          <Guard path="/sns">
            <SnsPage />
          </Guard>
        }
      />
      <Route
        path="/bounces"
        element={
          <Guard path="/bounces">
            <BouncesPage />
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
