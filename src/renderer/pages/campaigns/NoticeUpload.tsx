import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatNumber } from '../../lib/format';
import { downloadBase64, toBase64 } from './util';

type Upload = ChannelOutput<'campaigns.noticeUpload'>;

interface Props {
  /** saves the draft first when needed (the file belongs to a saved campaign) */
  ensureSaved: () => Promise<string | null>;
  campaignId: string | undefined;
  /** what was uploaded earlier (from the saved campaign) */
  meta: { fileName: string; rows: number; matched: number; columns: string[] } | null;
  onUploaded: (u: Upload) => void;
}

/** 고지 자료: the department's xlsx, matched row by row to consenting subscribers; the rest are reported. */
export function NoticeUpload({ ensureSaved, campaignId, meta, onUploaded }: Props) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [nameColumn, setNameColumn] = useState<string | undefined>();
  const [phoneColumn, setPhoneColumn] = useState<string | undefined>();
  const [result, setResult] = useState<Upload | null>(null);
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState('');
  const upload = useInvokeMutation('campaigns.noticeUpload', {
    invalidates: ['campaigns.get', 'campaigns.audience', 'campaigns.preview'],
  });
  const report = useInvokeMutation('campaigns.noticeReport');
  const columns = result?.columns ?? meta?.columns ?? [];

  const send = async () => {
    if (!file) {
      message.warning('올릴 엑셀 파일을 고르세요.');
      return;
    }
    const id = await ensureSaved();
    if (!id) return;
    upload.mutate(
      {
        id,
        fileName: file.name,
        contentBase64: toBase64(await file.arrayBuffer()),
        nameColumn,
        phoneColumn,
      },
      {
        onSuccess: (r) => {
          setResult(r);
          onUploaded(r);
        },
      },
    );
  };

  const shown = result ?? (meta ? { rows: meta.rows, matched: meta.matched, unmatched: null } : null);
  return (
    <Card title="고지 자료 (부서 엑셀)" size="small">
      <FormError message={upload.error ? errorMessage(upload.error) : null} />
      <Form layout="vertical" component="div" name="campaign-notice">
        <Form.Item
          label="고지 자료 파일 (xlsx)"
          htmlFor="campaign-notice-file"
          extra="첫 줄은 제목 줄(이름, 휴대전화, 금액, 납기 …)이어야 합니다. 열 이름이 문자에 넣을 자리표시자가 됩니다."
        >
          <input
            id="campaign-notice-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Form.Item>
        {columns.length > 0 && (
          <Flex gap={12} wrap>
            <Form.Item label="이름 열" htmlFor="campaign-notice-name" style={{ minWidth: 180 }}>
              <Select
                id="campaign-notice-name"
                allowClear
                placeholder="자동으로 찾기"
                value={nameColumn}
                onChange={setNameColumn}
                options={columns.map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
            <Form.Item label="휴대전화 열" htmlFor="campaign-notice-phone" style={{ minWidth: 180 }}>
              <Input
                id="campaign-notice-phone"
                placeholder="자동으로 찾기"
                value={phoneColumn ?? ''}
                onChange={(e) => setPhoneColumn(e.target.value || undefined)}
              />
            </Form.Item>
          </Flex>
        )}
        <Button type="primary" loading={upload.isPending} onClick={send}>
          자료 올리고 대조하기
        </Button>
      </Form>
      {shown && (
        <div role="status" aria-label="대조 결과" style={{ marginTop: 16 }}>
          {meta && !result && (
            <Typography.Paragraph type="secondary">올린 파일: {meta.fileName}</Typography.Paragraph>
          )}
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'r', label: '자료 행', children: `${formatNumber(shown.rows)}건` },
              { key: 'm', label: '발송 대상', children: `${formatNumber(shown.matched)}건` },
              {
                key: 'u',
                label: '보내지 않음',
                children: `${formatNumber(shown.rows - shown.matched)}건`,
              },
              ...(shown.unmatched ?? []).map((u) => ({
                key: u.reason,
                label: `· ${u.label}`,
                children: `${formatNumber(u.count)}건`,
              })),
            ]}
          />
          {columns.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              문자에 넣을 수 있는 열: {columns.map((c) => `{${c}}`).join(' ')}
            </Typography.Paragraph>
          )}
          {shown.rows - shown.matched > 0 && campaignId && (
            <Button onClick={() => setReporting(true)}>보내지 않는 행 엑셀로 받기</Button>
          )}
        </div>
      )}
      <Modal
        title="보내지 않는 행 내려받기"
        open={reporting}
        okText="내려받기"
        cancelText="취소"
        confirmLoading={report.isPending}
        onCancel={() => setReporting(false)}
        onOk={() =>
          campaignId &&
          report.mutate(
            { id: campaignId, reason },
            {
              onSuccess: (r) => {
                downloadBase64(r.fileName, r.contentBase64);
                message.success(`${formatNumber(r.rows)}건을 내려받았습니다: ${r.fileName}`);
                setReporting(false);
                setReason('');
              },
            },
          )
        }
      >
        <FormError message={report.error ? errorMessage(report.error) : null} />
        <Form layout="vertical" component="div">
          <Form.Item
            label="내려받는 사유"
            htmlFor="notice-report-reason"
            extra="개인정보가 담긴 파일입니다. 사유가 접속기록에 남습니다."
          >
            <Input id="notice-report-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
