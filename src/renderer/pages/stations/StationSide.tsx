import { ExportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { FormError } from '../../components/FormError';
import { FormModal } from '../../components/FormModal';
import { applyServerError, errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { fileToBase64, saveBase64 } from '../../lib/download';
import { formatBytes, formatDateTime, formatNumber } from '../../lib/format';
import { FileField } from './FileField';
import { countsText, OCTET, PASSPHRASE_RULES } from './labels';

type OutRow = ChannelOutput<'stations.packages'>['items'][number];

/** At a dong center: what is waiting for HQ, making a package, its history, HQ's files coming back. */
export function StationSide() {
  const [exporting, setExporting] = useState(false);
  const pending = useInvoke('stations.pendingChanges', {});
  const p = pending.data;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="본청에 보낼 변경">
        {pending.isError && <Alert type="error" showIcon title={pending.error.message} />}
        {p && (
          <>
            <Flex gap={32} align="center" wrap>
              <Statistic title="HQ에 보낼 변경" value={p.total} suffix="건" />
              <div>
                <Typography.Paragraph style={{ margin: 0 }} aria-label="보낼 변경 내역">
                  {countsText(p.counts)}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  마지막 꾸러미 {p.lastExportAt ? formatDateTime(p.lastExportAt) : '없음'} · 본청 확인{' '}
                  {p.lastConfirmedAt ? formatDateTime(p.lastConfirmedAt) : '없음'} · 확인 기다리는 꾸러미{' '}
                  {p.unconfirmedPackages}개
                </Typography.Text>
              </div>
              <Button
                type="primary"
                icon={<ExportOutlined aria-hidden />}
                disabled={p.total === 0}
                onClick={() => setExporting(true)}
              >
                꾸러미 만들기
              </Button>
            </Flex>
            {p.clockWarning && (
              <Alert style={{ marginTop: 12 }} type="warning" showIcon title={p.clockWarning} />
            )}
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
              본청의 수령증을 가져오기 전까지는 다음 꾸러미에도 같은 변경이 다시 들어갑니다(본청은 두 번
              가져와도 한 번만 반영합니다).
            </Typography.Paragraph>
          </>
        )}
      </Card>
      <FromHqCard />
      <PackagesCard />
      <ExportModal open={exporting} onClose={() => setExporting(false)} />
    </Flex>
  );
}

function ExportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ passphrase: string; confirm: string }>();
  const [error, setError] = useState<string | null>(null);
  const exp = useInvokeMutation('stations.export', {
    invalidates: ['stations.pendingChanges', 'stations.packages', 'dashboard.summary'],
  });
  return (
    <FormModal<{ passphrase: string; confirm: string }>
      title="본청에 보낼 꾸러미 만들기"
      name="stationExport"
      open={open}
      form={form}
      okText="만들기"
      busy={exp.isPending}
      error={error}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onFinish={(v) =>
        exp.mutate(
          { passphrase: v.passphrase },
          {
            onSuccess: (r) => {
              if (r.base64) saveBase64(r.fileName, r.base64, OCTET);
              message.success(
                `꾸러미 ${r.seq}번(${r.fileName})을 만들었습니다. USB나 공유 폴더로 본청에 전하세요.`,
              );
              setError(null);
              onClose();
            },
            onError: (e) => setError(applyServerError(form, e)),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">
        꾸러미는 개인정보를 담고 있어 본청과 정한 암호로 잠급니다. 만든 기록은 접속기록에 남습니다.
      </Typography.Paragraph>
      <Form.Item label="암호" name="passphrase" rules={PASSPHRASE_RULES}>
        <Input.Password autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="암호 확인"
        name="confirm"
        dependencies={['passphrase']}
        rules={[
          { required: true, message: '암호를 한 번 더 입력하세요.' },
          ({ getFieldValue }) => ({
            validator: (_r, v) =>
              !v || v === getFieldValue('passphrase')
                ? Promise.resolve()
                : Promise.reject(new Error('두 암호가 다릅니다.')),
          }),
        ]}
      >
        <Input.Password autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}

/** 수령증 (no passphrase: signed only) or 기준 자료 (encrypted) from HQ. */
function FromHqCard() {
  const { message } = App.useApp();
  const [kind, setKind] = useState<'receipt' | 'reference'>('receipt');
  const [file, setFile] = useState<File | null>(null);
  const [pass, setPass] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const receipt = useInvokeMutation('stations.receiptImport', {
    invalidates: ['stations.pendingChanges', 'stations.packages', 'dashboard.summary'],
  });
  const reference = useInvokeMutation('stations.referenceImport', {
    invalidates: ['reference.list', 'stations.status'],
  });
  const busy = receipt.isPending || reference.isPending;
  const err = receipt.error ?? reference.error;
  const submit = async () => {
    if (!file) {
      message.warning('본청에서 받은 파일을 고르세요.');
      return;
    }
    const base64 = await fileToBase64(file);
    setDone(null);
    if (kind === 'receipt')
      receipt.mutate(
        { base64 },
        {
          onSuccess: (r) =>
            setDone(
              `${r.confirmed.length > 0 ? `본청이 꾸러미 ${r.confirmed.join(', ')}번을 받았습니다.` : '새로 확인된 꾸러미가 없습니다.'} 남은 보낼 변경 ${formatNumber(r.pendingTotal)}건.`,
            ),
        },
      );
    else
      reference.mutate(
        { base64, passphrase: pass },
        {
          onSuccess: (r) =>
            setDone(
              `본청 기준 자료 ${r.seq}번을 ${r.alreadyImported ? '다시 ' : ''}가져왔습니다: 수신거부 ${formatNumber(r.suppressionsAdded)}건 추가, ${formatNumber(r.suppressionsLifted)}건 해제, 분야 ${r.fields}개, 동 ${r.dongs}개.`,
            ),
        },
      );
  };
  return (
    <Card size="small" title="본청에서 온 파일 가져오기">
      <Form layout="vertical" component="div" name="station-from-hq">
        <Form.Item label="파일 종류" htmlFor="station-from-hq-kind">
          <Radio.Group
            id="station-from-hq-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={[
              { value: 'receipt', label: '수령증 (보낸 변경을 전달됨으로 표시)' },
              { value: 'reference', label: '기준 자료 (수신거부 명단·분야·동)' },
            ]}
          />
        </Form.Item>
        <FileField id="station-from-hq-file" label="본청 파일" file={file} onChange={setFile} />
        {kind === 'reference' && (
          <Form.Item label="기준 자료 암호" htmlFor="station-from-hq-pass" required>
            <Input.Password
              id="station-from-hq-pass"
              style={{ maxWidth: 320 }}
              value={pass}
              autoComplete="off"
              onChange={(e) => setPass(e.target.value)}
            />
          </Form.Item>
        )}
        <Button type="primary" loading={busy} onClick={submit}>
          가져오기
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        <FormError message={err ? errorMessage(err) : null} />
        {done && <Alert type="success" showIcon title={done} role="status" />}
      </div>
    </Card>
  );
}

function PackagesCard() {
  const [page, setPage] = useState(1);
  const list = useInvoke('stations.packages', { page, pageSize: 20 });
  return (
    <Card size="small" title="만든 꾸러미">
      <Table<OutRow>
        size="small"
        rowKey="seq"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        locale={{ emptyText: '아직 만든 꾸러미가 없습니다.' }}
        columns={[
          { title: '번호', dataIndex: 'seq', width: 70 },
          {
            title: '종류',
            dataIndex: 'kind',
            width: 90,
            render: (k: OutRow['kind']) => (k === 'changes' ? '변경' : '기준 자료'),
          },
          { title: '만든 때', dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d) },
          { title: '받는 곳', dataIndex: 'to', width: 140, render: (t: OutRow['to']) => t?.name ?? '본청' },
          { title: '내용', dataIndex: 'counts', render: (c: OutRow['counts']) => countsText(c) },
          { title: '크기', dataIndex: 'bytes', width: 90, render: (b: number) => formatBytes(b) },
          {
            title: '상태',
            dataIndex: 'status',
            width: 170,
            render: (s: OutRow['status'], r) =>
              s === 'confirmed' ? (
                <Tag color="green">전달 확인 {r.confirmedAt ? formatDateTime(r.confirmedAt) : ''}</Tag>
              ) : (
                <Tag>확인 전</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
