// DSN status codes (RFC 3463) in plain Korean, so staff can tell the person on the phone what
// went wrong; the mail server's own English text stays visible next to it.
const EXACT: Record<string, string> = {
  '5.1.1': '받는 사람 주소가 없습니다 (아이디 오타 또는 탈퇴한 계정)',
  '5.1.2': '메일 도메인(@ 뒤)이 없습니다 (주소 오타)',
  '5.1.3': '주소 형식이 잘못되었습니다',
  '5.1.6': '받는 사람이 주소를 옮겼습니다',
  '5.1.10': '받는 사람 주소가 없습니다 (도메인이 메일을 받지 않음)',
  '5.2.1': '받는 사람의 메일함이 사용 중지되었습니다',
  '5.2.2': '받는 사람의 메일함이 가득 찼습니다',
  '5.2.3': '메일이 너무 커서 받지 않았습니다',
  '5.4.1': '받는 쪽 서버가 이 주소를 받지 않습니다',
  '5.4.4': '메일 도메인(@ 뒤)을 찾을 수 없습니다',
  '5.7.1': '받는 쪽 서버가 보안 정책으로 거절했습니다',
  '4.2.2': '메일함이 가득 찼습니다 (일시)',
  '4.4.1': '받는 쪽 서버에 연결하지 못했습니다 (일시)',
  '4.4.7': '전달 시간이 초과되었습니다 (일시)',
};

const BY_CLASS: Record<string, string> = {
  '1': '주소 문제',
  '2': '메일함 문제',
  '3': '받는 쪽 메일 시스템 문제',
  '4': '네트워크·전달 경로 문제',
  '5': '전달 방식 문제',
  '6': '메일 내용 문제',
  '7': '보안·정책으로 거절',
};

/** '5.1.1' → '받는 사람 주소가 없습니다 …'; unknown codes fall back to their class. */
export function bounceReason(status: string | null): string {
  if (!status) return '반송 사유 코드가 없습니다';
  const exact = EXACT[status];
  if (exact) return exact;
  const [head, cls] = status.split('.');
  const kind = BY_CLASS[cls ?? ''] ?? '알 수 없는 사유';
  return head === '4' ? `${kind} (일시)` : kind;
}
