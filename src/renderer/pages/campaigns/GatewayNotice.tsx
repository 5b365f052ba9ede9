import { Alert } from 'antd';
import { useInvoke } from '../../hooks/useInvoke';

/** Says plainly when SMS goes to the test gateway (nothing is really sent), and when SMTP is missing. */
export function GatewayNotice({ email = false }: { email?: boolean }) {
  const g = useInvoke('campaigns.gateway', {}, { staleTime: 60_000 });
  if (!g.data) return null;
  return (
    <>
      {!g.data.real && (
        <Alert
          type="warning"
          showIcon
          role="status"
          aria-label="발송기 안내"
          style={{ marginBottom: 12 }}
          title={`${g.data.name} 사용 중`}
          description={g.data.notice}
        />
      )}
      {email && !g.data.smtpConfigured && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="메일 서버(SMTP)가 설정되지 않아 이메일은 보낼 수 없습니다. 관리자가 설정에서 정할 수 있습니다."
        />
      )}
    </>
  );
}
