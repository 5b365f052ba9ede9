import { App, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import {
  type Answers,
  allQuestions,
  OTHER,
  otherKey,
  type Question,
  type SurveyRow,
} from '../../../shared/contract/surveys';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';

function AnswerInput({
  q,
  a,
  set,
}: {
  q: Question;
  a: Answers;
  set: (k: string, v: Answers[string] | undefined) => void;
}) {
  const id = `entry-${q.id}`;
  const label = `${q.id}. ${q.title}${q.required ? ' (필수)' : ''}`;
  const opts = [
    ...(q.options ?? []).map((o) => ({ value: o, label: o })),
    ...(q.other ? [{ value: OTHER, label: '기타' }] : []),
  ];
  const other =
    q.other && (a[q.id] === OTHER || (Array.isArray(a[q.id]) && (a[q.id] as string[]).includes(OTHER)));
  switch (q.type) {
    case 'single':
    case 'multiple':
      return (
        <Form.Item label={label} htmlFor={id}>
          {q.type === 'single' ? (
            <Select
              id={id}
              allowClear
              options={opts}
              value={a[q.id] as string | undefined}
              onChange={(v) => set(q.id, v)}
            />
          ) : (
            <Checkbox.Group
              aria-label={label}
              options={opts}
              value={(a[q.id] as string[] | undefined) ?? []}
              onChange={(v) => set(q.id, v.length ? (v as string[]) : undefined)}
            />
          )}
          {other && (
            <Input
              aria-label={`${q.id} 기타 내용`}
              placeholder="기타 내용"
              maxLength={200}
              style={{ marginTop: 6 }}
              value={(a[otherKey(q.id)] as string | undefined) ?? ''}
              onChange={(e) => set(otherKey(q.id), e.target.value || undefined)}
            />
          )}
        </Form.Item>
      );
    case 'scale5':
      return (
        <Form.Item label={label} htmlFor={id}>
          <Radio.Group
            id={id}
            options={[1, 2, 3, 4, 5].map((v) => ({ value: v, label: `${v}` }))}
            value={a[q.id]}
            onChange={(e) => set(q.id, e.target.value)}
          />
        </Form.Item>
      );
    case 'matrix': {
      const m = (a[q.id] as Record<string, number> | undefined) ?? {};
      return (
        <Form.Item label={label}>
          {(q.rows ?? []).map((r) => (
            <div key={r}>
              <Typography.Text style={{ display: 'inline-block', width: 120 }}>{r}</Typography.Text>
              <Radio.Group
                aria-label={`${q.id} ${r}`}
                options={[1, 2, 3, 4, 5].map((v) => ({ value: v, label: `${v}` }))}
                value={m[r]}
                onChange={(e) => set(q.id, { ...m, [r]: e.target.value })}
              />
            </div>
          ))}
        </Form.Item>
      );
    }
    case 'number':
      return (
        <Form.Item label={label} htmlFor={id}>
          <InputNumber
            id={id}
            min={q.min}
            max={q.max}
            value={a[q.id] as number | undefined}
            onChange={(v) => set(q.id, v ?? undefined)}
          />
        </Form.Item>
      );
    default:
      return (
        <Form.Item label={label} htmlFor={id}>
          {q.type === 'short' ? (
            <Input
              id={id}
              maxLength={q.maxLength ?? 100}
              value={(a[q.id] as string | undefined) ?? ''}
              onChange={(e) => set(q.id, e.target.value || undefined)}
            />
          ) : (
            <Input.TextArea
              id={id}
              rows={3}
              maxLength={q.maxLength ?? 1000}
              value={(a[q.id] as string | undefined) ?? ''}
              onChange={(e) => set(q.id, e.target.value || undefined)}
            />
          )}
        </Form.Item>
      );
  }
}

/** 종이·전화 응답 입력: a person from the registry, the channel, every question (checked by the server). */
export function EntryModal({
  survey,
  open,
  onClose,
}: {
  survey: SurveyRow;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [who, setWho] = useState<string | undefined>();
  const [via, setVia] = useState<'paper' | 'phone'>('paper');
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<string | null>(null);
  const people = useInvoke('subscribers.list', { q, limit: 20 }, { enabled: open && q.trim().length >= 1 });
  const enter = useInvokeMutation('surveys.enterAnswers', {
    invalidates: ['surveys.results', 'surveys.get', 'surveys.list'],
  });
  const set = (k: string, v: Answers[string] | undefined) =>
    setAnswers((a) => {
      const next = { ...a };
      if (v === undefined) delete next[k];
      else next[k] = v;
      return next;
    });
  const submit = () => {
    if (!who) return setError('응답한 사람을 고르세요.');
    enter.mutate(
      { id: survey.id, subscriberId: who, via, answers },
      {
        onSuccess: () => {
          message.success('응답을 입력했습니다.');
          setAnswers({});
          setWho(undefined);
          setError(null);
          onClose();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };
  return (
    <Modal
      title="종이·전화 응답 입력"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="입력"
      cancelText="취소"
      confirmLoading={enter.isPending}
      width={640}
      destroyOnHidden
    >
      <FormError message={error} />
      <Form layout="vertical" name="survey-entry" onFinish={submit}>
        <Form.Item label="응답자 찾기 (이름·전화·이메일)" htmlFor="entry-q">
          <Input id="entry-q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
        </Form.Item>
        <Form.Item label="응답자" htmlFor="entry-who">
          <Select
            id="entry-who"
            value={who}
            onChange={setWho}
            placeholder="찾은 사람 가운데 고르세요"
            options={(people.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.name} · ${p.dongName ?? '동 모름'} · ${p.mobile ?? p.email ?? ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item label="응답 방법">
          <Radio.Group
            value={via}
            onChange={(e) => setVia(e.target.value)}
            options={[
              { value: 'paper', label: '종이' },
              { value: 'phone', label: '전화' },
            ]}
          />
        </Form.Item>
        {allQuestions(survey.definition).map((x) => (
          <AnswerInput key={x.id} q={x} a={answers} set={set} />
        ))}
      </Form>
    </Modal>
  );
}
