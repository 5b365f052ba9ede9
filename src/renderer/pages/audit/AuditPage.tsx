import { keepPreviousData } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { AuditRow } from '../../../shared/contract/audit';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { useReference } from '../../hooks/useReference';
import { formatDateTime, formatNumber } from '../../lib/format';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';
import { actionLabel, describeDetail, originLabel, roleLabel, targetLabel } from './auditLabels';
import { useVerify, VerifyButton, VerifyResult } from './VerifyButton';

interface Query {
  from?: string;
  to?: string;
  username?: string;
  action?: string;
}

function toQuery(v: AuditFilterValues): Query {
  const [start, end] = v.period ?? [];
  return {
    from: start ? start.startOf('day').toISOString() : undefined,
    // 'to' is exclusive on the server: the start of the day after the chosen end date
    to: end ? end.add(1, 'day').startOf('day').toISOString() : undefined,
    username: v.username?.trim() || undefined,
    action: v.action || undefined,
  };
}

export function AuditPage() {
  const [query, setQuery] = useState<Query>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const list = useInvoke('audit.list', { ...query, ...page }, { placeholderData: keepPreviousData });
  const users = useInvoke('users.list', {});
  const verify = useVerify();
  const { dongName } = useReference();

  const userName = useMemo(() => {
    const m = new Map((users.data?.items ?? []).map((u) => [u.id, `${u.displayName}(${u.username})`]));
    return (id: string | null) => (id ? (m.get(id) ?? id) : '');
  }, [users.data]);

  const columns: ColumnsType<AuditRow> = [
    {
      title: '일시',
      dataIndex: 'at',
      width: 150,
      className: 'tabular',
      render: (d: string) => formatDateTime(d),
    },
    { title: '아이디', dataIndex: 'username', width: 120 },
    { title: '권한', dataIndex: 'role', width: 80, render: roleLabel },
    { title: '작업', dataIndex: 'action', width: 130, render: actionLabel },
    {
      title: '대상',
      key: 'target',
      width: 200,
      render: (_, r) =>
        r.targetType === 'user'
          ? `${targetLabel(r.targetType)} ${userName(r.targetId)}`
          : [targetLabel(r.targetType), r.targetId].filter(Boolean).join(' '),
    },
    {
      title: '접속 위치',
      key: 'where',
      width: 140,
      render: (_, r) => [originLabel(r.origin), r.address].filter(Boolean).join(' · '),
    },
    {
      title: '내용',
      dataIndex: 'detail',
      ellipsis: { showTitle: false },
      render: (d: string | null, r) => {
        const text = [r.reason, describeDetail(d, dongName)].filter(Boolean).join(' — ');
        return <span title={text}>{text}</span>;
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="접속기록"
        description="로그인, 개인정보 조회·변경, 권한 변경, 설정 변경을 기록합니다. 기록은 지울 수 없고, 위·변조 검사로 고쳐진 기록이 있는지 확인할 수 있습니다."
        extra={<VerifyButton verify={verify} />}
      />
      <VerifyResult verify={verify} />
      <AuditFilters
        onSearch={(v) => {
          setQuery(toQuery(v));
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      <FormError message={list.isError ? list.error.message : null} />
      <Table<AuditRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [50, 100, 200],
          showTotal: (t) => <Typography.Text type="secondary">모두 {formatNumber(t)}건</Typography.Text>,
          onChange: (p, s) => setPage({ page: s === page.pageSize ? p : 1, pageSize: s }),
        }}
      />
    </>
  );
}
