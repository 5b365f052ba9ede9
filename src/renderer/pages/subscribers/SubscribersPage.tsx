import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useDeferredValue, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  AGE_BAND_KEYS,
  CHANNEL_LABELS,
  GENDER_LABELS,
  KIND_LABELS,
  STATUS_LABELS,
  type SubscriberFilters,
  type SubscriberListItem,
} from '../../../shared/contract/subscribers';
import { AGE_BAND_LABELS } from '../../../shared/text/dates';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { applyServerError } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { formatDate, formatNumber } from '../../lib/format';

const PAGE = 200;

/** 구독자 찾기: search + filters over a server-paged, virtualised table (never 100k DOM rows). */
export function SubscribersPage() {
  const navigate = useNavigate();
  const { user } = useSession();
  const ref = useReference();
  const [q, setQ] = useState('');
  const dq = useDeferredValue(q.trim());
  const [filters, setFilters] = useState<SubscriberFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE);
  const [exporting, setExporting] = useState(false);

  const all: SubscriberFilters = { ...filters, q: dq || undefined };
  const list = useInvoke(
    'subscribers.list',
    { ...all, offset: (page - 1) * pageSize, limit: pageSize, sort: 'name' },
    { placeholderData: (prev) => prev },
  );
  const set = <K extends keyof SubscriberFilters>(k: K, v: SubscriberFilters[K] | undefined) => {
    setFilters((f) => ({ ...f, [k]: v ?? undefined }));
    setPage(1);
  };

  const columns: ColumnsType<SubscriberListItem> = [
    {
      title: '이름',
      dataIndex: 'name',
      width: 160,
      render: (n: string, s) => (
        <a
          href={`#/subscribers/${s.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/subscribers/${s.id}`);
          }}
        >
          {n}
        </a>
      ),
    },
    {
      title: '구분',
      dataIndex: 'kind',
      width: 70,
      render: (k: SubscriberListItem['kind']) => KIND_LABELS[k],
    },
    {
      title: '휴대전화',
      dataIndex: 'mobile',
      width: 140,
      className: 'tabular',
      render: (m: string | null) => m ?? '',
    },
    {
      title: '이메일',
      dataIndex: 'email',
      width: 220,
      ellipsis: true,
      render: (m: string | null) => m ?? '',
    },
    { title: '행정동', dataIndex: 'dongName', width: 120, render: (m: string | null) => m ?? '' },
    {
      title: '연령대',
      dataIndex: 'ageBand',
      width: 80,
      render: (b: SubscriberListItem['ageBand']) => (b ? AGE_BAND_LABELS[b] : ''),
    },
    {
      title: '성별',
      dataIndex: 'gender',
      width: 60,
      render: (g: SubscriberListItem['gender']) => (g ? GENDER_LABELS[g] : ''),
    },
    { title: '업종', dataIndex: 'businessTypeName', width: 120, render: (m: string | null) => m ?? '' },
    {
      title: '상태',
      dataIndex: 'status',
      width: 80,
      render: (s: SubscriberListItem['status']) => (
        <Tag color={s === 'active' ? 'green' : 'default'}>{STATUS_LABELS[s]}</Tag>
      ),
    },
    {
      title: '등록일',
      dataIndex: 'createdAt',
      width: 110,
      className: 'tabular',
      render: (d: string) => formatDate(d),
    },
  ];

  const opts = <T extends string | number>(xs: { value: T; label: string }[]) => xs;
  return (
    <>
      <PageHeader
        title="구독자"
        description="이름·초성(ㅎㄱㄷ)·전화번호·이메일로 찾고, 조건으로 좁힙니다. 이름을 누르면 상세 화면이 열립니다."
        extra={
          <>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => setExporting(true)}>
              내보내기
            </Button>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label="구독자 검색"
          placeholder="이름·초성·전화·이메일"
          allowClear
          style={{ width: 280 }}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <Select
          aria-label="분야"
          placeholder="분야"
          allowClear
          style={{ width: 140 }}
          value={filters.fieldId}
          onChange={(v) => set('fieldId', v)}
          options={opts((ref.data?.fields ?? []).map((f) => ({ value: f.id, label: f.name })))}
        />
        <Select
          aria-label="채널"
          placeholder="채널"
          allowClear
          style={{ width: 100 }}
          value={filters.channel}
          onChange={(v) => set('channel', v)}
          options={(['sms', 'email'] as const).map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
        />
        {user.role !== 'dong' && (
          <Select
            aria-label="행정동"
            placeholder="행정동"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 140 }}
            value={filters.dongId}
            onChange={(v) => set('dongId', v)}
            options={opts((ref.data?.dongs ?? []).map((d) => ({ value: d.id, label: d.name })))}
          />
        )}
        <Select
          aria-label="연령대"
          placeholder="연령대"
          allowClear
          style={{ width: 110 }}
          value={filters.ageBand}
          onChange={(v) => set('ageBand', v)}
          options={AGE_BAND_KEYS.map((b) => ({ value: b, label: AGE_BAND_LABELS[b] }))}
        />
        <Select
          aria-label="성별"
          placeholder="성별"
          allowClear
          style={{ width: 90 }}
          value={filters.gender}
          onChange={(v) => set('gender', v)}
          options={(['M', 'F'] as const).map((g) => ({ value: g, label: GENDER_LABELS[g] }))}
        />
        <Select
          aria-label="업종"
          placeholder="업종"
          allowClear
          style={{ width: 130 }}
          value={filters.businessTypeId}
          onChange={(v) => set('businessTypeId', v)}
          options={opts((ref.data?.businessTypes ?? []).map((b) => ({ value: b.id, label: b.name })))}
        />
        <Select
          aria-label="상태"
          placeholder="상태"
          allowClear
          style={{ width: 110 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={(['active', 'withdrawn'] as const).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
      </Flex>
      <Typography.Paragraph aria-live="polite" style={{ marginBottom: 8 }}>
        모두 <strong>{formatNumber(list.data?.total ?? 0)}</strong>명
      </Typography.Paragraph>
      <Table<SubscriberListItem>
        rowKey="id"
        size="small"
        virtual
        scroll={{ x: 1200, y: 560 }}
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        onRow={(s) => ({ onDoubleClick: () => navigate(`/subscribers/${s.id}`) })}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [100, 200, 500],
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
        locale={{ emptyText: list.isError ? list.error.message : '조건에 맞는 구독자가 없습니다.' }}
      />
      <ExportModal open={exporting} filters={all} onClose={() => setExporting(false)} />
    </>
  );
}

function ExportModal({
  open,
  filters,
  onClose,
}: {
  open: boolean;
  filters: SubscriberFilters;
  onClose: () => void;
}) {
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const exp = useInvokeMutation('subscribers.export', { invalidates: ['audit.list'] });
  return (
    <FormModal<{ reason: string }>
      title="구독자 명단 내보내기"
      name="subscriberExport"
      open={open}
      form={form}
      okText="내보내기"
      busy={exp.isPending}
      error={error}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onFinish={(v) =>
        exp.mutate(
          { filters, reason: v.reason },
          {
            onSuccess: (r) => {
              onClose();
              modal.success({
                title: `${formatNumber(r.rows)}명을 내보냈습니다`,
                content: (
                  <Typography.Paragraph copyable={{ text: r.file }} style={{ wordBreak: 'break-all' }}>
                    {r.file}
                  </Typography.Paragraph>
                ),
              });
            },
            onError: (e) => setError(applyServerError(form, e)),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">
        지금 검색·조건에 맞는 명단을 엑셀로 저장합니다. 내보낸 기록은 접속기록에 남습니다.
      </Typography.Paragraph>
      <Form.Item
        label="사유"
        name="reason"
        rules={[{ required: true, min: 2, message: '내보내기 사유를 2자 이상 적어 주세요.' }]}
      >
        <Input autoFocus />
      </Form.Item>
    </FormModal>
  );
}
