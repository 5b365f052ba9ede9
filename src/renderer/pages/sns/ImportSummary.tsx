import { Alert, Table } from 'antd';
import type { SnsImportResult } from '../../../shared/contract/sns';
import { formatNumber } from '../../lib/format';

/** What an import did, in the office's words: rows read, saved, and each rejected row with its reason. */
export function ImportSummary({ result, label }: { result: SnsImportResult; label: string }) {
  const rejected = result.problems.length;
  return (
    <div style={{ marginTop: 12 }}>
      <Alert
        type={rejected ? 'warning' : 'success'}
        showIcon
        role="status"
        title={`${label}: ${formatNumber(result.rows)}줄 읽음, ${formatNumber(result.imported)}줄 저장, ${formatNumber(rejected)}줄 제외`}
      />
      {rejected > 0 && (
        <Table
          size="small"
          style={{ marginTop: 8 }}
          rowKey={(p) => `${p.row}-${p.message}`}
          pagination={false}
          aria-label="제외된 줄"
          dataSource={result.problems}
          columns={[
            { title: '행', dataIndex: 'row', width: 70, render: (n: number) => `${n}행` },
            { title: '제외한 까닭', dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}
