import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type ResultFilters, SURVEY_STATUS_LABELS } from '../../../shared/contract/surveys';
import { invoke } from '../../api/client';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { errorMessage } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { downloadFile, saveBase64 } from '../../lib/download';
import { formatDateTime, formatNumber } from '../../lib/format';
import { SURVEY_STATUS_COLORS } from './labels';
import { EntryModal } from './EntryModal';
import { printHtml } from '../../lib/print';
import { activeFilters, FunnelCard, QuestionResults, ResultFiltersBar } from './ResultsView';

const REFRESH = [
  'surveys.get',
  'surveys.results',
  'surveys.list',
  'surveys.bounces',
  'surveys.audience',
] as const;

function Bounces({ id }: { id: string }) {
  const { message } = App.useApp();
  const list = useInvoke('surveys.bounces', { id });
  const [fix, setFix] = useState<{ outboxId: number; address: string; channel: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ address: string }>();
  const resend = useInvokeMutation('surveys.resend', { invalidates: [...REFRESH] });
  const items = list.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card title="전달되지 않은 초대" size="small" style={{ marginBottom: 16 }}>
      <Table
        rowKey="outboxId"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: '이름', dataIndex: 'name' },
          { title: '채널', dataIndex: 'channel', render: (c: string) => (c === 'sms' ? '문자' : '이메일') },
          { title: '받는 곳', dataIndex: 'address' },
          { title: '사유', dataIndex: 'reason' },
          {
            title: '',
            key: 'a',
            render: (_, r) =>
              r.resent ? (
                <Tag>다시 보냄</Tag>
              ) : (
                <Button
                  size="small"
                  onClick={() => setFix({ outboxId: r.outboxId, address: r.address, channel: r.channel })}
                >
                  주소 고쳐 다시 보내기
                </Button>
              ),
          },
        ]}
      />
      <FormModal<{ address: string }>
        title="주소 고쳐 다시 보내기"
        name="survey-resend"
        open={!!fix}
        form={form}
        okText="다시 보내기"
        busy={resend.isPending}
        error={error}
        initialValues={{ address: fix?.address }}
        onCancel={() => setFix(null)}
        onFinish={(v) =>
          fix &&
          resend.mutate(
            { outboxId: fix.outboxId, address: v.address },
            {
              onSuccess: () => {
                setFix(null);
                message.success('고친 주소로 다시 보냈습니다. 구독자 정보도 고쳤습니다.');
              },
              onError: (e) => setError(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item
          name="address"
          label={fix?.channel === 'sms' ? '휴대전화 번호' : '이메일 주소'}
          rules={[{ required: true, message: '주소를 입력하세요.' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

/** 설문 한 건: actions (게시, 초대, 문자 요청, 다시 알림, 마감, 엑셀), the funnel and the results. */
export function SurveyPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const isPr = user.role === 'pr' || user.role === 'admin';
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const s = useInvoke('surveys.get', { id });
  const [filterState, setFilterState] = useState<ResultFilters>({});
  const filters = activeFilters(filterState);
  const results = useInvoke('surveys.results', filters ? { id, filters } : { id }, {
    enabled: !!s.data,
    refetchInterval: 10_000,
  });
  const pdf = useInvokeMutation('surveys.pdf');
  const [printing, setPrinting] = useState(false);
  const audience = useInvoke('surveys.audience', { id }, { enabled: isPr && s.data?.status === 'published' });
  const [inviteOpen, setInviteOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [drawOpen, setDrawOpen] = useState(false);
  const [entryOpen, setEntryOpen] = useState(false);
  const [preview, setPreview] = useState<{ html: string; page: number; pages: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inviteForm] = Form.useForm<{ sample?: number; seed?: string; confirmNight?: boolean }>();
  const [exportForm] = Form.useForm<{ reason: string }>();
  const [drawForm] = Form.useForm<{ reason: string }>();
  const publish = useInvokeMutation('surveys.publish', { invalidates: [...REFRESH] });
  const close = useInvokeMutation('surveys.close', { invalidates: [...REFRESH] });
  const invite = useInvokeMutation('surveys.invite', { invalidates: [...REFRESH] });
  const nudge = useInvokeMutation('surveys.nudge', { invalidates: [...REFRESH] });
  const remind = useInvokeMutation('surveys.remind', { invalidates: [...REFRESH] });
  const exporter = useInvokeMutation('surveys.export');
  const draw = useInvokeMutation('surveys.incentives.draw');
  const previewer = useInvokeMutation('surveys.preview');

  if (s.isLoading) return <Spin />;
  if (!s.data) return <Typography.Text type="danger">{errorMessage(s.error)}</Typography.Text>;
  const sv = s.data;
  const fail = (e: unknown) => message.error(errorMessage(e));
  const onPrint = async () => {
    setPrinting(true);
    try {
      await printHtml((await invoke('surveys.printHtml', filters ? { id, filters } : { id })).html);
    } catch (e) {
      fail(e);
    } finally {
      setPrinting(false);
    }
  };
  const onPdf = () =>
    pdf.mutate(filters ? { id, filters } : { id }, {
      onSuccess: (r) => downloadFile(r.file).catch(fail),
      onError: fail,
    });
  const showPreview = (page: number) =>
    previewer.mutate(
      { id, page },
      { onSuccess: (p) => setPreview({ html: p.html, page, pages: p.pages }), onError: fail },
    );

  return (
    <>
      <PageHeader
        title={sv.title}
        description={
          <>
            <Tag color={SURVEY_STATUS_COLORS[sv.status]}>{SURVEY_STATUS_LABELS[sv.status]}</Tag>
            {sv.anonymous && <Tag>익명</Tag>} {formatDateTime(sv.opensAt)} ~ {formatDateTime(sv.closesAt)}
          </>
        }
        extra={
          <>
            <Button onClick={() => showPreview(0)}>미리보기</Button>
            {isPr && sv.status === 'draft' && (
              <Button onClick={() => navigate(`/surveys/${id}/edit`)}>고치기</Button>
            )}
            {isPr && sv.status === 'draft' && (
              <Button
                type="primary"
                loading={publish.isPending}
                onClick={() =>
                  publish.mutate({ id }, { onSuccess: () => message.success('게시했습니다.'), onError: fail })
                }
              >
                게시
              </Button>
            )}
            {isPr && sv.status === 'published' && (
              <>
                <Button
                  type="primary"
                  onClick={() => {
                    setError(null);
                    setInviteOpen(true);
                  }}
                >
                  초대 보내기
                </Button>
                <Button
                  loading={nudge.isPending}
                  onClick={() =>
                    nudge.mutate(
                      { id, confirmNight: true },
                      {
                        onSuccess: (r) =>
                          message.success(
                            r.sms
                              ? `${formatNumber(r.sms)}명에게 참여 요청 문자를 보냈습니다.`
                              : '문자를 보낼 사람이 없습니다.',
                          ),
                        onError: fail,
                      },
                    )
                  }
                >
                  문자 참여 요청
                </Button>
                <Button
                  loading={remind.isPending}
                  onClick={() =>
                    remind.mutate(
                      { id, force: false },
                      {
                        onSuccess: (r) =>
                          message.success(
                            r.people
                              ? `${formatNumber(r.people)}명에게 다시 알렸습니다.`
                              : '다시 알릴 사람이 없습니다.',
                          ),
                        onError: fail,
                      },
                    )
                  }
                >
                  다시 알림
                </Button>
                <Button
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: '설문을 마감할까요?',
                      content: '마감하면 더는 응답을 받지 않습니다.',
                      okText: '마감',
                      cancelText: '취소',
                      onOk: () =>
                        close.mutateAsync({ id }).then(() => message.success('마감했습니다.'), fail),
                    })
                  }
                >
                  마감
                </Button>
              </>
            )}
            {isPr && sv.status === 'published' && (
              <Button onClick={() => setEntryOpen(true)}>종이·전화 응답 입력</Button>
            )}
            {isPr && sv.incentiveWinners > 0 && sv.status !== 'draft' && (
              <Button
                onClick={() => {
                  setError(null);
                  setDrawOpen(true);
                }}
              >
                문화상품권 추첨
              </Button>
            )}
            <Button
              onClick={() => {
                setError(null);
                setExportOpen(true);
              }}
            >
              엑셀
            </Button>
          </>
        }
      />
      <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="부서">{sv.department || '-'}</Descriptions.Item>
        <Descriptions.Item label="초대한 사람">{formatNumber(sv.participants)}</Descriptions.Item>
        <Descriptions.Item label="응답">{formatNumber(sv.completed)}</Descriptions.Item>
        <Descriptions.Item label="다시 알림">
          {sv.reminders.max > 0 ? `${sv.reminders.afterDays}일마다 최대 ${sv.reminders.max}번` : '안 함'}
        </Descriptions.Item>
        {audience.data && (
          <Descriptions.Item label="대상 정책고객">
            {formatNumber(audience.data.people)}명 (이메일 {formatNumber(audience.data.email)} · 문자{' '}
            {formatNumber(audience.data.sms)})
          </Descriptions.Item>
        )}
      </Descriptions>
      <ResultFiltersBar value={filterState} onChange={setFilterState} />
      {results.data && <FunnelCard r={results.data} />}
      {isPr && sv.status !== 'draft' && <Bounces id={id} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: '8px 0' }}>
          문항별 결과
          {results.data && (
            <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8, fontWeight: 400 }}>
              응답 {formatNumber(results.data.responses)}건{filters ? ' (거른 결과)' : ''}
            </Typography.Text>
          )}
        </Typography.Title>
        <Flex gap={8}>
          <Button icon={<PrinterOutlined />} onClick={onPrint} loading={printing} disabled={!results.data}>
            인쇄
          </Button>
          <Button icon={<FilePdfOutlined />} onClick={onPdf} loading={pdf.isPending} disabled={!results.data}>
            PDF로 저장
          </Button>
        </Flex>
      </Flex>
      {results.data ? <QuestionResults r={results.data} filters={filters} /> : <Spin />}

      <EntryModal survey={sv} open={entryOpen} onClose={() => setEntryOpen(false)} />
      <FormModal<{ sample?: number; seed?: string; confirmNight?: boolean }>
        title="초대 보내기"
        name="survey-invite"
        open={inviteOpen}
        form={inviteForm}
        okText="보내기"
        busy={invite.isPending}
        error={error}
        onCancel={() => setInviteOpen(false)}
        onFinish={(v) =>
          invite.mutate(
            { id, sample: v.sample || undefined, seed: v.seed || undefined, confirmNight: !!v.confirmNight },
            {
              onSuccess: (r) => {
                setInviteOpen(false);
                message.success(
                  r.newParticipants
                    ? `${formatNumber(r.newParticipants)}명을 초대했습니다 (이메일 ${formatNumber(r.email)} · 문자 ${formatNumber(r.sms)}).`
                    : '새로 초대할 사람이 없습니다.',
                );
              },
              onError: (e) => setError(errorMessage(e)),
            },
          )
        }
      >
        <Typography.Paragraph type="secondary">
          아직 초대하지 않은 정책고객에게 보냅니다. 표본 수를 적으면 행정동×연령대 비율대로 무작위로 뽑습니다.
        </Typography.Paragraph>
        <Form.Item name="sample" label="표본 수 (비우면 모두)">
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="seed" label="추출 씨앗 (같은 씨앗 = 같은 표본)">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="confirmNight" valuePropName="checked">
          <Checkbox>밤 9시~아침 8시 문자 발송을 확인합니다</Checkbox>
        </Form.Item>
      </FormModal>

      <FormModal<{ reason: string }>
        title="결과 엑셀 내려받기"
        name="survey-export"
        open={exportOpen}
        form={exportForm}
        okText="내려받기"
        busy={exporter.isPending}
        error={error}
        onCancel={() => setExportOpen(false)}
        onFinish={(v) =>
          exporter.mutate(
            { id, reason: v.reason },
            {
              onSuccess: (r) => {
                setExportOpen(false);
                saveBase64(r.fileName, r.contentBase64);
              },
              onError: (e) => setError(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label="내려받는 사유"
          rules={[{ required: true, message: '내보내는 사유를 적어 주세요.' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>

      <FormModal<{ reason: string }>
        title="문화상품권 추첨"
        name="survey-draw"
        open={drawOpen}
        form={drawForm}
        okText="추첨·명단 보기"
        busy={draw.isPending}
        error={error}
        onCancel={() => setDrawOpen(false)}
        onFinish={(v) =>
          draw.mutate(
            { id, reason: v.reason },
            {
              onSuccess: (r) => {
                setDrawOpen(false);
                modal.info({
                  title: `당첨 ${r.winners.length}명 (완료 ${r.eligible}명 가운데)`,
                  width: 560,
                  content: (
                    <Table
                      rowKey="subscriberId"
                      size="small"
                      pagination={false}
                      dataSource={r.winners}
                      columns={[
                        { title: '이름', dataIndex: 'name' },
                        { title: '휴대전화', dataIndex: 'mobile' },
                        { title: '이메일', dataIndex: 'email' },
                      ]}
                    />
                  ),
                });
              },
              onError: (e) => setError(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label="사유 (접속기록에 남습니다)"
          rules={[{ required: true, message: '사유를 적어 주세요.' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>

      <Modal
        title={`미리보기 (${(preview?.page ?? 0) + 1} / ${preview?.pages ?? 1}쪽)`}
        open={!!preview}
        onCancel={() => setPreview(null)}
        footer={[
          <Button
            key="prev"
            disabled={!preview || preview.page === 0}
            onClick={() => preview && showPreview(preview.page - 1)}
          >
            이전 쪽
          </Button>,
          <Button
            key="next"
            disabled={!preview || preview.page >= preview.pages - 1}
            onClick={() => preview && showPreview(preview.page + 1)}
          >
            다음 쪽
          </Button>,
          <Button key="close" type="primary" onClick={() => setPreview(null)}>
            닫기
          </Button>,
        ]}
        width={460}
      >
        {preview && (
          <iframe
            title="응답자 화면 미리보기"
            srcDoc={preview.html}
            sandbox=""
            style={{ width: '100%', height: 560, border: '1px solid #ddd', borderRadius: 8 }}
          />
        )}
      </Modal>
    </>
  );
}
