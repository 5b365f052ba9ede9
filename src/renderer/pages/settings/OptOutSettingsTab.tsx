import { CloudDownloadOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { OptOutSettings } from '../../../shared/contract/optout';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { formatDateTime } from '../../lib/format';

type SyncResult = ChannelOutput<'optout.sync'>;
type SourceRow = SyncResult['sources'][number];

/** 설정 → 수신거부: how opt-outs are applied and confirmed, and the 080 / inbox sync. */
export function OptOutSettingsTab() {
  const settings = useInvoke('optout.settings.get', {});
  if (settings.isError) return <Alert type="error" showIcon title={settings.error.message} />;
  if (!settings.data) return <Skeleton active />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <SyncCard />
      <OptOutForm settings={settings.data} />
    </Flex>
  );
}

function OptOutForm({ settings }: { settings: OptOutSettings }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OptOutSettings>();
  const ref = useReference();
  const confirm = Form.useWatch('confirmationSms', form) ?? settings.confirmationSms;
  const save = useInvokeMutation('optout.settings.update', {
    invalidates: ['optout.settings.get', 'optout.sources'],
  });
  const fieldOptions = (ref.data?.fields ?? []).map((f) => ({ value: f.id, label: f.name }));

  const onFinish = (v: OptOutSettings) =>
    save.mutate(
      { ...v, aliases: v.aliases ?? [] },
      {
        onSuccess: () => message.success('수신거부 설정을 저장했습니다.'),
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  return (
    <Form<OptOutSettings>
      form={form}
      name="optout-settings"
      layout="vertical"
      initialValues={settings}
      onFinish={onFinish}
    >
      <Form.Item
        name="autoApply"
        label="분명한 수신거부는 바로 적용"
        valuePropName="checked"
        extra="끄면 모든 요청이 수신함의 '새 요청'에서 확인을 기다립니다."
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="maxAutoLength"
        label="이보다 긴 글은 항상 검토 (글자 수, 띄어쓰기 제외)"
        rules={[{ required: true, message: '글자 수를 입력하세요.' }]}
      >
        <InputNumber min={20} max={1000} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="confirmationSms" label="처리 확인 문자 보내기" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="confirmationText"
        label="확인 문자 내용"
        extra="{구이름}은 구 이름으로 바뀝니다."
        hidden={!confirm}
        rules={[{ required: true, whitespace: true, message: '확인 문자 내용을 입력하세요.' }]}
      >
        <Input maxLength={80} showCount />
      </Form.Item>
      <Form.Item
        name="resultNoticeDays"
        label="광고성 발송 뒤 처리 결과 알림 기한 (일)"
        rules={[{ required: true, message: '기한을 입력하세요.' }]}
      >
        <InputNumber min={1} max={60} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="resultNoticeText"
        label="처리 결과 알림 내용"
        extra="{구이름}, {날짜}, {범위}는 보낼 때 바뀝니다."
        rules={[{ required: true, whitespace: true, message: '알림 내용을 입력하세요.' }]}
      >
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
      <Form.Item
        name="syncIntervalMinutes"
        label="080 목록·문자 수신함 가져오기 주기 (분, 0이면 직접 누를 때만)"
        rules={[{ required: true, message: '주기를 입력하세요.' }]}
      >
        <InputNumber min={0} max={1440} style={{ width: 160 }} />
      </Form.Item>
      <Typography.Title level={2} style={{ fontSize: 15 }}>
        분야 별칭
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        주민이 문자에 쓰는 다른 이름입니다. 예: "세금" → 지방세 고지서
      </Typography.Paragraph>
      <Form.List name="aliases">
        {(items, { add, remove }) => (
          <>
            {items.map(({ key, name }, i) => (
              <Flex key={key} gap={8} align="flex-end">
                <Form.Item
                  name={[name, 'alias']}
                  label={`별칭 ${i + 1}`}
                  rules={[{ required: true, whitespace: true, message: '별칭을 입력하세요.' }]}
                >
                  <Input maxLength={20} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item
                  name={[name, 'fieldId']}
                  label={`별칭 ${i + 1}의 분야`}
                  rules={[{ required: true, message: '분야를 고르세요.' }]}
                >
                  <Select options={fieldOptions} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item>
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={`별칭 ${i + 1} 지우기`}
                    onClick={() => remove(name)}
                  />
                </Form.Item>
              </Flex>
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add()} style={{ marginBottom: 24 }}>
              별칭 추가
            </Button>
          </>
        )}
      </Form.List>
      <div>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          수신거부 설정 저장
        </Button>
      </div>
    </Form>
  );
}

function SyncCard() {
  const sources = useInvoke('optout.sources', {});
  const [result, setResult] = useState<SyncResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sync = useInvokeMutation('optout.sync', {
    invalidates: ['optout.sources', 'optout.list', 'optout.stats'],
  });
  const registered = (sources.data?.items ?? []).filter((s) => s.registered);

  return (
    <Card
      size="small"
      title="080 수신거부 목록·문자 수신함"
      extra={
        <Button
          icon={<CloudDownloadOutlined aria-hidden />}
          loading={sync.isPending}
          onClick={() => {
            setError(null);
            sync.mutate(
              {},
              {
                onSuccess: (r) => setResult(r),
                onError: (e) => {
                  setResult(null);
                  setError(errorMessage(e));
                },
              },
            );
          }}
        >
          지금 가져오기
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {registered.length
          ? `가져오는 곳: ${registered
              .map((s) => `${s.name}${s.lastRunAt ? ` (마지막 ${formatDateTime(s.lastRunAt)})` : ''}`)
              .join(', ')}`
          : '등록된 가져오기 출처가 없습니다. 설정 → 문자 발송에서 업체를 설정하세요.'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {result && (
        <div role="status">
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 8 }}
            title={`가져왔습니다. 메시지 ${result.messages}건 · 적용 ${result.applied} · 검토 필요 ${result.review} · 맞는 사람 없음 ${result.unmatched} · 이미 받은 것 ${result.duplicates}`}
          />
          <Table<SourceRow>
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={result.sources}
            locale={{ emptyText: '가져온 출처가 없습니다' }}
            columns={[
              { title: '출처', dataIndex: 'name' },
              { title: '메시지', dataIndex: 'messages', width: 70 },
              { title: '적용', dataIndex: 'applied', width: 60 },
              { title: '검토 필요', dataIndex: 'review', width: 80 },
              { title: '맞는 사람 없음', dataIndex: 'unmatched', width: 110 },
              { title: '이미 받은 것', dataIndex: 'duplicates', width: 100 },
              {
                title: '오류',
                dataIndex: 'error',
                render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : ''),
              },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
