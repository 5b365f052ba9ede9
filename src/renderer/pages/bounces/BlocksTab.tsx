import { Alert, App, Button, Card, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { SuspectedBlockOut } from '../../../shared/contract/bounceBlocks';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatDateTime, formatNumber } from '../../lib/format';
import { bounceReason } from './reasons';

type Item = SuspectedBlockOut['items'][number];

/** 발신 차단 의심: 5.7.x bursts, shown for review; the addresses themselves were left valid. */
export function BlocksTab() {
  const q = useInvoke('bounces.suspectedBlocks', {});
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const resolve = useInvokeMutation('bounces.resolve', {
    invalidates: ['bounces.suspectedBlocks', 'bounces.list', 'bounces.status'],
  });
  const closeGroup = (key: string, g: SuspectedBlockOut) =>
    modal.confirm({
      title: `${g.count}건을 처리 완료로 표시할까요?`,
      content: '발신 차단이 풀린 것을 확인했거나, 다시 보낼 필요가 없을 때 누르세요. 주소는 그대로 둡니다.',
      okText: '처리 완료',
      cancelText: '취소',
      onOk: async () => {
        setBusy(key);
        try {
          for (const i of g.items)
            await resolve.mutateAsync({ id: i.bounceId, note: '발신 차단 의심: 확인함' });
          message.success('처리 완료로 표시했습니다.');
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setBusy(null);
        }
      },
    });
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="이 주소들은 수신 불가로 표시하지 않았습니다."
        description="보안·정책 거절(5.7.x) 반송이 한 캠페인이나 한 메일 업체에서 한꺼번에 왔습니다. 주소가 틀린 것이 아니라 받는 쪽이 구청 발신 서버를 차단한 것으로 보입니다. 발신 서버의 SPF·DKIM 설정과 차단 목록 등록 여부를 정보화 담당자와 확인하고, 해제된 뒤 다시 보내세요."
      />
      {q.isError && <Alert type="error" showIcon title={q.error.message} />}
      {q.isLoading && <Skeleton active />}
      {q.data && q.data.groups.length === 0 && (
        <Typography.Paragraph type="secondary">발신 차단으로 보이는 반송이 없습니다.</Typography.Paragraph>
      )}
      <Flex vertical gap={16}>
        {q.data?.groups.map((g) => {
          const key = `${g.campaignId ?? ''}|${g.domain ?? ''}|${g.firstAt}`;
          const name = g.campaignName ?? (g.domain ? `@${g.domain}` : '발신 차단 의심');
          return (
            <Card
              key={key}
              size="small"
              title={
                <span>
                  {name} · {formatNumber(g.count)}건
                </span>
              }
              extra={
                <Flex gap={12} align="center">
                  <Typography.Text type="secondary" className="tabular">
                    {formatDateTime(g.firstAt)} ~ {formatDateTime(g.lastAt)}
                  </Typography.Text>
                  <Button
                    size="small"
                    loading={busy === key}
                    aria-label={`${name} 모두 처리 완료`}
                    onClick={() => closeGroup(key, g)}
                  >
                    모두 처리 완료
                  </Button>
                </Flex>
              }
            >
              <Flex gap={4} wrap style={{ marginBottom: 8 }}>
                {g.domain && <Tag>받는 도메인 {g.domain}</Tag>}
                {g.statuses.map((s) => (
                  <Tag key={s} color="orange">
                    {s} {bounceReason(s)}
                  </Tag>
                ))}
              </Flex>
              <Table<Item>
                rowKey="bounceId"
                size="small"
                pagination={g.items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                dataSource={g.items}
                columns={[
                  { title: '주소', dataIndex: 'email', render: (v: string | null) => v ?? '' },
                  { title: '코드', dataIndex: 'status', width: 80, render: (v: string | null) => v ?? '' },
                  {
                    title: '받는 서버의 말',
                    dataIndex: 'diagnostic',
                    render: (v: string | null) => (
                      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                        {v ?? ''}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: '시각',
                    dataIndex: 'at',
                    width: 140,
                    className: 'tabular',
                    render: (v: string) => formatDateTime(v),
                  },
                ]}
              />
            </Card>
          );
        })}
      </Flex>
    </>
  );
}
