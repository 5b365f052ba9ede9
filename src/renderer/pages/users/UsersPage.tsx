import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../shared/contract';
import type { UserRow } from '../../../shared/contract/users';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { formatDateTime } from '../../lib/format';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';
import { UserStatus } from './UserStatus';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserRow } | null;

export function UsersPage() {
  const { message } = App.useApp();
  const users = useInvoke('users.list', {});
  const { dongName } = useReference();
  const [editing, setEditing] = useState<Editing>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const unlock = useInvokeMutation('users.unlock', { invalidates: ['users.list', 'dashboard.summary'] });

  const columns: ColumnsType<UserRow> = [
    { title: '아이디', dataIndex: 'username', width: 140 },
    { title: '이름', dataIndex: 'displayName', width: 120 },
    {
      title: '권한',
      dataIndex: 'role',
      width: 100,
      render: (r: UserRow['role']) => <Tag color={r === 'admin' ? 'purple' : 'blue'}>{ROLE_LABELS[r]}</Tag>,
    },
    { title: '담당 동', dataIndex: 'dongId', width: 120, render: (d: number | null) => dongName(d) },
    { title: '부서', dataIndex: 'department', width: 120, render: (d: string | null) => d ?? '' },
    { title: '상태', key: 'status', width: 180, render: (_, u) => <UserStatus user={u} /> },
    {
      title: '마지막 로그인',
      dataIndex: 'lastLoginAt',
      width: 150,
      className: 'tabular',
      render: (d: string | null) => (d ? formatDateTime(d) : '없음'),
    },
    {
      title: '작업',
      key: 'actions',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', user: u })}>
            수정
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            비밀번호 재설정
          </Button>
          {u.locked && (
            <Button
              type="link"
              size="small"
              loading={unlock.isPending && unlock.variables?.id === u.id}
              onClick={() =>
                unlock.mutate(
                  { id: u.id },
                  {
                    onSuccess: () =>
                      message.success(`${u.displayName}(${u.username}) 계정의 잠금을 풀었습니다.`),
                    onError: (e) => message.error(errorMessage(e)),
                  },
                )
              }
            >
              잠금 해제
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="사용자 관리"
        description="소통창구를 쓰는 직원의 계정과 권한입니다. 권한을 바꾸거나 사용을 중지하면 그 사람은 다시 로그인해야 합니다."
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setEditing({ mode: 'create' })}
          >
            사용자 추가
          </Button>
        }
      />
      <FormError message={users.isError ? users.error.message : null} />
      <Table<UserRow>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isPending}
        pagination={false}
        size="middle"
        scroll={{ x: 1100 }}
      />
      <UserFormModal editing={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
