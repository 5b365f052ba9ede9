/**
 * Provider result codes → Korean reasons staff can act on. Keyed by provider so that each real
 * gateway adapter (a later issue) adds its table here and the results screen groups by reason.
 * Codes not listed fall back to a generic reason that still shows the code.
 */

type CodeTable = Record<
  string,
  { reason: string; final: 'delivered' | 'failed' | 'pending'; retry?: boolean }
>;

export const PROVIDER_CODES: Record<string, CodeTable> = {
  test: {
    OK: { reason: '전달됨', final: 'delivered' },
    ACCEPTED: { reason: '발송기가 접수함', final: 'pending' },
    T_FAIL: { reason: '수신 단말 응답 없음 (테스트 발송기의 모의 실패)', final: 'failed' },
    T_BAD_NUMBER: { reason: '받는 번호가 휴대전화 번호가 아닙니다', final: 'failed' },
    T_TOO_LONG: { reason: '문자가 너무 깁니다 (2,000바이트 초과)', final: 'failed' },
  },
  // From the providers' public documentation (docs/messaging-kr.md); adapters come later.
  solapi: {
    '2000': { reason: '발송 요청 접수', final: 'pending' },
    '3000': { reason: '통신사로 전달 중', final: 'pending' },
    '4000': { reason: '전달됨', final: 'delivered' },
    '1060': { reason: '발송이 차단된 번호', final: 'failed' },
    '2060': { reason: '발송이 차단된 번호', final: 'failed' },
    '1061': { reason: '080 수신거부한 번호', final: 'failed' },
    '2061': { reason: '080 수신거부한 번호', final: 'failed' },
    '3010': { reason: '없는 번호이거나 받을 수 없는 번호', final: 'failed' },
    '3032': { reason: '통신사 가입자가 아닌 번호', final: 'failed' },
    // *unverified* beyond docs/messaging-kr.md: codes seen in Solapi's public material
    '1062': { reason: '발신번호가 발송 업체에 등록되지 않았습니다', final: 'failed' },
    '3040': { reason: '전송 시간 초과 (단말기 꺼짐·통화권 밖)', final: 'failed' },
  },
  nhn: {
    '0': { reason: '발송 실패', final: 'failed' },
    '1': { reason: '발송 요청 접수', final: 'pending' },
    '2': { reason: '통신사로 전달 중', final: 'pending' },
    '3': { reason: '전달됨', final: 'delivered' },
    '6': { reason: '광고 문자 제한 (야간 또는 수신거부)', final: 'failed' },
    '7': { reason: '광고 문자 제한 (야간 또는 수신거부)', final: 'failed' },
    '4': { reason: '예약 발송이 취소됨', final: 'failed' },
    '5': { reason: '같은 요청이 중복되어 보내지 않음', final: 'failed' },
  },
};

export function reasonFor(provider: string, code: string | null | undefined): string {
  if (!code) return '알 수 없는 오류';
  const hit = PROVIDER_CODES[provider]?.[code];
  return hit ? hit.reason : `발송기 오류 (코드 ${code})`;
}
