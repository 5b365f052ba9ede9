import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Flex, Form, Row, Spin, Table, Typography } from 'antd';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatNumber } from '../../lib/format';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const n = (v: number) => formatNumber(v);

function BarChart({
  labels,
  sets,
  label,
}: {
  labels: string[];
  sets: { label: string; data: number[]; color: string }[];
  label: string;
}) {
  return (
    <div style={{ height: 220 }} role="img" aria-label={label}>
      <Bar
        data={{
          labels,
          datasets: sets.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })),
        }}
        options={{
          maintainAspectRatio: false,
          responsive: true,
          plugins: { legend: { display: sets.length > 1 } },
        }}
      />
    </div>
  );
}

/** 통계: 구독자 (분야·연령대·성별·동·업종) and 접수 (접수처 × 월) with an xlsx export. */
export function StatsPage() {
  const { modal } = App.useApp();
  const subs = useInvoke('stats.subscribers', {});
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const period = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const intake = useInvoke('stats.intake', period);
  const exp = useInvokeMutation('stats.export');
  const s = subs.data;

  const onExport = () =>
    exp.mutate(period, {
      onSuccess: (r) =>
        modal.success({
          title: '통계를 엑셀로 저장했습니다',
          content: (
            <Typography.Paragraph copyable={{ text: r.file }} style={{ wordBreak: 'break-all' }}>
              {r.file}
            </Typography.Paragraph>
          ),
        }),
      onError: (e) => modal.error({ title: '내보내지 못했습니다', content: errorMessage(e) }),
    });

  return (
    <>
      <PageHeader
        title="통계"
        description={s ? `구독자 기준: ${s.asOf}` : undefined}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} loading={exp.isPending} onClick={onExport}>
            엑셀로 내보내기
          </Button>
        }
      />
      {subs.isLoading && <Spin />}
      {subs.isError && <Typography.Text type="danger">{subs.error.message}</Typography.Text>}
      {s && (
        <Flex vertical gap={16}>
          <Typography.Paragraph>
            개인 {n(s.totals.individuals)}명 · 사업자 {n(s.totals.businesses)}곳 · 구독 중{' '}
            {n(s.totals.active)} · 해지 {n(s.totals.withdrawn)}
          </Typography.Paragraph>
          <Card title="분야별" size="small">
            <BarChart
              label="분야별 구독자 막대그래프"
              labels={s.byField.map((f) => f.name)}
              sets={[
                { label: '문자', data: s.byField.map((f) => f.sms), color: '#1677ff' },
                { label: '이메일', data: s.byField.map((f) => f.email), color: '#52c41a' },
              ]}
            />
            <Table
              rowKey="fieldId"
              size="small"
              pagination={false}
              dataSource={s.byField}
              columns={[
                { title: '분야', dataIndex: 'name' },
                {
                  title: '대상',
                  dataIndex: 'audience',
                  render: (a: string) => (a === 'business' ? '사업자' : '개인'),
                },
                { title: '문자', dataIndex: 'sms', align: 'right', render: n },
                { title: '이메일', dataIndex: 'email', align: 'right', render: n },
              ]}
            />
          </Card>
          <Row gutter={16}>
            <Col span={12}>
              <Card title="연령대별" size="small">
                <BarChart
                  label="연령대별 막대그래프"
                  labels={s.byAgeBand.map((a) => a.label)}
                  sets={[{ label: '인원', data: s.byAgeBand.map((a) => a.count), color: '#1677ff' }]}
                />
                <Table
                  rowKey="label"
                  size="small"
                  pagination={false}
                  dataSource={s.byAgeBand}
                  columns={[
                    { title: '연령대', dataIndex: 'label' },
                    { title: '인원', dataIndex: 'count', align: 'right', render: n },
                  ]}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card title="성별" size="small">
                <BarChart
                  label="성별 막대그래프"
                  labels={s.byGender.map((a) => a.label)}
                  sets={[{ label: '인원', data: s.byGender.map((a) => a.count), color: '#722ed1' }]}
                />
                <Table
                  rowKey="label"
                  size="small"
                  pagination={false}
                  dataSource={s.byGender}
                  columns={[
                    { title: '성별', dataIndex: 'label' },
                    { title: '인원', dataIndex: 'count', align: 'right', render: n },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Card title="행정동별" size="small">
                <BarChart
                  label="행정동별 막대그래프"
                  labels={s.byDong.map((d) => d.name)}
                  sets={[
                    { label: '개인', data: s.byDong.map((d) => d.individuals), color: '#1677ff' },
                    { label: '사업자', data: s.byDong.map((d) => d.businesses), color: '#fa8c16' },
                  ]}
                />
                <Table
                  rowKey="name"
                  size="small"
                  pagination={false}
                  dataSource={s.byDong}
                  columns={[
                    { title: '행정동', dataIndex: 'name' },
                    { title: '개인', dataIndex: 'individuals', align: 'right', render: n },
                    { title: '사업자', dataIndex: 'businesses', align: 'right', render: n },
                  ]}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card title="업종별" size="small">
                <BarChart
                  label="업종별 막대그래프"
                  labels={s.byBusinessType.map((d) => d.name)}
                  sets={[{ label: '사업자', data: s.byBusinessType.map((d) => d.count), color: '#fa8c16' }]}
                />
                <Table
                  rowKey="name"
                  size="small"
                  pagination={false}
                  dataSource={s.byBusinessType}
                  columns={[
                    { title: '업종', dataIndex: 'name' },
                    { title: '사업자', dataIndex: 'count', align: 'right', render: n },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
      <Card title="접수 실적" size="small" style={{ marginTop: 16 }}>
        <Form layout="inline" style={{ marginBottom: 12 }}>
          <Form.Item label="기간" htmlFor="stats-period">
            <DatePicker.RangePicker
              id="stats-period"
              format="YYYY.MM.DD"
              allowClear={false}
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Form.Item>
        </Form>
        {intake.isError && <Typography.Text type="danger">{intake.error.message}</Typography.Text>}
        {intake.data && (
          <Table
            rowKey={(r) => r.stationId ?? r.code}
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={[...intake.data.byStation]
              .sort((a, b) => b.total - a.total)
              .map((r, i) => ({ ...r, rank: i + 1 }))}
            columns={[
              { title: '순위', dataIndex: 'rank', width: 60 },
              { title: '접수처', dataIndex: 'name' },
              { title: '행정동', dataIndex: 'dongName', render: (d: string | null) => d ?? '' },
              ...intake.data.months.map((m, i) => ({
                title: m.replace('-', '.'),
                key: m,
                align: 'right' as const,
                render: (_: unknown, r: { months: number[] }) => n(r.months[i] ?? 0),
              })),
              { title: '신규', dataIndex: 'new', align: 'right', render: n },
              { title: '변경', dataIndex: 'update', align: 'right', render: n },
              { title: '합계', dataIndex: 'total', align: 'right', render: n },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  합계
                </Table.Summary.Cell>
                {intake.data.totals.months.map((v, i) => (
                  <Table.Summary.Cell key={intake.data.months[i]} index={3 + i} align="right">
                    {n(v)}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={99} colSpan={2} />
                <Table.Summary.Cell index={100} align="right">
                  {n(intake.data.totals.total)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        )}
      </Card>
    </>
  );
}
