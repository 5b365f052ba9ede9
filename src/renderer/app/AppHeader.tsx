import { EnvironmentOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Divider, Flex, Layout, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../shared/contract';
import { useReference } from '../hooks/useReference';
import { ChangePasswordForm } from '../pages/auth/ChangePasswordForm';
import { useSession } from './session';

/** Ward, this computer's station, who is signed in, and the way out. */
export function AppHeader() {
  const { status, user, logout, setUser } = useSession();
  const { dongName } = useReference();
  const [changing, setChanging] = useState(false);
  const { message } = App.useApp();
  const scope = user.role === 'dong' ? dongName(user.dongId) : user.role === 'dept' ? user.department : null;

  return (
    <Layout.Header style={{ borderBottom: '1px solid #e5e9f0', position: 'sticky', top: 0, zIndex: 10 }}>
      <Flex align="center" justify="space-between" style={{ height: '100%' }}>
        <Flex align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {status.wardName}
          </Typography.Text>
          {status.stationName && (
            <Typography.Text type="secondary">
              <EnvironmentOutlined aria-hidden /> {status.stationName}
            </Typography.Text>
          )}
        </Flex>
        <Flex align="center" gap={4}>
          <UserOutlined aria-hidden style={{ color: '#8a94a6' }} />
          <Typography.Text strong data-testid="current-user">
            {user.displayName}
          </Typography.Text>
          <Tag color="blue" style={{ marginInlineStart: 6 }}>
            {ROLE_LABELS[user.role]}
            {scope ? ` · ${scope}` : ''}
          </Tag>
          <Divider orientation="vertical" />
          <Button type="text" icon={<KeyOutlined aria-hidden />} onClick={() => setChanging(true)}>
            비밀번호 변경
          </Button>
          <Button type="text" icon={<LogoutOutlined aria-hidden />} onClick={() => void logout()}>
            로그아웃
          </Button>
        </Flex>
      </Flex>
      <Modal
        title="비밀번호 변경"
        open={changing}
        onCancel={() => setChanging(false)}
        footer={null}
        destroyOnHidden
        styles={{ header: { marginBottom: 20 } }}
      >
        <ChangePasswordForm
          user={user}
          onChanged={(u) => {
            setUser(u);
            setChanging(false);
            message.success('비밀번호를 바꿨습니다.');
          }}
        />
      </Modal>
    </Layout.Header>
  );
}
