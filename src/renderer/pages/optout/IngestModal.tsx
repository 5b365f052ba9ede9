import { Alert, App, Button, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { IngestSummary } from '../../../shared/contract/optout';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatNumber } from '../../lib/format';

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** "휴대폰 문자 붙여넣기": pasted text or a CSV/xlsx file → optout.ingest → what happened. */
export function IngestModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<IngestSummary | null>(null);
  const ingest = useInvokeMutation('optout.ingest', {
    invalidates: [
      'optout.list',
      'optout.stats',
      'optout.forSubscriber',
      'subscribers.list',
      'subscribers.get',
    ],
  });

  const close = () => {
    setText('');
    setFile(null);
    setSummary(null);
    ingest.reset();
    onClose();
  };

  const submit = async () => {
    if (!file && !text.trim()) {
      message.warning('문자 내용을 붙여넣거나 파일을 고르세요.');
      return;
    }
    const input = file ? { fileBase64: toBase64(await file.arrayBuffer()), fileName: file.name } : { text };
    ingest.mutate(input, { onSuccess: (s) => setSummary(s) });
  };

  return (
    <Modal
      title="휴대폰 문자 붙여넣기"
      open={open}
      onCancel={close}
      width={640}
      destroyOnHidden
      footer={
        summary ? (
          <Button type="primary" onClick={close}>
            확인
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>취소</Button>
            <Button type="primary" loading={ingest.isPending} onClick={submit}>
              가져오기
            </Button>
          </Space>
        )
      }
    >
      <FormError message={ingest.error ? errorMessage(ingest.error) : null} />
      {summary ? (
        <div role="status" aria-label="가져오기 결과">
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              { key: 'm', label: '읽은 문자', children: `${formatNumber(summary.messages)}건` },
              { key: 'a', label: '적용', children: `${formatNumber(summary.applied)}건` },
              { key: 'r', label: '검토 필요', children: `${formatNumber(summary.review)}건` },
              { key: 'u', label: '번호 없음', children: `${formatNumber(summary.unmatched)}건` },
              { key: 'd', label: '중복', children: `${formatNumber(summary.duplicates)}건` },
              { key: 'p', label: '확인 대기', children: `${formatNumber(summary.pending)}건` },
              { key: 's', label: '번호 없는 줄', children: `${formatNumber(summary.skipped)}건` },
            ]}
          />
          {summary.problems.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title={`읽지 못한 줄 ${summary.problems.length}개`}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {summary.problems.slice(0, 10).map((p) => (
                    <li key={p.row}>
                      {p.row}번째 줄: {p.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </div>
      ) : (
        <Form layout="vertical" name="optout-ingest" component="div">
          <Form.Item
            label="받은 문자 내용"
            htmlFor="optout-ingest-text"
            extra="한 줄에 한 건씩: 010-1234-5678 수신거부 2026.11.20 14:03"
          >
            <Input.TextArea
              id="optout-ingest-text"
              rows={8}
              value={text}
              disabled={!!file}
              onChange={(e) => setText(e.target.value)}
              placeholder={
                '010-1234-5678 수신거부 2026.11.20 14:03\n010-2345-6789 문자 그만 보내주세요 2026.11.20 15:10'
              }
            />
          </Form.Item>
          <Form.Item label="또는 파일 (CSV·xlsx·txt)" htmlFor="optout-ingest-file">
            <input
              id="optout-ingest-file"
              type="file"
              accept=".csv,.xlsx,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            {file && <Typography.Text type="secondary"> {file.name}</Typography.Text>}
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
