import { Table, Tag, Typography } from 'antd';
import { GENDER_LABELS } from '../../../../shared/contract/subscribers';
import type { ImportKind, PreviewRow } from '../../../../shared/contract/imports';

const OUTCOME = {
  new: { label: '새로 등록', color: 'green' },
  merge: { label: '기존과 합침', color: 'blue' },
  rejected: { label: '제외', color: 'red' },
} as const;

/** The first rows as the import would read them, with what would happen to each. */
export function PreviewTable({ rows, kind }: { rows: PreviewRow[]; kind: ImportKind }) {
  return (
    <Table<PreviewRow>
      size="small"
      rowKey="rowNumber"
      pagination={false}
      scroll={{ x: 1100 }}
      dataSource={rows}
      locale={{ emptyText: '머리글 아래에 읽을 행이 없습니다.' }}
      columns={[
        { title: '행', dataIndex: 'rowNumber', width: 56, className: 'tabular' },
        {
          title: '처리',
          dataIndex: 'outcome',
          width: 110,
          render: (o: PreviewRow['outcome']) => <Tag color={OUTCOME[o].color}>{OUTCOME[o].label}</Tag>,
        },
        { title: kind === 'business' ? '상호' : '이름', dataIndex: 'name', width: 110 },
        { title: '휴대전화', dataIndex: 'mobile', width: 130, className: 'tabular' },
        { title: '이메일', dataIndex: 'email', width: 190, ellipsis: true },
        ...(kind === 'business'
          ? [
              { title: '대표자', dataIndex: 'representative', width: 90 },
              { title: '업종', dataIndex: 'businessType', width: 110 },
            ]
          : [
              { title: '출생연도', dataIndex: 'birthYear', width: 80 },
              {
                title: '성별',
                dataIndex: 'gender',
                width: 56,
                render: (g: PreviewRow['gender']) => (g ? GENDER_LABELS[g] : ''),
              },
            ]),
        { title: '행정동', dataIndex: 'dong', width: 100 },
        {
          title: '수신 분야',
          dataIndex: 'consents',
          width: 200,
          render: (c: string[]) => c.join(', '),
        },
        {
          title: '문제',
          dataIndex: 'problems',
          render: (ps: PreviewRow['problems']) =>
            ps.map((p, i) => (
              <Typography.Text
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder
                key={i}
                type={p.level === 'error' ? 'danger' : 'warning'}
                style={{ display: 'block' }}
              >
                {p.column ? `${p.column}: ` : ''}
                {p.message}
              </Typography.Text>
            )),
        },
      ]}
    />
  );
}
