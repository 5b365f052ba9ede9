// Word lists and the March-2015 proportions (docs/domain.md) behind `sotong demo`.

/** Individuals' field subscriber counts out of 76,988 (by field code); unknown codes get a default share. */
export const FIELD_COUNTS_2015: Record<string, number> = {
  culture: 55_927,
  education: 41_410,
  library: 39_718,
  living: 51_932,
  health: 58_385,
  survey: 30_522,
  newsletter: 38_767,
  tax: 27_799,
  civildefense: 17_505,
  school: 22_574,
  idcard: 24_820,
};
export const INDIVIDUALS_2015 = 76_988;

/** Business fields are not counted in the plan: plausible shares. */
export const BUSINESS_FIELD_SHARE: Record<string, number> = {
  'biz-training': 0.62,
  'biz-rules': 0.71,
  'biz-advance': 0.48,
  'biz-disposition': 0.39,
};

/** Age bands (<20, 20s … 70+) of the 76,988 individuals. */
export const AGE_BAND_COUNTS_2015 = [316, 7_345, 18_673, 17_640, 14_362, 10_114, 8_538];

/** Businesses by type code (total 5,381). */
export const BUSINESS_TYPE_COUNTS_2015: Record<string, number> = {
  sports: 11,
  sme: 146,
  jobagency: 43,
  'specialty-firm': 73,
  environment: 267,
  realestate: 555,
  'specialty-construction': 222,
  vehicle: 222,
  food: 2_969,
  medical: 686,
  'disinfect-obliged': 160,
  disinfection: 27,
};

/** Common surnames with their approximate share (per mille) and a romanisation for e-mail names. */
export const SURNAMES: [string, number, string][] = [
  ['김', 215, 'kim'],
  ['이', 147, 'lee'],
  ['박', 84, 'park'],
  ['최', 47, 'choi'],
  ['정', 43, 'jung'],
  ['강', 24, 'kang'],
  ['조', 21, 'cho'],
  ['윤', 21, 'yoon'],
  ['장', 20, 'jang'],
  ['임', 17, 'lim'],
  ['한', 15, 'han'],
  ['오', 15, 'oh'],
  ['서', 15, 'seo'],
  ['신', 14, 'shin'],
  ['권', 14, 'kwon'],
  ['황', 14, 'hwang'],
  ['안', 13, 'ahn'],
  ['송', 13, 'song'],
  ['유', 18, 'yu'],
  ['전', 11, 'jeon'],
  ['홍', 11, 'hong'],
  ['고', 9, 'ko'],
  ['문', 9, 'moon'],
  ['양', 9, 'yang'],
  ['손', 9, 'son'],
  ['배', 8, 'bae'],
  ['백', 7, 'baek'],
  ['허', 6, 'heo'],
  ['남', 5, 'nam'],
  ['심', 5, 'shim'],
  ['노', 4, 'noh'],
  ['하', 4, 'ha'],
  ['곽', 4, 'kwak'],
  ['성', 4, 'sung'],
  ['차', 4, 'cha'],
  ['주', 4, 'joo'],
  ['우', 4, 'woo'],
  ['구', 4, 'koo'],
  ['민', 3, 'min'],
  ['진', 3, 'jin'],
  ['나', 3, 'na'],
  ['지', 3, 'ji'],
  ['엄', 3, 'eom'],
  ['채', 3, 'chae'],
  ['원', 3, 'won'],
  ['천', 2, 'cheon'],
  ['방', 2, 'bang'],
  ['공', 2, 'kong'],
  ['현', 2, 'hyun'],
  ['함', 2, 'ham'],
  ['변', 2, 'byun'],
  ['염', 2, 'yeom'],
  ['여', 2, 'yeo'],
  ['추', 1, 'choo'],
  ['도', 1, 'do'],
  ['석', 1, 'seok'],
  ['설', 1, 'seol'],
  ['마', 1, 'ma'],
  ['길', 1, 'gil'],
  ['연', 1, 'yeon'],
];

