import { FileExcelOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, List, Radio, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { SnsKind, SnsPeerMetric, SnsPeersImportResult } from '../../../shared/contract/sns';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { fileToBase64 } from '../../lib/download';
import { formatNumber } from '../../lib/format';
import { ImportSummary } from './ImportSummary';
import { PeerChart } from './PeerChart';
import { SnsFileField } from './SnsFileField';

const round = (v: number | null) => (v === null ? '-' : formatNumber(Math.round(v)));
const monthLabel = (m: string) => m.replace('-', '.');

/** Other wards' table (like the seed's attachment 3) and this ward against the average and the ranking. */
export function PeersCard() {
  const { message } = App.useApp();
  const cmp = useInvoke('sns.peers.compare', {});
  const imp = useInvokeMutation('sns.peers.import', { invalidates: ['sns.peers.compare', 'reports.run'] });
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [result, setResult] = useState<SnsPeersImportResult | null>(null);
  const [picked, setPicked] = useState<SnsKind | null>(null);

  const done = (r: SnsPeersImportResult) => {
    setResult(r);
    setFile(null);
    setFileKey((k) => k + 1);
    message.success(`${monthLabel(r.asOf)} 기준 ${formatNumber(r.wards)}개 구의 수치를 가져왔습니다.`);
  };
  const sample = () => {
    setResult(null);
    imp.mutate({ sample: true }, { onSuccess: done });
  };
  const upload = async () => {
    if (!file) {
      message.warning('가져올 비교표 파일을 고르세요.');
      return;
    }
    setResult(null);
    imp.mutate(
      {
        fileBase64: await fileToBase64(file),
        fileName: file.name,
        ...(asOf ? { asOf: asOf.format('YYYY-MM') } : {}),
      },
      { onSuccess: done },
    );
  };

  const c = cmp.data;
  const metric = c?.metrics.find((m) => m.kind === picked) ?? c?.metrics[0] ?? null;

  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 15, margin: 0 }}>다른 구와 비교</h2>}
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        구마다 한 줄, 채널마다 한 열(구 명, 트위터 팔로워, 페이스북 좋아요, 블로그 방문자수)인 표를
        가져옵니다. ‘-’는 그 채널을 운영하지 않는 구입니다. 표 위에 “(2015. 2월 말 기준)”처럼 적혀 있으면 기준
        월을 비워 두어도 됩니다.
      </Typography.Paragraph>
      <Form layout="vertical" component="div" name="sns-peers-import">
        <Flex gap={24} wrap align="end">
          <Form.Item label="예시 표" extra="서울 25개 구, 2015년 2월 말 기준 (붙임 3)">
            <Button icon={<FileExcelOutlined />} onClick={sample} loading={imp.isPending}>
              예시 표 불러오기
            </Button>
          </Form.Item>
          <div key={fileKey}>
            <SnsFileField id="sns-peers-file" label="비교표 파일" file={file} onChange={setFile} />
          </div>
          <Form.Item label="기준 월" htmlFor="sns-peers-asof">
            <DatePicker
              id="sns-peers-asof"
              picker="month"
              format="YYYY.MM"
              placeholder="파일에서 읽음"
              value={asOf}
              onChange={(d) => setAsOf(d)}
            />
          </Form.Item>
          <Form.Item>
            <Button icon={<ImportOutlined />} onClick={upload} loading={imp.isPending}>
              비교표 가져오기
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {imp.error && <FormError message={errorMessage(imp.error)} />}
      {result && (
        <>
          <ImportSummary result={result} label={`다른 구 수치 (${monthLabel(result.asOf)} 기준)`} />
          {result.checks.some((k) => k.fileAverage !== null) && (
            <List
              size="small"
              style={{ marginTop: 8 }}
              header={<strong>표의 평균 줄 확인 (모든 구로 나눈 평균, ‘-’는 0)</strong>}
              dataSource={result.checks.filter((k) => k.fileAverage !== null)}
              renderItem={(k) => (
                <List.Item>
                  {k.label}: 표 {round(k.fileAverage)}, 계산 {round(k.computed)} —{' '}
                  {k.matches ? '일치' : '다름 (표의 평균이 나머지 수치와 맞지 않습니다)'}
                </List.Item>
              )}
            />
          )}
        </>
      )}
      {cmp.isError && <FormError message={cmp.error.message} />}
      {c && !c.asOf && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          아직 다른 구 수치가 없습니다. 예시 표를 불러오거나 비교표 파일을 가져오세요.
        </Typography.Paragraph>
      )}
      {c?.asOf && (
        <section aria-label="순위표" style={{ marginTop: 16 }}>
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            {c.ward}의 순위 ({monthLabel(c.asOf)} 기준)
          </Typography.Title>
          {!c.wardInTable && (
            <Typography.Paragraph type="secondary">
              표에 {c.ward}가 없어 {c.ward}가 입력한 그 달(또는 이전)의 수치로 비교했습니다.
            </Typography.Paragraph>
          )}
          <Table<SnsPeerMetric>
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={c.metrics}
            columns={[
              { title: '항목', dataIndex: 'label' },
              { title: c.ward, align: 'right', render: (_, m) => round(m.mine) },
              { title: '평균', align: 'right', render: (_, m) => round(m.average) },
              {
                title: '평균 대비',
                align: 'right',
                render: (_, m) =>
                  m.mine !== null && m.average ? `${Math.round((m.mine / m.average) * 100)}%` : '-',
              },
              {
                title: '순위',
                render: (_, m) => (m.rank === null ? '운영 안 함' : `${m.wards}개 구 중 ${m.rank}위`),
              },
              {
                title: '운영 구 평균',
                align: 'right',
                render: (_, m) => `${round(m.runningAverage)} (${m.running}개 구)`,
              },
            ]}
          />
          {metric && (
            <div style={{ marginTop: 16 }}>
              <Radio.Group
                aria-label="그래프 항목"
                optionType="button"
                size="small"
                value={metric.kind}
                onChange={(e) => setPicked(e.target.value)}
                options={c.metrics.map((m) => ({ value: m.kind, label: m.label }))}
                style={{ marginBottom: 8 }}
              />
              <PeerChart metric={metric} ward={c.ward} />
            </div>
          )}
        </section>
      )}
    </Card>
  );
}
