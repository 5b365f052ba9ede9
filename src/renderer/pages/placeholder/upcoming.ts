/** Pages whose capability is not built yet: an honest title and what will be there. */
export const UPCOMING = {
  '/subscribers': {
    title: '구독자',
    text: '전자소통 구독자(개인·사업자)를 찾아보고, 분야별 수신 동의와 신청서 보관 위치를 관리하는 화면이 들어올 자리입니다.',
  },
  '/intake': {
    title: '접수',
    text: '주민센터와 본청에서 받은 신청서를 입력하고, 동별·기간별 접수 실적을 확인하는 화면이 들어올 자리입니다.',
  },
  '/optout': {
    title: '수신거부',
    text: '수신거부 문자를 받아 구독자와 맞춰 해지하고, 맞추지 못한 건을 처리하는 화면이 들어올 자리입니다.',
  },
  '/stats': {
    title: '통계',
    text: '분야·연령대·업종·동별 구독자, 연도별 발송 실적, 동별 접수 실적을 보고 인쇄하는 화면이 들어올 자리입니다.',
  },
} as const;

export type UpcomingPath = keyof typeof UPCOMING;
