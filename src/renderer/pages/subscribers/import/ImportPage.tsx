import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ImportKind, ImportMapping, ImportPreview } from '../../../../shared/contract/imports';
import { FormError } from '../../../components/FormError';
import { errorMessage } from '../../../components/formErrors';
import { PageHeader } from '../../../components/PageHeader';
import { useInvoke } from '../../../hooks/useInvoke';
import { useInvokeMutation } from '../../../hooks/useInvokeMutation';
import { fileToBase64 } from '../../../lib/download';
import { ImportJob } from './ImportJob';
import { MappingTable } from './MappingTable';
import { PreviewTable } from './PreviewTable';

const ENCODINGS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  cp949: 'CP949 (EUC-KR)',
};

/** 구독자 가져오기: file → kind → column mapping + preview → a job with progress → counts and report. */
export function ImportPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>('individual');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [mappingName, setMappingName] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);

  const prev = useInvokeMutation('imports.preview');
  const start = useInvokeMutation('imports.start', { invalidates: ['jobs.list'] });
  const save = useInvokeMutation('imports.mappings.save', { invalidates: ['imports.mappings.list'] });
  const saved = useInvoke('imports.mappings.list', { kind });

  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping(null);
    setJobId(null);
    prev.reset();
    start.reset();
    setFileKey((k) => k + 1);
  };

  /** First preview sends the bytes once; later ones (sheet, saved mapping) reuse the upload. */
  const runPreview = async (extra: { sheet?: string; mappingId?: number } = {}) => {
    if (!file) {
      message.warning('가져올 파일을 고르세요.');
      return;
    }
    const source = preview?.uploadId
      ? { uploadId: preview.uploadId }
      : { fileBase64: await fileToBase64(file) };
    prev.mutate(
      {
        ...source,
        fileName: file.name,
        kind,
        sheet: extra.sheet ?? preview?.sheet ?? undefined,
        mappingId: extra.mappingId,
      },
      {
        onSuccess: (p) => {
          setPreview(p);
          setMapping(p.mapping);
        },
      },
    );
  };

  const run = async () => {
    if (!preview || !mapping || !file) return;
    const source = preview.uploadId
      ? { uploadId: preview.uploadId }
      : { fileBase64: await fileToBase64(file) };
    start.mutate(
      { ...source, fileName: file.name, kind, sheet: preview.sheet ?? undefined, mapping },
      { onSuccess: (r) => setJobId(r.jobId) },
    );
  };

  return (
    <>
      <PageHeader
        title="구독자 가져오기"
        description="엑셀(xlsx)이나 CSV 명단을 올려 한꺼번에 등록합니다. 같은 휴대전화(휴대전화가 없으면 이메일)는 기존 구독자와 합치고, 같은 파일을 두 번 가져와도 늘어나지 않습니다."
        extra={<Button onClick={() => navigate('/subscribers')}>구독자 목록으로</Button>}
      />
      {jobId ? (
        <ImportJob jobId={jobId} onAgain={reset} />
      ) : (
        <Flex vertical gap={16}>
          <Card title="1. 파일 고르기" size="small">
            <Form layout="vertical" component="div" name="import-file">
              <Form.Item label="명단 종류" htmlFor="import-kind">
                <Radio.Group
                  id="import-kind"
                  value={kind}
                  onChange={(e) => {
                    setKind(e.target.value);
                    setPreview(null);
                    setMapping(null);
                  }}
                  options={[
                    { value: 'individual', label: '개인' },
                    { value: 'business', label: '사업자' },
                  ]}
                />
              </Form.Item>
              <Form.Item label="가져올 파일 (xlsx·CSV)" htmlFor="import-file-input">
                <input
                  key={fileKey}
                  id="import-file-input"
                  type="file"
                  accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    setPreview(null);
                    setMapping(null);
                    prev.reset();
                  }}
                />
              </Form.Item>
              <Button type="primary" loading={prev.isPending} disabled={!file} onClick={() => runPreview()}>
                미리보기
              </Button>
            </Form>
            <div style={{ marginTop: 12 }}>
              <FormError message={prev.error ? errorMessage(prev.error) : null} />
            </div>
          </Card>

          {preview && mapping && (
            <>
              <Card title="2. 열 대응" size="small">
                <Descriptions
                  size="small"
                  column={3}
                  style={{ marginBottom: 12 }}
                  items={[
                    { key: 'f', label: '파일', children: preview.fileName },
                    {
                      key: 'fmt',
                      label: '형식',
                      children:
                        preview.format === 'csv'
                          ? `CSV (${ENCODINGS[preview.encoding ?? ''] ?? preview.encoding ?? '?'})`
                          : '엑셀(xlsx)',
                    },
                    { key: 'h', label: '머리글 행', children: `${mapping.headerRow}행` },
                  ]}
                />
                <Flex gap={16} wrap style={{ marginBottom: 12 }} align="end">
                  {preview.sheets.length > 1 && (
                    <Form.Item label="시트" htmlFor="import-sheet" style={{ marginBottom: 0 }}>
                      <Select
                        id="import-sheet"
                        style={{ width: 180 }}
                        value={preview.sheet ?? undefined}
                        onChange={(v) => runPreview({ sheet: v })}
                        options={preview.sheets.map((s) => ({ value: s, label: s }))}
                      />
                    </Form.Item>
                  )}
                  <Form.Item
                    label="저장한 열 대응"
                    htmlFor="import-saved-mapping"
                    style={{ marginBottom: 0 }}
                  >
                    <Select
                      id="import-saved-mapping"
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 220 }}
                      placeholder={
                        saved.data?.items.length ? '고르면 다시 미리봅니다' : '저장한 것이 없습니다'
                      }
                      disabled={!saved.data?.items.length}
                      onChange={(id: number) => runPreview({ mappingId: id })}
                      options={(saved.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
                    />
                  </Form.Item>
                  <Form.Item label="열 대응 이름" htmlFor="import-mapping-name" style={{ marginBottom: 0 }}>
                    <Input
                      id="import-mapping-name"
                      style={{ width: 200 }}
                      value={mappingName}
                      maxLength={60}
                      placeholder="예: 옛 명부 양식"
                      onChange={(e) => setMappingName(e.target.value)}
                    />
                  </Form.Item>
                  <Button
                    loading={save.isPending}
                    disabled={!mappingName.trim()}
                    onClick={() =>
                      save.mutate(
                        { name: mappingName.trim(), kind, mapping },
                        {
                          onSuccess: (m) => message.success(`열 대응 '${m.name}'을(를) 저장했습니다.`),
                          onError: (e) => message.error(errorMessage(e)),
                        },
                      )
                    }
                  >
                    열 대응 저장
                  </Button>
                </Flex>
                {preview.unrecognised.length > 0 && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={`알아보지 못한 열: ${preview.unrecognised.join(', ')} — 필요하면 항목을 골라 주세요.`}
                  />
                )}
                <MappingTable
                  kind={kind}
                  mapping={mapping}
                  unrecognised={preview.unrecognised}
                  onChange={setMapping}
                />
              </Card>
              <Card title={`3. 미리보기 (처음 ${preview.rows.length}행)`} size="small">
                {mapping !== preview.mapping && (
                  <Typography.Paragraph type="secondary">
                    바꾼 열 대응은 가져오기에 적용됩니다. 미리보기는 처음 읽은 대응으로 보여 줍니다.
                  </Typography.Paragraph>
                )}
                <PreviewTable rows={preview.rows} kind={kind} />
                <FormError message={start.error ? errorMessage(start.error) : null} />
                <Flex gap={8} style={{ marginTop: 12 }}>
                  <Button type="primary" loading={start.isPending} onClick={run}>
                    가져오기 시작
                  </Button>
                  <Button onClick={reset}>처음부터</Button>
                </Flex>
              </Card>
            </>
          )}
        </Flex>
      )}
    </>
  );
}
