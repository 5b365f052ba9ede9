import { App, Button, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { REQUEST_STATUS_LABELS, type RequestRow } from '../../../shared/contract/surveys';
import { FormModal } from '../../components/FormModal';
import { applyServerError, errorMessage } from '../../components/formErrors';
import { useSession } from '../../app/session';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatDate } from '../../lib/format';
import { REQUEST_STATUS_COLORS } from './labels';

interface RequestForm {
  project: string;
  purpose: string;
  timing: string;
  target: string;
  draftQuestions: string;
}

/** 설문 요청: departments ask, PR accepts or returns with a comment; both see the status. */
export function RequestsTab() {
  const { user } = useSession();
  const isPr = user.role === 'pr' || user.role === 'admin';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useInvoke('surveys.requests.list', { page, pageSize: 50 }, { placeholderData: (p) => p });
  const [editing, setEditing] = useState<RequestRow | 'new' | null>(null);
  const [deciding, setDeciding] = useState<{ row: RequestRow; decision: 'accept' | 'return' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<RequestForm>();
  const [decideForm] = Form.useForm<{ comment: string }>();
  const submit = useInvokeMutation('surveys.requests.submit', { invalidates: ['surveys.requests.list'] });
  const decide = useInvokeMutation('surveys.requests.decide', { invalidates: ['surveys.requests.list'] });

  const columns: ColumnsType<RequestRow> = [
    { title: '사업', dataIndex: 'project' },
    { title: '부서', dataIndex: 'department', width: 120 },
    { title: '요청한 사람', dataIndex: 'requestedByName', width: 120 },
    { title: '시기', dataIndex: 'timing', width: 120 },
    {
      title: '상태',
      dataIndex: 'status',
      width: 100,
      render: (s: RequestRow['status']) => (
        <Tag color={REQUEST_STATUS_COLORS[s]}>{REQUEST_STATUS_LABELS[s]}</Tag>
      ),
    },
    { title: '의견', dataIndex: 'comment', render: (c: string | null) => c ?? '' },
    { title: '요청일', dataIndex: 'createdAt', width: 110, render: (d: string) => formatDate(d) },
    {
      title: '',
      key: 'actions',
      width: 220,
      render: (_, r) => (
        <Flex gap={6} wrap>
          {isPr && r.status === 'submitted' && (
            <>
              <Button size="small" type="primary" onClick={() => setDeciding({ row: r, decision: 'accept' })}>
                수락
              </Button>
              <Button size="small" danger onClick={() => setDeciding({ row: r, decision: 'return' })}>
                반려
              </Button>
            </>
          )}
          {isPr && r.status === 'accepted' && !r.surveyId && (
            <Button size="small" onClick={() => navigate(`/surveys/new?request=${r.id}`)}>
              설문 만들기
            </Button>
          )}
          {r.surveyId && (
            <Button size="small" onClick={() => navigate(`/surveys/${r.surveyId}`)}>
              설문 보기
            </Button>
          )}
          {!isPr && (r.status === 'returned' || r.status === 'submitted') && r.requestedBy === user.id && (
            <Button
              size="small"
              onClick={() => {
                setError(null);
                setEditing(r);
              }}
            >
              고치기
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          부서가 사업·목적·시기·대상과 문항 초안을 보내면 홍보 담당자가 수락하거나 의견과 함께 돌려보냅니다.
        </Typography.Text>
        <Button
          type="primary"
          onClick={() => {
            setError(null);
            setEditing('new');
          }}
        >
          설문 요청하기
        </Button>
      </Flex>
      <Table<RequestRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        locale={{ emptyText: '설문 요청이 없습니다.' }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
      />
      <FormModal<RequestForm>
        title={editing === 'new' ? '설문 요청' : '설문 요청 고치기'}
        name="survey-request"
        open={editing !== null}
        form={form}
        width={640}
        okText="요청 보내기"
        busy={submit.isPending}
        error={error}
        initialValues={
          editing && editing !== 'new' ? editing : { timing: '', target: '정책고객 전체', draftQuestions: '' }
        }
        onCancel={() => setEditing(null)}
        onFinish={(v) =>
          submit.mutate(
            { ...v, id: editing && editing !== 'new' ? editing.id : undefined },
            {
              onSuccess: () => {
                setEditing(null);
                message.success('설문 요청을 보냈습니다.');
              },
              onError: (e) => setError(applyServerError(form, e)),
            },
          )
        }
      >
        <Form.Item
          name="project"
          label="사업명"
          rules={[{ required: true, message: '사업명을 입력하세요.' }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label="조사 목적"
          rules={[{ required: true, message: '조사 목적을 입력하세요.' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="timing" label="조사 시기">
          <Input maxLength={200} placeholder="예: 4월 축제 직후" />
        </Form.Item>
        <Form.Item name="target" label="조사 대상">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="draftQuestions" label="문항 초안">
          <Input.TextArea rows={6} maxLength={10_000} />
        </Form.Item>
      </FormModal>
      <FormModal<{ comment: string }>
        title={deciding?.decision === 'accept' ? '요청 수락' : '요청 반려'}
        name="survey-decide"
        open={deciding !== null}
        form={decideForm}
        okText={deciding?.decision === 'accept' ? '수락' : '반려'}
        busy={decide.isPending}
        error={error}
        onCancel={() => setDeciding(null)}
        onFinish={(v) =>
          deciding &&
          decide.mutate(
            { id: deciding.row.id, decision: deciding.decision, comment: v.comment ?? '' },
            {
              onSuccess: () => {
                setDeciding(null);
                message.success(
                  deciding.decision === 'accept' ? '요청을 수락했습니다.' : '요청을 반려했습니다.',
                );
              },
              onError: (e) => setError(errorMessage(e)),
            },
          )
        }
      >
        <Typography.Paragraph>{deciding?.row.project}</Typography.Paragraph>
        <Form.Item
          name="comment"
          label="의견"
          rules={
            deciding?.decision === 'return'
              ? [{ required: true, message: '반려할 때는 의견을 적어 주세요.' }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
