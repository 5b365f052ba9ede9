import { Layout, Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { AppHeader } from './AppHeader';
import { navFor } from './nav';
import { AppRoutes } from './routes';
import { useSession } from './session';

const { Sider, Content } = Layout;

/** Left navigation for the user's role, the header, and the current page. */
export function Shell() {
  const { user, status } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = navFor(user.role);
  const selected = items.find((i) => i.path !== '/' && pathname.startsWith(i.path))?.path ?? '/';

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Sider width={208} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
        <div style={{ padding: '18px 20px 14px', color: '#fff' }}>
          <div style={{ fontSize: 19, fontWeight: 700, letterSpacing: '-0.01em' }}>소통창구</div>
          <div style={{ fontSize: 12, opacity: 0.7, marginTop: 2 }}>{status.wardName} 전자소통</div>
        </div>
        <nav aria-label="주 메뉴">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={items.map((i) => ({ key: i.path, icon: i.icon, label: i.label }))}
            onClick={(e) => navigate(e.key)}
          />
        </nav>
      </Sider>
      <Layout>
        <AppHeader />
        <Content style={{ padding: 24, maxWidth: 1400, width: '100%' }}>
          <main>
            <AppRoutes />
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
