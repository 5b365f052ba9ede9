import { Alert, Button, Card, Checkbox, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { type ReactNode, useMemo, useRef } from 'react';
import type { CampaignDraft, PreviewOutput } from '../../../shared/contract/campaigns';
import {
  countSmsBytes,
  countSubjectBytes,
  LMS_MAX_BYTES,
  LMS_SUBJECT_MAX_BYTES,
  normaliseSmsText,
  SMS_MAX_BYTES,
  smsClassOf,
} from '../../../shared/text/smsBytes';
import { formatNumber } from '../../lib/format';
import { insertAtCursor } from './insertAtCursor';

type Sms = CampaignDraft['sms'];

interface Props {
  sms: Sms;
  onChange: (sms: Sms) => void;
  /** placeholders offered as buttons: {이름} {동} and a notice file's columns */
  placeholders: string[];
  /** the last server preview and the body text it was computed for */
  preview: PreviewOutput['sms'] | undefined;
  previewedText: string | undefined;
}

const CLASS_COLOR = { SMS: 'green', LMS: 'blue', TOO_LONG: 'red' } as const;
const CLASS_LABEL = { SMS: 'SMS (단문)', LMS: 'LMS (장문)', TOO_LONG: '너무 김' } as const;

/** The text with each character that cannot go out as EUC-KR marked. */
function Highlighted({ text, positions }: { text: string; positions: number[] }) {
  const s = normaliseSmsText(text);
  const out: ReactNode[] = [];
  let last = 0;
  for (const p of positions) {
    const ch = String.fromCodePoint(s.codePointAt(p)!);
    // a grapheme (👍🏻) may span more code points; mark up to the next plain character
    let end = p + ch.length;
    while (end < s.length && /\p{M}|\p{Emoji_Modifier}|\u200d|\ufe0f/u.test(s[end])) end++;
    out.push(s.slice(last, p));
    out.push(
      <mark key={p} style={{ background: '#ffccc7', outline: '1px solid #ff4d4f' }}>
        {s.slice(p, end)}
      </mark>,
    );
    last = end;
  }
  out.push(s.slice(last));
  return (
    <pre title="보낼 수 없는 글자 표시" style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'inherit' }}>
      {out}
    </pre>
  );
}

/**
 * 문자 내용: counts EUC-KR bytes as you type with the shared counter. The body is counted here at once;
 * what the program appends (opt-out line, (광고), SNS) and the longest name/동 among the actual
 * recipients come from the last server preview as an offset, so the class changes on the keystroke.
 */
export function SmsEditor({ sms, onChange, placeholders, preview, previewedText }: Props) {
  const area = useRef<TextAreaRef>(null);
  const body = useMemo(() => countSmsBytes(sms.text), [sms.text]);
  const offset = useMemo(() => {
    if (!preview || previewedText === undefined) return 0;
    return preview.worstCaseBytes - countSmsBytes(previewedText).bytes;
  }, [preview, previewedText]);
  const total = body.bytes + offset;
  const cls = smsClassOf(total);
  const subject = countSubjectBytes(sms.subject);
  const insert = (p: string) =>
    insertAtCursor(area.current?.resizableTextArea?.textArea, sms.text, `{${p}}`, '', (text) =>
      onChange({ ...sms, text }),
    );

  return (
    <Card title="문자 내용" size="small">
      <Form layout="vertical" component="div" name="campaign-sms">
        <Form.Item label="자리표시자 넣기">
          <Space wrap>
            {placeholders.map((p) => (
              <Button key={p} size="small" onClick={() => insert(p)}>
                {`{${p}}`}
              </Button>
            ))}
          </Space>
        </Form.Item>
        <Form.Item
          label="문자 내용"
          htmlFor="campaign-sms-text"
          extra="수신거부 안내 문구는 자동으로 붙습니다. 광고이면 (광고)와 무료수신거부 번호도 붙습니다."
        >
          <Input.TextArea
            id="campaign-sms-text"
            ref={area}
            rows={8}
            value={sms.text}
            onChange={(e) => onChange({ ...sms, text: e.target.value })}
            placeholder="{이름}님, 안녕하세요. …"
          />
        </Form.Item>
        <Flex
          role="status"
          aria-label="문자 바이트"
          gap={8}
          align="center"
          wrap
          style={{ marginTop: -12, marginBottom: 16 }}
        >
          <Tag color={CLASS_COLOR[cls]} style={{ fontSize: 14 }}>
            {CLASS_LABEL[cls]}
          </Tag>
          <Typography.Text className="tabular" strong>
            {formatNumber(total)}바이트
          </Typography.Text>
          <Typography.Text type="secondary" className="tabular">
            (본문 {formatNumber(body.bytes)}바이트 · 단문 {SMS_MAX_BYTES} / 장문 {formatNumber(LMS_MAX_BYTES)}
            바이트까지
            {offset ? ` · 붙는 문구와 가장 긴 이름·동 포함` : ''})
          </Typography.Text>
        </Flex>
        {body.unsupported.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={`문자로 보낼 수 없는 글자가 있습니다: ${body.unsupported.join(' ')}`}
            description={<Highlighted text={sms.text} positions={body.unsupportedPositions} />}
          />
        )}
        <Form.Item
          label="장문 제목"
          htmlFor="campaign-sms-subject"
          extra={`장문(LMS)일 때 쓰입니다. ${LMS_SUBJECT_MAX_BYTES}바이트까지.`}
          validateStatus={subject.tooLong || subject.unsupported.length ? 'error' : undefined}
          help={
            subject.tooLong
              ? `제목이 ${subject.bytes}바이트입니다. ${LMS_SUBJECT_MAX_BYTES}바이트 이하로 줄이세요.`
              : subject.unsupported.length
                ? `보낼 수 없는 글자: ${subject.unsupported.join(' ')}`
                : undefined
          }
        >
          <Input
            id="campaign-sms-subject"
            value={sms.subject}
            onChange={(e) => onChange({ ...sms, subject: e.target.value })}
            suffix={
              <Typography.Text type="secondary" className="tabular">
                {subject.bytes}/{LMS_SUBJECT_MAX_BYTES}
              </Typography.Text>
            }
          />
        </Form.Item>
        <Checkbox checked={sms.appendSns} onChange={(e) => onChange({ ...sms, appendSns: e.target.checked })}>
          구 SNS 주소 붙이기
        </Checkbox>
      </Form>
    </Card>
  );
}
