import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { KIND_LABELS } from '../../../shared/contract/subscribers';
import { normalizeEmail } from '../../../shared/text/email';
import { formatPhone, normalizePhone } from '../../../shared/text/phone';
import { invoke } from '../../api/client';
import { useSession } from '../../app/session';
import { FormError } from '../../components/FormError';
import { applyServerError } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { useReference } from '../../hooks/useReference';
import { formatNumber } from '../../lib/format';

type Kind = 'individual' | 'business';
type Match = ChannelOutput<'subscribers.matchContact'>['matches'][number];

interface Values {
  kind: Kind;
  name: string;
  representative?: string;
  businessTypeId?: number | null;
  mobile?: string;
  email?: string;
  birthYear?: number | null;
  gender?: 'M' | 'F' | null;
  dongId?: number | null;
  address?: string;
  signedAt: Dayjs;
  formRef?: string;
}

const EMPTY = { sms: [] as number[], email: [] as number[] };

/** 신청서 입력: laid out like the paper form, keyboard-first (Tab order = form order, Enter saves). */
export function IntakePage() {
  const { message } = App.useApp();
  const { user } = useSession();
  const ref = useReference();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'individual';
  const gender = Form.useWatch('gender', form) ?? null;
  const firstRef = useRef<HTMLInputElement | null>(null);
  const [consents, setConsents] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [matches, setMatches] = useState<Match[]>([]);
  const [updateId, setUpdateId] = useState<string | null>(null);
  const [phoneWarn, setPhoneWarn] = useState<string | null>(null);
  const [emailHint, setEmailHint] = useState<string | null>(null);
  const [emailConfirmed, setEmailConfirmed] = useState(false);
  const today = useInvoke('intake.today', {});
  const nextRef = useInvoke('intake.nextRef', {}, { staleTime: 0 });
  const lockedDong = user.role === 'dong' ? user.dongId : null;

  const fields = useMemo(
    () => (ref.data?.fields ?? []).filter((f) => f.active && f.audience === kind),
    [ref.data, kind],
  );

  useEffect(() => {
    if (nextRef.data) form.setFieldValue('formRef', nextRef.data.formRef);
  }, [nextRef.data, form]);
  useEffect(() => {
    if (lockedDong) form.setFieldValue('dongId', lockedDong);
  }, [lockedDong, form]);

  const toggle = useCallback((ch: 'sms' | 'email', id: number) => {
    setConsents((c) => ({ ...c, [ch]: c[ch].includes(id) ? c[ch].filter((x) => x !== id) : [...c[ch], id] }));
  }, []);

  // Alt+n toggles the 문자 box of field n, Alt+Shift+n its 이메일 box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const m = /^Digit([1-9])$/.exec(e.code);
      if (!m) return;
      const f = fields[Number(m[1]) - 1];
      if (!f) return;
      e.preventDefault();
      toggle(e.shiftKey ? 'email' : 'sms', f.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fields, toggle]);

  // Contact match (debounced while typing, immediately on blur).
  const matchSeq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const runMatch = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    const mobileRaw = (form.getFieldValue('mobile') as string | undefined)?.trim() ?? '';
    const emailRaw = (form.getFieldValue('email') as string | undefined)?.trim() ?? '';
    const mobile = normalizePhone(mobileRaw).digits.length >= 10 ? mobileRaw : undefined;
    const email = emailRaw.includes('@') && emailRaw.includes('.') ? emailRaw : undefined;
    if (!mobile && !email) {
      setMatches([]);
      return;
    }
    const seq = ++matchSeq.current;
    try {
      const r = await invoke('subscribers.matchContact', { mobile, email });
      if (seq === matchSeq.current) setMatches(r.matches);
    } catch {
      /* the check is a help, not a gate */
    }
  }, [form]);
  const scheduleMatch = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(runMatch, 500);
  };

  const onPhoneBlur = () => {
    const raw = (form.getFieldValue('mobile') as string | undefined)?.trim() ?? '';
    if (!raw) return setPhoneWarn(null);
    const n = normalizePhone(raw);
    if (n.kind !== 'invalid') form.setFieldValue('mobile', formatPhone(n.digits));
    setPhoneWarn(
      n.kind === 'withdrawn-mobile'
        ? `${formatPhone(n.digits)}은(는) 서비스가 끝난 번호(011·016·017·018·019)입니다. 010 번호를 확인하세요.`
        : n.kind === 'invalid'
          ? '휴대전화 번호 형식이 아닙니다.'
          : n.kind !== 'mobile'
            ? '휴대전화가 아닌 번호입니다. 문자를 받을 수 없습니다.'
            : null,
    );
    void runMatch();
  };
  const onEmailBlur = () => {
    const raw = (form.getFieldValue('email') as string | undefined)?.trim() ?? '';
    setEmailHint(raw ? (normalizeEmail(raw).suggestion ?? null) : null);
    void runMatch();
  };

  const reset = () => {
    form.resetFields();
    if (lockedDong) form.setFieldValue('dongId', lockedDong);
    setConsents(EMPTY);
    setMatches([]);
    setUpdateId(null);
    setPhoneWarn(null);
    setEmailHint(null);
    setEmailConfirmed(false);
    setError(null);
    void nextRef.refetch().then((r) => r.data && form.setFieldValue('formRef', r.data.formRef));
    setTimeout(() => firstRef.current?.focus(), 0);
  };

  const save = useInvokeMutation('intake.save', {
    invalidates: [
      'intake.today',
      'intake.nextRef',
      'subscribers.list',
      'subscribers.get',
      'stats.subscribers',
      'stats.intake',
      'dashboard.summary',
    ],
  });

  const pending = matches.length > 0 && !updateId;

  const onFinish = (v: Values) => {
    if (pending) {
      setError('같은 연락처로 등록된 사람이 있습니다. "이 사람 정보 수정" 또는 "취소"를 고르세요.');
      return;
    }
    setError(null);
    const validIds = new Set(fields.map((f) => f.id));
    save.mutate(
      {
        kind: v.kind,
        name: v.name,
        representative: v.kind === 'business' ? (v.representative ?? null) : null,
        businessTypeId: v.kind === 'business' ? (v.businessTypeId ?? null) : null,
        mobile: v.mobile ?? null,
        email: v.email ?? null,
        birthYear: v.kind === 'individual' ? (v.birthYear ?? null) : null,
        gender: v.kind === 'individual' ? (v.gender ?? null) : null,
        dongId: v.dongId ?? null,
        address: v.kind === 'business' ? (v.address ?? null) : null,
        note: null,
        emailConfirmed,
        consents: {
          sms: consents.sms.filter((i) => validIds.has(i)),
          email: consents.email.filter((i) => validIds.has(i)),
        },
        formRef: v.formRef?.trim() || undefined,
        signedAt: (v.signedAt ?? dayjs()).format('YYYY-MM-DD'),
        updateSubscriberId: updateId ?? undefined,
        withdrawUnchecked: true,
      },
      {
        onSuccess: (r) => {
          message.success(
            `${r.formRef} ${v.name} — ${r.created ? '새로 등록했습니다' : '정보를 고쳤습니다'}.`,
          );
          for (const w of r.warnings) message.warning(w);
          reset();
        },
        onError: (e) => setError(applyServerError(form, e)),
      },
    );
  };

  // Enter anywhere in the form (except open dropdowns and buttons) saves.
  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.altKey || e.shiftKey || e.nativeEvent.isComposing) return;
    const t = e.target as HTMLElement;
    if (t.tagName === 'BUTTON' || t.tagName === 'TEXTAREA') return;
    if (t.getAttribute('role') === 'combobox' && t.getAttribute('aria-expanded') === 'true') return;
    e.preventDefault();
    form.submit();
  };

  const dongOptions = (ref.data?.dongs ?? [])
    .filter((d) => d.active)
    .map((d) => ({ value: d.id, label: d.name }));
  const btOptions = (ref.data?.businessTypes ?? [])
    .filter((d) => d.active)
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <>
      <PageHeader
        title="접수"
        description="종이 신청서를 보이는 순서대로 입력합니다. Tab으로 다음 칸, Alt+숫자로 문자 동의, Alt+Shift+숫자로 이메일 동의, Enter로 저장합니다."
        extra={
          <Tag color="blue" style={{ fontSize: 14, padding: '4px 10px' }} aria-live="polite">
            {today.data ? `${today.data.stationName} · ` : ''}오늘 접수 {formatNumber(today.data?.count ?? 0)}
            건
          </Tag>
        }
      />
      <Card>
        <Form<Values>
          form={form}
          name="intake"
          layout="vertical"
          requiredMark={false}
          initialValues={{ kind: 'individual', signedAt: dayjs() }}
          onFinish={onFinish}
          onKeyDown={onKeyDown}
        >
          <FormError message={error} />
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item label="구분" name="kind">
                <Radio.Group
                  optionType="button"
                  options={(['individual', 'business'] as const).map((k) => ({
                    value: k,
                    label: KIND_LABELS[k],
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={9}>
              <Form.Item
                label={kind === 'business' ? '상호' : '성명'}
                name="name"
                rules={[
                  {
                    required: true,
                    message: kind === 'business' ? '상호를 입력하세요.' : '성명을 입력하세요.',
                  },
                ]}
              >
                <Input
                  ref={(el) => {
                    firstRef.current = el?.input ?? null;
                  }}
                  autoFocus
                  autoComplete="off"
                />
              </Form.Item>
            </Col>
            {kind === 'business' && (
              <>
                <Col span={4}>
                  <Form.Item label="대표자" name="representative">
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item label="업종" name="businessTypeId">
                    <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={btOptions} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                label="휴대전화"
                name="mobile"
                extra={phoneWarn && <Typography.Text type="warning">{phoneWarn}</Typography.Text>}
              >
                <Input
                  inputMode="tel"
                  autoComplete="off"
                  placeholder="010-1234-5678"
                  onChange={scheduleMatch}
                  onBlur={onPhoneBlur}
                />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label="이메일" name="email">
                <Input
                  autoComplete="off"
                  onChange={() => {
                    setEmailConfirmed(false);
                    scheduleMatch();
                  }}
                  onBlur={onEmailBlur}
                />
              </Form.Item>
            </Col>
            {kind === 'individual' && (
              <Col span={6}>
                <Form.Item label="출생연도" name="birthYear">
                  <InputNumber
                    style={{ width: '100%' }}
                    min={1900}
                    max={2100}
                    controls={false}
                    placeholder="예: 1975"
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
          {emailHint && !emailConfirmed && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`혹시 ${emailHint} 인가요?`}
              action={
                <Flex gap={8}>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      form.setFieldValue('email', emailHint);
                      setEmailHint(null);
                      void runMatch();
                    }}
                  >
                    {emailHint}(으)로 고치기
                  </Button>
                  <Button size="small" onClick={() => setEmailConfirmed(true)}>
                    입력한 그대로
                  </Button>
                </Flex>
              }
            />
          )}
          {matches.length > 0 && (
            <Alert
              type={updateId ? 'success' : 'info'}
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title={
                updateId
                  ? '이미 등록된 사람의 정보를 이 신청서로 고칩니다.'
                  : '같은 연락처로 등록된 사람이 있습니다.'
              }
              description={matches.map((m) => (
                <Flex key={m.id} gap={8} align="center" wrap style={{ marginTop: 4 }}>
                  <span>
                    {m.name} · {m.dongName ?? '동 미상'} · {m.mobile ?? ''} {m.email ?? ''}
                  </span>
                  {!updateId && m.editable && (
                    <Button size="small" type="primary" onClick={() => setUpdateId(m.id)}>
                      이 사람 정보 수정
                    </Button>
                  )}
                  {!m.editable && (
                    <Typography.Text type="secondary">다른 동 주민입니다. 본청에 문의하세요.</Typography.Text>
                  )}
                </Flex>
              ))}
              action={
                <Button
                  size="small"
                  onClick={() => {
                    setMatches([]);
                    setUpdateId(null);
                  }}
                >
                  취소
                </Button>
              }
            />
          )}
          <Row gutter={16}>
            {kind === 'individual' && (
              <Col span={6}>
                <Form.Item label="성별" name="gender">
                  {/* One Tab stop for the group (the checked one, else 남; arrows move within it):
                      with neither checked, Chromium sometimes stopped on 여 as well, and the next
                      Tab of a form typed by heart landed in the wrong field. */}
                  <Radio.Group>
                    <Radio value="M" tabIndex={gender === 'F' ? -1 : 0}>
                      남
                    </Radio>
                    <Radio value="F" tabIndex={gender === 'F' ? 0 : -1}>
                      여
                    </Radio>
                  </Radio.Group>
                </Form.Item>
              </Col>
            )}
            <Col span={6}>
              <Form.Item label="행정동" name="dongId">
                <Select
                  allowClear={!lockedDong}
                  disabled={!!lockedDong}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={dongOptions}
                />
              </Form.Item>
            </Col>
            {kind === 'business' && (
              <Col span={12}>
                <Form.Item label="주소" name="address">
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            수신 분야
          </Typography.Title>
          <table className="intake-consents" style={{ borderCollapse: 'collapse', marginBottom: 16 }}>
            <thead>
              <tr>
                <th style={{ textAlign: 'left', padding: '4px 12px 4px 0' }}>분야</th>
                <th style={{ padding: '4px 12px' }}>문자</th>
                <th style={{ padding: '4px 12px' }}>이메일</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f, i) => (
                <tr key={f.id}>
                  <td style={{ padding: '2px 12px 2px 0' }}>{f.name}</td>
                  <td style={{ padding: '2px 12px' }}>
                    <Checkbox
                      aria-label={`${f.name} 문자`}
                      checked={consents.sms.includes(f.id)}
                      onChange={() => toggle('sms', f.id)}
                    >
                      {i < 9 && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          Alt+{i + 1}
                        </Typography.Text>
                      )}
                    </Checkbox>
                  </td>
                  <td style={{ padding: '2px 12px' }}>
                    <Checkbox
                      aria-label={`${f.name} 이메일`}
                      checked={consents.email.includes(f.id)}
                      onChange={() => toggle('email', f.id)}
                    >
                      {i < 9 && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          Alt+Shift+{i + 1}
                        </Typography.Text>
                      )}
                    </Checkbox>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item
                label="서명일"
                name="signedAt"
                rules={[{ required: true, message: '서명일을 입력하세요.' }]}
              >
                <DatePicker format="YYYY.MM.DD" allowClear={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="신청서 번호" name="formRef">
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              저장 (Enter)
            </Button>
            <Button onClick={reset}>새로 쓰기</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
