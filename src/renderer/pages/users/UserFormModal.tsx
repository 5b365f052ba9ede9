import { App, Button, Checkbox, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/contract';
import type { UserRow } from '../../../shared/contract/users';
import { FormModal } from '../../components/FormModal';
import { applyServerError } from '../../components/formErrors';
import { generatePassword, PasswordHint, passwordRule } from '../../components/PasswordHint';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { useSession } from '../../app/session';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  dongId: number | null;
  department: string | null;
  password: string;
  mustChangePassword: boolean;
  active: boolean;
}

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserRow } | null;

const ROLE_HELP: Record<Role, string> = {
  admin: '사용자·설정·접속기록을 포함한 모든 기능',
  pr: '구독자, 캠페인, 수신거부, 설문, 통계, SNS',
  dong: '담당 동의 구독자 접수와 통계만',
  dept: '부서 설문 결과와 통계 열람',
};

/** 사용자 추가 / 사용자 정보 수정. Server field errors land on the fields. */
export function UserFormModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { message } = App.useApp();
  const { user: me } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const username = Form.useWatch('username', form);
  const password = Form.useWatch('password', form);
  const { data: ref } = useReference();
  const invalidates = ['users.list', 'dashboard.summary'] as const;
  const create = useInvokeMutation('users.create', { invalidates: [...invalidates] });
  const update = useInvokeMutation('users.update', { invalidates: [...invalidates] });
  const isEdit = editing?.mode === 'edit';
  // an administrator cannot demote or switch off their own account (and lock themselves out)
  const isSelf = editing?.mode === 'edit' && editing.user.id === me.id;

  const close = () => {
    setError(null);
    onClose();
  };

  async function submit(v: Values) {
    setError(null);
    const common = {
      displayName: v.displayName,
      role: v.role,
      dongId: v.role === 'dong' ? (v.dongId ?? null) : null,
      department: v.role === 'dept' ? v.department?.trim() || null : null,
    };
    try {
      if (editing?.mode === 'edit') {
        await update.mutateAsync({ id: editing.user.id, active: v.active, ...common });
        message.success(`${v.displayName} 님의 정보를 저장했습니다.`);
      } else {
        await create.mutateAsync({
          username: v.username,
          password: v.password,
          mustChangePassword: v.mustChangePassword,
          ...common,
        });
        message.success(`${v.displayName}(${v.username}) 사용자를 추가했습니다.`);
      }
      close();
    } catch (e) {
      setError(applyServerError(form, e));
    }
  }

  const initialValues: Partial<Values> =
    editing?.mode === 'edit'
      ? { ...editing.user }
      : { role: 'pr', mustChangePassword: true, active: true, dongId: null, department: null };

  return (
    <FormModal<Values>
      title={isEdit ? '사용자 정보 수정' : '사용자 추가'}
      name={isEdit ? 'userEdit' : 'userCreate'}
      open={editing !== null}
      form={form}
      initialValues={initialValues}
      onFinish={submit}
      onCancel={close}
      okText={isEdit ? '저장' : '추가'}
      busy={create.isPending || update.isPending}
      error={error}
    >
      <Form.Item
        label="아이디"
        name="username"
        rules={[{ required: !isEdit, whitespace: true, message: '아이디를 입력하세요.' }]}
      >
        <Input autoFocus={!isEdit} disabled={isEdit} maxLength={32} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="이름"
        name="displayName"
        rules={[{ required: true, whitespace: true, message: '이름을 입력하세요.' }]}
      >
        <Input autoFocus={isEdit} maxLength={40} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="권한"
        name="role"
        extra={isSelf ? '자기 계정의 권한은 바꿀 수 없습니다.' : role ? ROLE_HELP[role] : undefined}
        rules={[{ required: true }]}
      >
        <Select
          disabled={isSelf}
          showSearch={{ optionFilterProp: 'label' }}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
      </Form.Item>
      {role === 'dong' && (
        <Form.Item
          label="담당 행정동"
          name="dongId"
          rules={[{ required: true, message: '담당 행정동을 고르세요.' }]}
        >
          <Select
            placeholder="고르세요"
            showSearch={{ optionFilterProp: 'label' }}
            options={(ref?.dongs ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      )}
      {role === 'dept' && (
        <Form.Item
          label="부서명"
          name="department"
          rules={[{ required: true, whitespace: true, message: '부서명을 입력하세요.' }]}
        >
          <Input maxLength={60} placeholder="예: 문화체육과" />
        </Form.Item>
      )}
      {isEdit ? (
        <Form.Item
          label="계정 사용"
          name="active"
          valuePropName="checked"
          extra={isSelf ? '자기 계정은 사용 중지할 수 없습니다.' : '끄면 이 사용자는 로그인할 수 없습니다.'}
        >
          <Switch disabled={isSelf} checkedChildren="사용" unCheckedChildren="중지" />
        </Form.Item>
      ) : (
        <>
          <Form.Item label="임시 비밀번호" required htmlFor="userCreate_password">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="password"
                noStyle
                rules={[
                  { required: true, message: '임시 비밀번호를 입력하세요.' },
                  passwordRule(() => username),
                ]}
              >
                <Input autoComplete="new-password" />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('password', generatePassword())}>자동 생성</Button>
            </Space.Compact>
            <div style={{ marginTop: 4 }}>
              <PasswordHint password={password} username={username} />
            </div>
          </Form.Item>
          <Form.Item name="mustChangePassword" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>처음 로그인할 때 비밀번호를 바꾸게 합니다</Checkbox>
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
