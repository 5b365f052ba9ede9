import { Space, Tag, Tooltip } from 'antd';
import type { UserRow } from '../../../shared/contract/users';
import { formatDateTime } from '../../lib/format';

/** 사용 중 / 잠김 / 사용중지 / 비밀번호 변경 대기, as tags. */
export function UserStatus({ user }: { user: UserRow }) {
  const tags = [];
  if (!user.active) tags.push(<Tag key="off">사용중지</Tag>);
  if (user.locked)
    tags.push(
      <Tooltip key="lock" title={user.lockedUntil ? `${formatDateTime(user.lockedUntil)}까지` : undefined}>
        <Tag color="error">잠김</Tag>
      </Tooltip>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tag key="pw" color="warning">
        비밀번호 변경 대기
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="on" color="success">
        사용 중
      </Tag>,
    );
  return (
    <Space size={4} wrap>
      {tags}
    </Space>
  );
}
