import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type UIEvent, useCallback, useDeferredValue, useMemo, useState } from 'react';
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
import { invoke } from '../../api/client';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { downloadFile } from '../../lib/download';
import { formatDate, formatNumber } from '../../lib/format';

/** rows per call; the virtual table asks for the next page when the user nears the end */
const PAGE = 200;
/** start loading the next page this many rows before the end */
const AHEAD_ROWS = 40;
const ROW_HEIGHT = 39;

/**
 * 구독자 찾기: search + filters over a virtualised table (only the visible rows are in the DOM)
 * that loads further pages as the user scrolls, so 100,000 people stay smooth.
 */
export function SubscribersPage() {
  const navigate = useNavigate();
  const { user } = useSession();
  const ref = useReference();
  const [q, setQ] = useState('');
  const dq = useDeferredValue(q.trim());
  const [filters, setFilters] = useState<SubscriberFilters>({});
  const [exporting, setExporting] = useState(false);

  const all: SubscriberFilters = useMemo(() => ({ ...filters, q: dq || undefined }), [filters, dq]);
  // key starts with the channel name so mutations that invalidate 'subscribers.list' refresh it
  const list = useInfiniteQuery({
    queryKey: ['subscribers.list', { ...all, infinite: true }],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      invoke('subscribers.list', { ...all, offset: pageParam, limit: PAGE, sort: 'name' }),
    getNextPageParam: (last) => {
      const next = last.offset + last.items.length;
      return last.items.length > 0 && next < last.total ? next : undefined;
    },
    placeholderData: (prev) => prev,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget as HTMLDivElement | null;
    if (!el || typeof el.scrollTop !== 'number') return;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - AHEAD_ROWS * ROW_HEIGHT) loadMore();
  };
  const set = <K extends keyof SubscriberFilters>(k: K, v: SubscriberFilters[K] | undefined) => {
    setFilters((f) => ({ ...f, [k]: v ?? undefined }));
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
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => navigate('/subscribers/import')}>
              가져오기
            </Button>
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
          onChange={(e) => setQ(e.target.value)}
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
        모두 <strong>{formatNumber(total)}</strong>명
        {rows.length < total && (
          <Typography.Text type="secondary">
            {' '}
            (앞의 {formatNumber(rows.length)}명을 불러옴, 내리면 더 불러옵니다)
          </Typography.Text>
        )}
      </Typography.Paragraph>
      <Table<SubscriberListItem>
        rowKey="id"
        size="small"
        virtual
        scroll={{ x: 1200, y: 560 }}
        loading={list.isFetching && !isFetchingNextPage}
        columns={columns}
        dataSource={rows}
        pagination={false}
        onScroll={onScroll}
        onRow={(s) => ({ onDoubleClick: () => navigate(`/subscribers/${s.id}`) })}
        locale={{ emptyText: list.isError ? list.error.message : '조건에 맞는 구독자가 없습니다.' }}
      />
      {hasNextPage && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button onClick={loadMore} loading={isFetchingNextPage}>
            {formatNumber(Math.min(PAGE, total - rows.length))}명 더 불러오기
          </Button>
        </Flex>
      )}
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
  const { modal, message } = App.useApp();
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
                  <>
                    <Typography.Paragraph copyable={{ text: r.file }} style={{ wordBreak: 'break-all' }}>
                      {r.file}
                    </Typography.Paragraph>
                    <Button
                      icon={<DownloadOutlined aria-hidden />}
                      onClick={() => downloadFile(r.file).catch((e: Error) => message.error(e.message))}
                    >
                      파일 내려받기
                    </Button>
                  </>
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
