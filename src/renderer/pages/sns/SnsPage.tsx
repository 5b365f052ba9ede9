import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  SNS_KIND_LABELS,
  SNS_KIND_VALUES,
  type SnsChannelRow,
  type SnsKind,
} from '../../../shared/contract/sns';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatNumber } from '../../lib/format';
import { ReportChart } from '../reports/ReportChart';
import { FiguresImportCard } from './FiguresImportCard';
import { PeersCard } from './PeersCard';

interface ChannelForm {
  kind: SnsKind;
  name: string;
  url: string;
  inMessages: boolean;
  active: boolean;
}

interface FigureForm {
  channelId: number;
  month: Dayjs;
  followers?: number | null;
  posts?: number | null;
  visitors?: number | null;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? '-' : formatNumber(v));

/** SNS: the ward's channels (their addresses are the SNS links campaigns append) and monthly figures. */
export function SnsPage() {
  const { message } = App.useApp();
  const channels = useInvoke('sns.channels.list', { includeInactive: true });
  const figures = useInvoke('sns.figures.list', {});
  const save = useInvokeMutation('sns.channels.save', { invalidates: ['sns.channels.list'] });
  const saveFigure = useInvokeMutation('sns.figures.save', {
    invalidates: ['sns.figures.list', 'sns.channels.list'],
  });
  const [editing, setEditing] = useState<SnsChannelRow | 'new' | null>(null);
  const [channelForm] = Form.useForm<ChannelForm>();
  const [figureForm] = Form.useForm<FigureForm>();

  const list = channels.data ?? [];
  const months = [...new Set((figures.data ?? []).map((f) => f.month))].sort();
  const chart = {
    title: '월별 팔로워·친구',
    type: 'line' as const,
    labels: months.map((m) => m.replace('-', '.')),
    series: list
      .filter((c) => figures.data?.some((f) => f.channelId === c.id && f.followers !== null))
      .map((c) => ({
        label: c.name,
        data: months.map(
          (m) => figures.data?.find((f) => f.channelId === c.id && f.month === m)?.followers ?? 0,
        ),
      })),
  };

  const onSaveChannel = (v: ChannelForm) =>
    save.mutate(
      {
        ...v,
        ...(editing && editing !== 'new'
          ? { id: editing.id, openedIn: editing.openedIn, sortOrder: editing.sortOrder }
          : {}),
      },
      {
        onSuccess: () => {
          setEditing(null);
          message.success('채널을 저장했습니다.');
        },
      },
    );

  const onSaveFigure = (v: FigureForm) =>
    saveFigure.mutate(
      {
        channelId: v.channelId,
        month: v.month.format('YYYY-MM'),
        followers: v.followers ?? null,
        posts: v.posts ?? null,
        visitors: v.visitors ?? null,
      },
      {
        onSuccess: () => message.success('월별 수치를 저장했습니다.'),
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  return (
    <>
      <PageHeader
        title="SNS"
        description="구의 SNS 채널과 월별 팔로워·게시물·방문자 수를 기록합니다. '문자에 붙임'인 채널 주소는 캠페인 문자의 SNS 안내로 들어갑니다."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            채널 추가
          </Button>
        }
      />
      {channels.isError && <Alert type="error" showIcon title={channels.error.message} />}
      <Card
        size="small"
        title={<h2 style={{ fontSize: 15, margin: 0 }}>채널</h2>}
        style={{ marginBottom: 16 }}
      >
        <Table<SnsChannelRow>
          size="small"
          rowKey="id"
          loading={channels.isPending}
          dataSource={list}
          pagination={false}
          columns={[
            { title: '채널', dataIndex: 'name' },
            { title: '종류', dataIndex: 'kind', render: (k: SnsKind) => SNS_KIND_LABELS[k] },
            {
              title: '주소',
              dataIndex: 'url',
              render: (u: string) => (
                <a href={u} target="_blank" rel="noreferrer">
                  {u}
                </a>
              ),
            },
            {
              title: '상태',
              render: (_, c) => (
                <Space size={4}>
                  {c.active ? <Tag color="green">사용</Tag> : <Tag>사용 안 함</Tag>}
                  {c.inMessages && c.active && <Tag color="blue">문자에 붙임</Tag>}
                </Space>
              ),
            },
            { title: '최근 월', render: (_, c) => c.latest?.month.replace('-', '.') ?? '-' },
            { title: '팔로워·친구', align: 'right', render: (_, c) => num(c.latest?.followers) },
            { title: '게시물', align: 'right', render: (_, c) => num(c.latest?.posts) },
            { title: '방문자', align: 'right', render: (_, c) => num(c.latest?.visitors) },
            {
              title: '',
              render: (_, c) => (
                <Button size="small" onClick={() => setEditing(c)} aria-label={`${c.name} 수정`}>
                  수정
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={<h2 style={{ fontSize: 15, margin: 0 }}>월별 수치 입력</h2>}
        style={{ marginBottom: 16 }}
      >
        <Form<FigureForm>
          form={figureForm}
          name="sns-figure"
          layout="inline"
          onFinish={onSaveFigure}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="channelId" label="채널" rules={[{ required: true, message: '채널을 고르세요.' }]}>
            <Select
              style={{ width: 160 }}
              options={list.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="month" label="월" rules={[{ required: true, message: '월을 고르세요.' }]}>
            <DatePicker picker="month" format="YYYY.MM" />
          </Form.Item>
          <Form.Item name="followers" label="팔로워·친구">
            <InputNumber min={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="posts" label="게시물">
            <InputNumber min={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="visitors" label="방문자">
            <InputNumber min={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={saveFigure.isPending}>
              수치 저장
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {chart.series.length > 0 && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <ReportChart chart={chart} />
        </Card>
      )}
      <FiguresImportCard />
      <PeersCard />
      <FormModal<ChannelForm>
        title={editing === 'new' ? 'SNS 채널 추가' : 'SNS 채널 수정'}
        open={editing !== null}
        name="sns-channel"
        form={channelForm}
        onFinish={onSaveChannel}
        onCancel={() => setEditing(null)}
        busy={save.isPending}
        error={save.error ? errorMessage(save.error) : null}
        initialValues={
          editing && editing !== 'new'
            ? editing
            : { kind: 'instagram', inMessages: true, active: true, name: '', url: 'https://' }
        }
      >
        <Form.Item name="kind" label="종류" rules={[{ required: true, message: '종류를 고르세요.' }]}>
          <Select options={SNS_KIND_VALUES.map((k) => ({ value: k, label: SNS_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label="채널 이름"
          rules={[{ required: true, message: '채널 이름을 입력하세요.' }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="url" label="주소" rules={[{ required: true, message: '주소를 입력하세요.' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="inMessages" valuePropName="checked">
          <Checkbox>캠페인 문자의 SNS 안내에 이 주소를 붙임</Checkbox>
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>사용</Checkbox>
        </Form.Item>
      </FormModal>
    </>
  );
}
