import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Progress, Typography } from 'antd';
import { useEffect } from 'react';
import { invoke } from '../../../api/client';
import { useInvoke } from '../../../hooks/useInvoke';
import { useInvokeMutation } from '../../../hooks/useInvokeMutation';
import { saveBase64 } from '../../../lib/download';
import { formatNumber } from '../../../lib/format';
import { refreshChannels } from '../../../api/refresh';

const TERMINAL = new Set(['done', 'failed', 'cancelled']);

/** A running import: progress bar and cancel, then the counts and the result report. */
export function ImportJob({ jobId, onAgain }: { jobId: string; onAgain: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const job = useInvoke(
    'jobs.get',
    { id: jobId },
    { refetchInterval: (q) => (q.state.data && TERMINAL.has(q.state.data.status) ? false : 500) },
  );
  const finished = !!job.data && TERMINAL.has(job.data.status);
  const result = useInvoke('imports.result', { jobId }, { enabled: finished });
  const cancel = useInvokeMutation('jobs.cancel', { invalidates: ['jobs.get'] });

  useEffect(() => {
    if (job.data?.status === 'done')
      refreshChannels(qc, ['subscribers.list', 'subscribers.count', 'stats.subscribers']);
  }, [job.data?.status, qc]);

  const report = async () => {
    try {
      const r = await invoke('imports.report', { jobId });
      saveBase64(r.fileName, r.base64);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const j = job.data;
  const pct = j && j.total > 0 ? Math.min(100, Math.floor((j.done / j.total) * 100)) : 0;
  const r = result.data;
  return (
    <Card title="가져오기 진행" size="small">
      {job.isError && <Alert type="error" showIcon title={job.error.message} />}
      {j && !finished && (
        <Flex vertical gap={8}>
          <Progress percent={pct} status="active" aria-label="가져오기 진행률" />
          <Typography.Text aria-live="polite">
            {j.total > 0 ? `${formatNumber(j.done)} / ${formatNumber(j.total)}행` : '파일을 읽는 중…'}
            {j.message ? ` — ${j.message}` : ''}
          </Typography.Text>
          <div>
            <Button danger loading={cancel.isPending} onClick={() => cancel.mutate({ id: jobId })}>
              가져오기 취소
            </Button>
          </div>
        </Flex>
      )}
      {finished && j?.status === 'cancelled' && (
        <Alert type="warning" showIcon title="가져오기를 취소했습니다. 아무것도 등록되지 않았습니다." />
      )}
      {finished && r?.status === 'failed' && (
        <Alert type="error" showIcon title={r.error ?? '가져오기에 실패했습니다.'} />
      )}
      {finished && r?.status === 'done' && (
        <div role="status" aria-label="가져오기 결과">
          <Alert
            type="success"
            showIcon
            title={`${r.fileName ?? '파일'} 가져오기를 마쳤습니다.`}
            style={{ marginBottom: 12 }}
          />
          <Descriptions
            size="small"
            bordered
            column={3}
            items={[
              { key: 'rows', label: '파일의 행', children: `${formatNumber(r.rows)}행` },
              { key: 'imported', label: '새로 등록', children: `${formatNumber(r.imported)}명` },
              { key: 'merged', label: '기존과 합침', children: `${formatNumber(r.merged)}명` },
              { key: 'rejected', label: '제외', children: `${formatNumber(r.rejected)}행` },
              { key: 'warnings', label: '경고', children: `${formatNumber(r.warnings)}행` },
              { key: 'review', label: '검토 필요(수신거부)', children: `${formatNumber(r.review)}행` },
            ]}
          />
          <Flex gap={8} style={{ marginTop: 12 }}>
            {r.reportFile && (
              <Button icon={<DownloadOutlined aria-hidden />} onClick={report}>
                결과 보고서 내려받기
              </Button>
            )}
            <Button onClick={onAgain}>다른 파일 가져오기</Button>
          </Flex>
        </div>
      )}
      {finished && (j?.status === 'cancelled' || r?.status === 'failed') && (
        <Button style={{ marginTop: 12 }} onClick={onAgain}>
          다시 하기
        </Button>
      )}
    </Card>
  );
}
