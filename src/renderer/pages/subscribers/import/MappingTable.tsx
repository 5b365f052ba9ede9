import { Select, Table, Tag } from 'antd';
import {
  IMPORT_TARGET_LABELS,
  IMPORT_TARGETS,
  type ImportColumn,
  type ImportKind,
  type ImportMapping,
  type ImportTarget,
} from '../../../../shared/contract/imports';
import { useReference } from '../../../hooks/useReference';

const PERSON_ONLY: ImportTarget[] = ['birth', 'gender'];
const BUSINESS_ONLY: ImportTarget[] = ['representative', 'businessType'];
const CHANNEL_LABELS = {
  default: '행의 수신 방법',
  sms: '문자',
  email: '이메일',
  both: '문자·이메일',
} as const;

/** One row per column of the file: what it means (auto-recognised, editable). */
export function MappingTable({
  kind,
  mapping,
  unrecognised,
  onChange,
}: {
  kind: ImportKind;
  mapping: ImportMapping;
  unrecognised: string[];
  onChange: (m: ImportMapping) => void;
}) {
  const ref = useReference();
  const fields = (ref.data?.fields ?? []).filter((f) => f.active);
  const targets = IMPORT_TARGETS.filter((t) =>
    kind === 'individual' ? !BUSINESS_ONLY.includes(t) : !PERSON_ONLY.includes(t),
  );
  const setCol = (i: number, patch: Partial<ImportColumn>) =>
    onChange({ ...mapping, columns: mapping.columns.map((c, k) => (k === i ? { ...c, ...patch } : c)) });
  const label = (c: ImportColumn) => c.header || `${c.column + 1}번째 열`;

  return (
    <Table<ImportColumn & { i: number }>
      size="small"
      rowKey="column"
      pagination={false}
      dataSource={mapping.columns.map((c, i) => ({ ...c, i }))}
      columns={[
        {
          title: '파일의 열',
          dataIndex: 'header',
          width: 200,
          render: (_h, c) => (
            <>
              {label(c)}{' '}
              {unrecognised.includes(c.header) && c.target === 'ignore' && (
                <Tag color="orange">알아보지 못함</Tag>
              )}
            </>
          ),
        },
        {
          title: '소통창구 항목',
          dataIndex: 'target',
          width: 220,
          render: (t: ImportTarget, c) => (
            <Select
              aria-label={`${label(c)} 열 대응`}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              value={t}
              onChange={(v) =>
                setCol(c.i, {
                  target: v,
                  fieldId: v === 'field' ? (c.fieldId ?? fields[0]?.id ?? null) : null,
                  channel: v === 'channelOptIn' ? 'sms' : 'default',
                })
              }
              options={targets.map((x) => ({ value: x, label: IMPORT_TARGET_LABELS[x] }))}
            />
          ),
        },
        {
          title: '분야·수신 방법',
          key: 'detail',
          render: (_x, c) => (
            <>
              {c.target === 'field' && (
                <Select
                  aria-label={`${label(c)} 분야`}
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 150, marginRight: 8 }}
                  value={c.fieldId ?? undefined}
                  onChange={(v) => setCol(c.i, { fieldId: v })}
                  options={fields.map((f) => ({ value: f.id, label: f.name }))}
                />
              )}
              {(c.target === 'field' || c.target === 'fieldList') && (
                <Select
                  aria-label={`${label(c)} 수신 방법`}
                  style={{ width: 150 }}
                  value={c.channel}
                  onChange={(v) => setCol(c.i, { channel: v })}
                  options={(['default', 'sms', 'email', 'both'] as const).map((v) => ({
                    value: v,
                    label: CHANNEL_LABELS[v],
                  }))}
                />
              )}
              {c.target === 'channelOptIn' && (
                <Select
                  aria-label={`${label(c)} 수신 방법`}
                  style={{ width: 150 }}
                  value={c.channel === 'email' ? 'email' : 'sms'}
                  onChange={(v: 'sms' | 'email') => setCol(c.i, { channel: v })}
                  options={(['sms', 'email'] as const).map((v) => ({ value: v, label: CHANNEL_LABELS[v] }))}
                />
              )}
            </>
          ),
        },
      ]}
    />
  );
}
