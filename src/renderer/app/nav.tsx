import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FormOutlined,
  FileTextOutlined,
  PrinterOutlined,
  SwapOutlined,
  SendOutlined,
  SettingOutlined,
  ShareAltOutlined,
  StopOutlined,
  MailOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../../shared/contract';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['admin', 'pr', 'dong', 'dept'];
const STAFF: readonly Role[] = ['admin', 'pr'];

/** The left navigation, in order; each role sees only its own work. */
export const NAV: readonly NavItem[] = [
  { path: '/', label: '대시보드', icon: <DashboardOutlined aria-hidden />, roles: ALL },
  {
    path: '/subscribers',
    label: '구독자',
    icon: <TeamOutlined aria-hidden />,
    roles: ['admin', 'pr', 'dong'],
  },
  { path: '/intake', label: '접수', icon: <FileTextOutlined aria-hidden />, roles: ['admin', 'pr', 'dong'] },
  {
    path: '/stations',
    label: '자료 교환',
    icon: <SwapOutlined aria-hidden />,
    roles: ['admin', 'pr', 'dong'],
  },
  { path: '/campaigns', label: '캠페인', icon: <SendOutlined aria-hidden />, roles: STAFF },
  { path: '/optout', label: '수신거부', icon: <StopOutlined aria-hidden />, roles: STAFF },
  { path: '/bounces', label: '반송 정정', icon: <MailOutlined aria-hidden />, roles: STAFF },
  { path: '/surveys', label: '설문', icon: <FormOutlined aria-hidden />, roles: ['admin', 'pr', 'dept'] },
  { path: '/stats', label: '통계', icon: <BarChartOutlined aria-hidden />, roles: ALL },
  { path: '/reports', label: '보고서', icon: <PrinterOutlined aria-hidden />, roles: ALL },
  { path: '/sns', label: 'SNS', icon: <ShareAltOutlined aria-hidden />, roles: STAFF },
  { path: '/settings', label: '설정', icon: <SettingOutlined aria-hidden />, roles: STAFF },
  { path: '/users', label: '사용자 관리', icon: <UserOutlined aria-hidden />, roles: ['admin'] },
  { path: '/audit', label: '접속기록', icon: <AuditOutlined aria-hidden />, roles: ['admin'] },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((n) => n.roles.includes(role));
}

export function canOpen(role: Role, path: string): boolean {
  const item = NAV.find((n) => n.path === path);
  return !item || item.roles.includes(role);
}
