import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatNumber } from '../../lib/format';

/** 위·변조 검사: re-computes the hash chain of the whole audit log on the core. */
export function useVerify() {
  return useInvokeMutation('audit.verify');
}

export function VerifyButton({ verify }: { verify: ReturnType<typeof useVerify> }) {
  return (
    <Button
      icon={<SafetyCertificateOutlined aria-hidden />}
      loading={verify.isPending}
      onClick={() => verify.mutate({})}
    >
      위·변조 검사
    </Button>
  );
}

export function VerifyResult({ verify }: { verify: ReturnType<typeof useVerify> }) {
  if (verify.isError)
    return <Alert type="error" showIcon title={verify.error.message} style={{ marginBottom: 16 }} />;
  const r = verify.data;
  if (!r) return null;
  return r.ok ? (
    <Alert
      type="success"
      showIcon
      role="status"
      title={`접속기록 ${formatNumber(r.checked)}건을 검사했습니다. 위·변조된 기록이 없습니다.`}
      style={{ marginBottom: 16 }}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      role="alert"
      title="접속기록이 위·변조된 것으로 보입니다."
      description={`${formatNumber(r.checked)}건을 검사했고, 일련번호 ${r.brokenAtId ?? '?'}번 기록부터 앞 기록과 이어지지 않습니다. 전산 담당자에게 알리고 백업본과 비교하세요.`}
      style={{ marginBottom: 16 }}
    />
  );
}
