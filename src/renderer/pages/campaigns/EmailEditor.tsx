import { Alert, Button, Card, Collapse, Flex, Form, Input, Space, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef } from 'react';
import type { CampaignDraft, PreviewOutput } from '../../../shared/contract/campaigns';
import { insertAtCursor } from './insertAtCursor';

type Email = CampaignDraft['email'];

const TOOLS: { label: string; title: string; before: string; after: string }[] = [
  { label: '굵게', title: '고른 글자를 굵게', before: '<strong>', after: '</strong>' },
  { label: '제목', title: '고른 줄을 소제목으로', before: '<h2>', after: '</h2>' },
  { label: '문단', title: '고른 글을 한 문단으로', before: '<p>', after: '</p>' },
  { label: '목록', title: '항목 목록', before: '<ul>\n  <li>', after: '</li>\n</ul>' },
  { label: '링크', title: '고른 글자에 링크 걸기', before: '<a href="https://">', after: '</a>' },
  { label: '줄바꿈', title: '줄바꿈', before: '<br>', after: '' },
];

export const EMAIL_STARTER = '<h2>제목</h2>\n<p>{이름}님, 안녕하세요.</p>\n<p>내용을 적어 주세요.</p>';

/** 이메일: subject, HTML body with a small toolbar, and a sandboxed preview with the automatic text part. */
export function EmailEditor({
  email,
  onChange,
  placeholders,
  preview,
}: {
  email: Email;
  onChange: (e: Email) => void;
  placeholders: string[];
  preview: PreviewOutput['email'] | undefined;
}) {
  const area = useRef<TextAreaRef>(null);
  const wrap = (before: string, after = '') =>
    insertAtCursor(area.current?.resizableTextArea?.textArea, email.html, before, after, (html) =>
      onChange({ ...email, html }),
    );
  return (
    <Card title="이메일 내용" size="small">
      <Form layout="vertical" component="div" name="campaign-email">
        <Form.Item
          label="이메일 제목"
          htmlFor="campaign-email-subject"
          extra="광고이면 제목 앞에 (광고)가 붙습니다."
        >
          <Input
            id="campaign-email-subject"
            value={email.subject}
            onChange={(e) => onChange({ ...email, subject: e.target.value })}
          />
        </Form.Item>
        <Form.Item
          label="이메일 본문 (HTML)"
          htmlFor="campaign-email-html"
          extra="바닥글(보낸 곳, 수신거부 링크)은 자동으로 붙습니다. 글만 쓰는 본문(텍스트)도 자동으로 만듭니다."
        >
          <Flex vertical gap={6}>
            <Space wrap role="toolbar" aria-label="이메일 편집 도구">
              {TOOLS.map((t) => (
                <Tooltip key={t.label} title={t.title}>
                  <Button size="small" onClick={() => wrap(t.before, t.after)}>
                    {t.label}
                  </Button>
                </Tooltip>
              ))}
              {placeholders.map((p) => (
                <Button key={p} size="small" onClick={() => wrap(`{${p}}`)}>
                  {`{${p}}`}
                </Button>
              ))}
              {!email.html && (
                <Button
                  size="small"
                  type="dashed"
                  onClick={() => onChange({ ...email, html: EMAIL_STARTER })}
                >
                  기본 틀 넣기
                </Button>
              )}
            </Space>
            <Input.TextArea
              id="campaign-email-html"
              ref={area}
              rows={12}
              style={{ fontFamily: 'monospace', fontSize: 13 }}
              value={email.html}
              onChange={(e) => onChange({ ...email, html: e.target.value })}
            />
          </Flex>
        </Form.Item>
      </Form>
      {preview && (
        <Flex vertical gap={8}>
          {preview.warnings.map((w) => (
            <Alert key={w} type="info" showIcon title={w} />
          ))}
          <Typography.Text strong>미리보기: {preview.subject}</Typography.Text>
          <iframe
            title="이메일 미리보기"
            sandbox=""
            srcDoc={preview.html}
            style={{
              width: '100%',
              height: 420,
              border: '1px solid #d9d9d9',
              borderRadius: 6,
              background: '#fff',
            }}
          />
          <Collapse
            size="small"
            items={[
              {
                key: 't',
                label: '글만 있는 본문 (자동)',
                children: <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{preview.text}</pre>,
              },
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}
