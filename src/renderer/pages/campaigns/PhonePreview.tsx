import { Alert, Flex, Tag, Typography } from 'antd';
import type { PreviewOutput } from '../../../shared/contract/campaigns';
import { formatNumber } from '../../lib/format';

/** A phone-shaped preview of the final SMS as one real recipient would get it, with the cost. */
export function PhonePreview({ preview }: { preview: PreviewOutput | undefined }) {
  const sms = preview?.sms;
  return (
    <Flex vertical gap={12} align="center">
      <section
        aria-label="문자 미리보기"
        style={{
          width: 280,
          minHeight: 460,
          border: '10px solid #222',
          borderRadius: 32,
          background: '#f5f5f5',
          padding: '28px 12px 16px',
          boxShadow: '0 4px 16px rgba(0,0,0,0.15)',
        }}
      >
        <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', fontSize: 12 }}>
          {preview?.recipient
            ? `${preview.recipient.name}${preview.recipient.dong ? ` (${preview.recipient.dong})` : ''}님이 받는 문자`
            : '받는 사람 예시'}
        </Typography.Text>
        {sms ? (
          <div
            style={{
              marginTop: 12,
              background: '#fff',
              borderRadius: 14,
              padding: '10px 12px',
              boxShadow: '0 1px 2px rgba(0,0,0,0.1)',
            }}
          >
            {sms.subject && (
              <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
                {sms.subject}
              </Typography.Text>
            )}
            <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 13 }}>{sms.text}</div>
          </div>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 24, textAlign: 'center' }}>
            문자 채널을 고르고 내용을 쓰면 여기에 보입니다.
          </Typography.Paragraph>
        )}
      </section>
      {sms && (
        <Flex vertical gap={6} style={{ width: 300 }} aria-label="문자 요약">
          <Flex gap={6} wrap>
            <Tag color={sms.class === 'SMS' ? 'green' : sms.class === 'LMS' ? 'blue' : 'red'}>
              {sms.class}
            </Tag>
            <Typography.Text className="tabular">
              이 사람 {formatNumber(sms.bytes)}바이트 · 가장 긴 경우 {formatNumber(sms.worstCaseBytes)}바이트
            </Typography.Text>
          </Flex>
          <Typography.Text className="tabular" aria-label="예상 비용">
            예상 비용: {formatNumber(sms.recipients)}명 × {formatNumber(sms.unitPrice)}원 ={' '}
            <strong>{formatNumber(sms.cost)}원</strong>
          </Typography.Text>
          {sms.warnings.map((w) => (
            <Alert key={w} type={sms.night && w.includes('밤') ? 'warning' : 'info'} showIcon title={w} />
          ))}
        </Flex>
      )}
    </Flex>
  );
}
