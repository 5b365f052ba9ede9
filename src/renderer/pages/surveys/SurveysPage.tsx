import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SURVEY_STATUS_LABELS, type SurveyRow } from '../../../shared/contract/surveys';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { formatDate, formatNumber } from '../../lib/format';
import { SURVEY_STATUS_COLORS } from './labels';
import { RequestsTab } from './RequestsTab';

function SurveyList() {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useInvoke('surveys.list', { page, pageSize: 50 }, { placeholderData: (p) => p });
  const columns: ColumnsType<SurveyRow> = [
    {
      title: '설문',
      dataIndex: 'title',
      render: (title: string, s) => (
        <a
          href={`#/surveys/${s.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/surveys/${s.id}`);
          }}
        >
          {title}
        </a>
      ),
    },
    { title: '부서', dataIndex: 'department', width: 130 },
    {
      title: '상태',
      dataIndex: 'status',
      width: 90,
      render: (s: SurveyRow['status'], r) => (
        <>
          <Tag color={SURVEY_STATUS_COLORS[s]}>{SURVEY_STATUS_LABELS[s]}</Tag>
          {r.anonymous && <Tag>익명</Tag>}
        </>
      ),
    },
    {
      title: '기간',
      key: 'period',
      width: 200,
      className: 'tabular',
      render: (_, s) => `${formatDate(s.opensAt)} ~ ${formatDate(s.closesAt)}`,
    },
    { title: '초대', dataIndex: 'participants', width: 80, align: 'right', render: formatNumber },
    { title: '응답', dataIndex: 'completed', width: 80, align: 'right', render: formatNumber },
  ];
  return (
    <Table<SurveyRow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isLoading}
      locale={{ emptyText: '설문이 없습니다.' }}
      pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
    />
  );
}

/** 설문: the surveys and the departments' requests. */
export function SurveysPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const isPr = user.role === 'pr' || user.role === 'admin';
  return (
    <>
      <PageHeader
        title="설문"
        description="정책고객(여론조사 분야 수신 동의자)에게 설문을 보내고 참여와 결과를 봅니다."
        extra={
          isPr && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate('/surveys/new')}
            >
              새 설문
            </Button>
          )
        }
      />
      <Tabs
        items={[
          { key: 'surveys', label: '설문 목록', children: <SurveyList /> },
          { key: 'requests', label: '설문 요청', children: <RequestsTab /> },
        ]}
      />
    </>
  );
}
