import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Spin,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  type Question,
  type SurveyDefinition,
  type SurveyDraft,
  surveyDraft,
} from '../../../shared/contract/surveys';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { QuestionEditor } from './QuestionEditor';

interface Meta {
  title: string;
  department: string;
  opensAt: Dayjs;
  closesAt: Dayjs;
  anonymous: boolean;
  email: boolean;
  sms: boolean;
  emailSubject: string;
  smsText: string;
  reminderAfterDays: number;
  reminderMax: number;
  incentiveWinners: number;
  intro: string;
  closing: string;
}

const blankDefinition = (): SurveyDefinition => ({
  intro: '',
  closing: '설문에 참여해 주셔서 감사합니다.',
  pages: [{ questions: [{ id: 'q1', type: 'single', title: '', required: true, options: ['', ''] }] }],
});

function nextId(def: SurveyDefinition): string {
  const used = new Set(def.pages.flatMap((p) => p.questions.map((q) => q.id)));
  let i = used.size + 1;
  while (used.has(`q${i}`)) i++;
  return `q${i}`;
}

/** 설문 만들기·고치기: the survey's settings and its pages of questions, checked with the shared rules. */
export function BuilderPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const requestId = params.get('request');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Meta>();
  const [def, setDef] = useState<SurveyDefinition>(blankDefinition);
  const [errors, setErrors] = useState<string[]>([]);
  const existing = useInvoke('surveys.get', { id: id ?? '' }, { enabled: !!id });
  const save = useInvokeMutation('surveys.save', {
    invalidates: ['surveys.list', 'surveys.get', 'surveys.requests.list'],
  });

  useEffect(() => {
    const s = existing.data;
    if (!s) return;
    setDef(s.definition);
    form.setFieldsValue({
      title: s.title,
      department: s.department,
      opensAt: dayjs(s.opensAt),
      closesAt: dayjs(s.closesAt),
      anonymous: s.anonymous,
      email: s.invitation.channels.email,
      sms: s.invitation.channels.sms,
      emailSubject: s.invitation.emailSubject,
      smsText: s.invitation.smsText,
      reminderAfterDays: s.reminders.afterDays,
      reminderMax: s.reminders.max,
      incentiveWinners: s.incentiveWinners,
      intro: s.definition.intro,
      closing: s.definition.closing,
    });
  }, [existing.data, form]);

  const setQuestion = (pi: number, qi: number, q: Question | null) =>
    setDef((d) => ({
      ...d,
      pages: d.pages.map((p, i) =>
        i !== pi
          ? p
          : {
              ...p,
              questions: q
                ? p.questions.map((x, k) => (k === qi ? q : x))
                : p.questions.filter((_x, k) => k !== qi),
            },
      ),
    }));
  const move = (pi: number, qi: number, dir: -1 | 1) =>
    setDef((d) => {
      const qs = [...d.pages[pi].questions];
      const j = qi + dir;
      if (j < 0 || j >= qs.length) return d;
      [qs[qi], qs[j]] = [qs[j], qs[qi]];
      return { ...d, pages: d.pages.map((p, i) => (i === pi ? { ...p, questions: qs } : p)) };
    });
  const addQuestion = (pi: number) =>
    setDef((d) => ({
      ...d,
      pages: d.pages.map((p, i) =>
        i === pi
          ? {
              ...p,
              questions: [...p.questions, { id: nextId(d), type: 'scale5', title: '', required: false }],
            }
          : p,
      ),
    }));

  const onFinish = (m: Meta) => {
    const draft: SurveyDraft = {
      id,
      requestId: existing.data?.requestId ?? requestId,
      title: m.title,
      department: m.department ?? '',
      definition: { ...def, intro: m.intro ?? '', closing: m.closing ?? '' },
      anonymous: !!m.anonymous,
      opensAt: m.opensAt?.toISOString() ?? '',
      closesAt: m.closesAt?.toISOString() ?? '',
      filters: existing.data?.filters ?? { dongIds: [], ageBands: [], genders: [] },
      invitation: {
        channels: { email: !!m.email, sms: !!m.sms },
        emailSubject: m.emailSubject ?? '',
        emailHtml: existing.data?.invitation.emailHtml ?? '',
        smsText: m.smsText ?? '',
        reminderSmsText: existing.data?.invitation.reminderSmsText ?? '',
      },
      reminders: { afterDays: m.reminderAfterDays ?? 3, max: m.reminderMax ?? 0 },
      incentiveWinners: m.incentiveWinners ?? 0,
    };
    const checked = surveyDraft.safeParse(draft);
    if (!checked.success) {
      setErrors([...new Set(checked.error.issues.map((i) => i.message))]);
      return;
    }
    setErrors([]);
    save.mutate(checked.data, {
      onSuccess: (row) => {
        message.success('설문을 저장했습니다.');
        navigate(`/surveys/${row.id}`);
      },
      onError: (e) => setErrors([errorMessage(e)]),
    });
  };

  if (id && existing.isLoading) return <Spin />;
  let n = 0;
  return (
    <>
      <PageHeader
        title={id ? '설문 고치기' : '새 설문'}
        description="문항은 쪽(페이지) 단위로 나뉩니다. 조건 문항은 앞 쪽의 답을 봅니다."
      />
      <Form<Meta>
        form={form}
        name="survey-builder"
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        initialValues={{
          opensAt: dayjs().startOf('hour').add(1, 'hour'),
          closesAt: dayjs().add(14, 'day').hour(18).minute(0),
          email: true,
          sms: true,
          reminderAfterDays: 3,
          reminderMax: 1,
          incentiveWinners: 0,
          closing: '설문에 참여해 주셔서 감사합니다.',
        }}
      >
        <Card title="설문 정보" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name="title"
                label="설문 제목"
                rules={[{ required: true, message: '설문 제목을 입력하세요.' }]}
              >
                <Input maxLength={120} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="department" label="요청 부서">
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="anonymous" label="익명 설문" valuePropName="checked">
                <Checkbox>응답과 사람을 잇지 않음</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="opensAt" label="시작 일시">
                <DatePicker showTime format="YYYY.MM.DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="closesAt" label="마감 일시">
                <DatePicker showTime format="YYYY.MM.DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="reminderAfterDays" label="다시 알림 간격(일)">
                <InputNumber min={1} max={60} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="reminderMax" label="다시 알림 최대 횟수">
                <InputNumber min={0} max={5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="incentiveWinners" label="문화상품권 추첨 인원">
                <InputNumber min={0} max={10000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={4}>
              <Form.Item name="email" label="초대 메일" valuePropName="checked">
                <Checkbox>이메일로 초대</Checkbox>
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="sms" label="초대 문자" valuePropName="checked">
                <Checkbox>문자로 초대</Checkbox>
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="emailSubject" label="메일 제목 (비우면 기본 문구)">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="smsText" label="문자 내용 (비우면 기본 문구, {설문링크} 필수)">
                <Input maxLength={1000} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="intro" label="안내 글 (첫 쪽 위)">
            <Input.TextArea rows={3} maxLength={3000} />
          </Form.Item>
          <Form.Item name="closing" label="맺음 글 (제출 뒤)">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Card>
        {def.pages.map((p, pi) => (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: a page is its position; editing must not remount it
            key={pi}
            size="small"
            title={`${pi + 1}쪽`}
            style={{ marginBottom: 16 }}
            extra={
              def.pages.length > 1 && (
                <Button
                  size="small"
                  danger
                  onClick={() => setDef((d) => ({ ...d, pages: d.pages.filter((_x, i) => i !== pi) }))}
                >
                  {pi + 1}쪽 삭제
                </Button>
              )
            }
          >
            {p.questions.map((q, qi) => {
              n++;
              return (
                <QuestionEditor
                  // biome-ignore lint/suspicious/noArrayIndexKey: the id is being edited; the position is stable
                  key={`${pi}-${qi}`}
                  uid={`${pi}-${qi}`}
                  q={q}
                  number={n}
                  earlier={def.pages.slice(0, pi).flatMap((x) => x.questions)}
                  onChange={(nq) => setQuestion(pi, qi, nq)}
                  onRemove={() => setQuestion(pi, qi, null)}
                  onMove={(d) => move(pi, qi, d)}
                />
              );
            })}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => addQuestion(pi)}>
              {pi + 1}쪽에 문항 추가
            </Button>
          </Card>
        ))}
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Button
            onClick={() =>
              setDef((d) => ({
                ...d,
                pages: [
                  ...d.pages,
                  { questions: [{ id: nextId(d), type: 'short', title: '', required: false }] },
                ],
              }))
            }
          >
            쪽 추가
          </Button>
        </Flex>
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title="설문을 저장할 수 없습니다"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
            style={{ marginBottom: 16 }}
          />
        )}
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            저장
          </Button>
          <Button onClick={() => navigate(id ? `/surveys/${id}` : '/surveys')}>취소</Button>
        </Flex>
      </Form>
    </>
  );
}