/** Given names by sex, older (born before ~1975) and younger generations. */
export const GIVEN_NAMES = {
  M: {
    older: ['영수', '영호', '영식', '정수', '정호', '상철', '성수', '상훈', '성호', '영철', '동훈', '성진', '준호', '상현', '광수', '병철', '재훈', '성훈', '종수', '명수', '철수', '진호', '기현', '용준', '태호', '경호', '종호', '승철', '대현', '정남', '만수', '용수', '재석', '기철', '순철', '봉수', '춘식', '동수', '학수', '인호'],
    younger: ['민준', '서준', '도윤', '예준', '시우', '하준', '주원', '지호', '지후', '준서', '준우', '현우', '도현', '지훈', '건우', '우진', '선우', '서진', '민재', '현준', '연우', '유준', '정우', '승우', '승현', '시윤', '준혁', '은우', '지환', '승민', '지우', '유찬', '윤우', '민성', '준영', '시후', '진우', '지원', '수현', '재윤', '동현', '민규', '재원', '한결', '민우', '재민', '윤호', '시원', '민호', '지성'],
  },
  F: {
    older: ['영희', '순자', '영숙', '정숙', '경숙', '미경', '은영', '현주', '미숙', '경희', '현정', '수진', '은정', '미정', '혜숙', '정미', '선영', '미란', '옥순', '말순', '순희', '영자', '춘자', '명숙', '혜영', '정희', '숙자', '영순', '복순', '금순', '미자', '경자', '정자', '순옥', '명자', '인숙', '연희', '미향', '은숙', '혜정'],
    younger: ['서연', '서윤', '지우', '서현', '민서', '하은', '하윤', '윤서', '지유', '지민', '채원', '지윤', '은서', '수아', '다은', '예은', '지아', '수빈', '소율', '예린', '예원', '지원', '소윤', '유진', '시은', '채은', '윤아', '유나', '가은', '서영', '민지', '수연', '지현', '은지', '혜진', '지영', '지혜', '수정', '소영', '미진', '은희', '보람', '다혜', '슬기', '아름', '나연', '하늘', '세영', '주연', '예지'],
  },
};

/** Business-name stems and, per type code, what the name ends with. */
export const BUSINESS_STEMS = ['행복', '한빛', '새봄', '우리', '청솔', '미래', '대성', '동아', '금강', '한강', '푸른', '다온', '늘푸른', '온누리', '제일', '중앙', '으뜸', '해오름', '솔빛', '가온', '나래', '햇살', '다솜', '새롬', '명성', '태양', '현대', '성원', '보람', '한마음'];
export const BUSINESS_SUFFIX: Record<string, string[]> = {
  sports: ['헬스클럽', '태권도장', '볼링장', '수영장'],
  sme: ['산업', '상사', '테크', '정밀'],
  jobagency: ['인력', '직업소개소'],
  'specialty-firm': ['건설', '종합건설'],
  environment: ['환경', '세탁소', '도금'],
  realestate: ['공인중개사사무소', '부동산'],
  'specialty-construction': ['설비', '전기', '인테리어'],
  vehicle: ['자동차정비', '카센터', '모터스'],
  food: ['식당', '분식', '반찬', '카페', '치킨', '베이커리', '미용실', '정육점', '횟집', '국밥'],
  medical: ['의원', '약국', '안경원', '치과의원', '한의원'],
  'disinfect-obliged': ['빌딩', '학원', '요양원', '예식장'],
  disinfection: ['방역', '소독'],
};
export const BUSINESS_SUFFIX_DEFAULT = ['상회', '사무소', '상사'];

/** Apartment names used in demo addresses. */
export const APARTMENTS = ['래미안', '힐스테이트', '푸르지오', '자이', '아이파크', 'e편한세상', '센트라스', '롯데캐슬', '벽산', '대림'];
