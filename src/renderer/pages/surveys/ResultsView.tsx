import { Card, Checkbox, Col, Empty, Flex, Form, List, Row, Select, Table, Typography } from 'antd';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import {
  CROSSTAB_BY,
  type QuestionResult,
  RESPONSE_VIA_LABELS,
  type ResultFilters,
  type SurveyResults,
} from '../../../shared/contract/surveys';
import { AGE_BAND_LABELS, AGE_BANDS } from '../../../shared/text/dates';
import { useInvoke } from '../../hooks/useInvoke';
import { useReference } from '../../hooks/useReference';
import { formatNumber } from '../../lib/format';
import { pct } from './labels';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

type FunnelRow = SurveyResults['funnel']['total'] & { label: string };

const STAGES = [
  ['invited', '초대'],
  ['delivered', '전달'],
  ['opened', '열람'],
  ['started', '시작'],
  ['completed', '완료'],
] as const;

export function FunnelCard({ r }: { r: SurveyResults }) {
  const f = r.funnel;
  const rows: FunnelRow[] = [
    { label: '전체', ...f.total },
    ...f.byChannel,
    ...f.byDong.map((d) => ({ ...d, label: `동: ${d.label}` })),
    ...f.byAgeBand.map((d) => ({ ...d, label: `연령: ${d.label}` })),
  ];
  return (
    <Card title="참여 단계" size="small" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col span={9}>
          <div
            style={{ height: 220 }}
            role="img"
            aria-label={`참여 단계: ${STAGES.map(([k, l]) => `${l} ${f.total[k]}`).join(', ')}`}
          >
            <Bar
              data={{
                labels: STAGES.map(([, l]) => l),
                datasets: [
                  { label: '사람 수', data: STAGES.map(([k]) => f.total[k]), backgroundColor: '#1f5fbf' },
                ],
              }}
              options={{ maintainAspectRatio: false, plugins: { legend: { display: false } } }}
            />
          </div>
          <Typography.Paragraph style={{ marginTop: 8 }}>
            응답률 {pct(f.total.responseRate)} · 종이 응답 {formatNumber(f.entered.paper)} · 전화 응답{' '}
            {formatNumber(f.entered.phone)}
          </Typography.Paragraph>
        </Col>
        <Col span={15}>
          <Table<FunnelRow>
            rowKey="label"
            size="small"
            pagination={false}
            scroll={{ y: 260 }}
            dataSource={rows}
            columns={[
              { title: '구분', dataIndex: 'label' },
              ...STAGES.map(([k, l]) => ({
                title: l,
                dataIndex: k,
                align: 'right' as const,
                render: formatNumber,
              })),
              { title: '응답률', dataIndex: 'responseRate', align: 'right' as const, render: pct },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

/** The filters as the channels take them: undefined when nothing is picked (the plain call). */
export function activeFilters(f: ResultFilters): ResultFilters | undefined {
  const on =
    f.dongIds?.length || f.ageBands?.length || f.genders?.length || f.via?.length || f.includePartial;
  return on ? f : undefined;
}

const GENDER_OPTIONS = [
  { value: 'M', label: '남' },
  { value: 'F', label: '여' },
];

/** 결과 거르기: dong, age band, gender, how answered, in-progress answers (labelled, keyboard usable). */
export function ResultFiltersBar({
  value,
  onChange,
}: {
  value: ResultFilters;
  onChange: (f: ResultFilters) => void;
}) {
  const ref = useReference();
  const set = (patch: Partial<ResultFilters>) => onChange({ ...value, ...patch });
  return (
    <Form layout="inline" name="survey-result-filters" style={{ marginBottom: 12, rowGap: 8 }}>
      <Form.Item label="행정동" htmlFor="rf-dong">
        <Select
          id="rf-dong"
          mode="multiple"
          allowClear
          placeholder="전체"
          style={{ minWidth: 180 }}
          value={value.dongIds ?? []}
          optionFilterProp="label"
          options={(ref.data?.dongs ?? []).map((d) => ({ value: d.id, label: d.name }))}
          onChange={(v: number[]) => set({ dongIds: v })}
        />
      </Form.Item>
      <Form.Item label="연령대" htmlFor="rf-age">
        <Select
          id="rf-age"
          mode="multiple"
          allowClear
          placeholder="전체"
          style={{ minWidth: 160 }}
          value={value.ageBands ?? []}
          options={AGE_BANDS.map((b) => ({ value: b, label: AGE_BAND_LABELS[b] }))}
          onChange={(v: NonNullable<ResultFilters['ageBands']>) => set({ ageBands: v })}
        />
      </Form.Item>
      <Form.Item label="성별" htmlFor="rf-gender">
        <Select
          id="rf-gender"
          mode="multiple"
          allowClear
          placeholder="전체"
          style={{ minWidth: 120 }}
          value={value.genders ?? []}
          options={GENDER_OPTIONS}
          onChange={(v: ('M' | 'F')[]) => set({ genders: v })}
        />
      </Form.Item>
      <Form.Item label="응답 경로" htmlFor="rf-via">
        <Select
          id="rf-via"
          mode="multiple"
          allowClear
          placeholder="전체"
          style={{ minWidth: 140 }}
          value={value.via ?? []}
          options={Object.entries(RESPONSE_VIA_LABELS).map(([v, label]) => ({ value: v, label }))}
          onChange={(v: NonNullable<ResultFilters['via']>) => set({ via: v })}
        />
      </Form.Item>
      <Form.Item>
        <Checkbox
          checked={!!value.includePartial}
          onChange={(e) => set({ includePartial: e.target.checked || undefined })}
        >
          응답 중인 답 포함
        </Checkbox>
      </Form.Item>
    </Form>
  );
}

function Crosstab({
  surveyId,
  q,
  filters,
}: {
  surveyId: string;
  q: QuestionResult;
  filters?: ResultFilters;
}) {
  const [by, setBy] = useState<'dong' | 'ageBand' | 'gender' | null>(null);
  const ct = useInvoke(
    'surveys.crosstab',
    { id: surveyId, questionId: q.id, by: by ?? 'dong', ...(filters ? { filters } : {}) },
    { enabled: !!by },
  );
  const selectId = `ct-${q.id}`;
  return (
    <div style={{ marginTop: 8 }}>
      <Flex gap={8} align="center">
        <label htmlFor={selectId}>교차표 기준</label>
        <Select
          id={selectId}
          allowClear
          placeholder="고르세요"
          style={{ width: 140 }}
          value={by}
          onChange={(v) => setBy(v ?? null)}
          options={Object.entries(CROSSTAB_BY).map(([value, label]) => ({ value, label }))}
        />
      </Flex>
      {by && ct.data && (
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          style={{ marginTop: 8 }}
          dataSource={ct.data.rows}
          columns={[
            { title: CROSSTAB_BY[by], dataIndex: 'label' },
            { title: '응답', dataIndex: 'n', align: 'right' },
            ...ct.data.columns.map((c, i) => ({
              title: c,
              key: c,
              align: 'right' as const,
              render: (_: unknown, r: { counts: number[] }) => formatNumber(r.counts[i] ?? 0),
            })),
            ...(q.type === 'scale5' || q.type === 'number'
              ? [
                  {
                    title: '평균',
                    dataIndex: 'mean',
                    align: 'right' as const,
                    render: (m: number | null) => m ?? '-',
                  },
                ]
              : []),
          ]}
        />
      )}
    </div>
  );
}

function QuestionCard({
  surveyId,
  q,
  filters,
}: {
  surveyId: string;
  q: QuestionResult;
  filters?: ResultFilters;
}) {
  return (
    <Card
      size="small"
      title={`${q.id}. ${q.title}`}
      extra={`응답 ${formatNumber(q.answered)}명`}
      style={{ marginBottom: 12 }}
    >
      {q.options && (
        <Row gutter={16}>
          <Col span={12}>
            <div
              style={{ height: 180 }}
              role="img"
              aria-label={q.options.map((o) => `${o.label} ${o.count}`).join(', ')}
            >
              <Bar
                data={{
                  labels: q.options.map((o) => o.label),
                  datasets: [
                    { label: '응답 수', data: q.options.map((o) => o.count), backgroundColor: '#3a7bd5' },
                  ],
                }}
                options={{
                  indexAxis: 'y',
                  maintainAspectRatio: false,
                  plugins: { legend: { display: false } },
                }}
              />
            </div>
          </Col>
          <Col span={12}>
            <Table
              rowKey="label"
              size="small"
              pagination={false}
              dataSource={q.options}
              columns={[
                { title: '보기', dataIndex: 'label' },
                { title: '수', dataIndex: 'count', align: 'right', render: formatNumber },
                { title: '비율', dataIndex: 'percent', align: 'right', render: (p: number) => `${p}%` },
              ]}
            />
            {q.mean !== undefined && q.mean !== null && (
              <Typography.Paragraph style={{ marginTop: 8 }}>평균 {q.mean}점</Typography.Paragraph>
            )}
          </Col>
        </Row>
      )}
      {q.rows && (
        <Table
          rowKey="label"
          size="small"
          pagination={false}
          dataSource={q.rows}
          columns={[
            { title: '항목', dataIndex: 'label' },
            ...[0, 1, 2, 3, 4].map((i) => ({
              title: `${i + 1}점`,
              key: String(i),
              align: 'right' as const,
              render: (_: unknown, r: NonNullable<QuestionResult['rows']>[number]) =>
                formatNumber(r.counts[i].count),
            })),
            { title: '평균', dataIndex: 'mean', align: 'right', render: (m: number | null) => m ?? '-' },
          ]}
        />
      )}
      {q.type === 'number' && (
        <Typography.Paragraph>
          평균 {q.mean ?? '-'} · 최솟값 {q.min ?? '-'} · 최댓값 {q.max ?? '-'}
        </Typography.Paragraph>
      )}
      {(q.texts || q.otherTexts?.length) && (
        <List
          size="small"
          header={q.texts ? '글 응답' : '기타 내용'}
          bordered
          dataSource={(q.texts ?? q.otherTexts ?? []).slice(0, 200)}
          renderItem={(t) => <List.Item style={{ whiteSpace: 'pre-wrap' }}>{t}</List.Item>}
          style={{ marginTop: 8, maxHeight: 300, overflow: 'auto' }}
        />
      )}
      {(q.type === 'single' || q.type === 'multiple' || q.type === 'scale5' || q.type === 'number') && (
        <Crosstab surveyId={surveyId} q={q} filters={filters} />
      )}
    </Card>
  );
}

export function QuestionResults({ r, filters }: { r: SurveyResults; filters?: ResultFilters }) {
  if (r.responses === 0)
    return <Empty description={filters ? '조건에 맞는 응답이 없습니다.' : '아직 응답이 없습니다.'} />;
  return (
    <>
      {r.questions.map((q) => (
        <QuestionCard key={q.id} surveyId={r.surveyId} q={q} filters={filters} />
      ))}
    </>
  );
}
