/**
 * Reads a resident's reply and decides: a clear opt-out (all fields, or the fields it names), or
 * something a person must look at. The rule is "nothing is guessed silently": any sign that the
 * message means something else — a question, a complaint, a negation, a re-subscribe request, a
 * wrong-number note, spam — sends it to the review queue with the reason. Pure module.
 *
 * Patterns run on the compact text (no spaces, no punctuation), so '수 신 거 부', '수신 거부요' and
 * '수신거부!!' read alike; one typo in 수신거부 is forgiven at the jamo level ('수신거뷰', '수싱거부').
 */
import type { FieldMatcher } from './fields';
import { compact, fuzzyDistance, normalizeText, numbersIn, type Sentence, sentences, toJamo } from './text';

export type OptOutCode =
  | 'optout'
  | 'empty'
  | 'spam'
  | 'long'
  | 'other-number'
  | 'negation'
  | 'resubscribe'
  | 'wrong-person'
  | 'complaint'
  | 'timing'
  | 'business'
  | 'partial'
  | 'question'
  | 'choseong'
  | 'unclear';

export const OPTOUT_CODE_LABELS: Record<OptOutCode, string> = {
  optout: '수신거부 요청',
  empty: '내용이 없습니다',
  spam: '광고·스팸으로 보입니다',
  long: '긴 메시지라 사람이 읽어야 합니다',
  'other-number': '보낸 번호와 다른 번호가 적혀 있습니다',
  negation: '거부하지 않겠다는 부정 표현이 있습니다',
  resubscribe: '다시 받겠다는(재구독) 요청으로 보입니다',
  'wrong-person': '본인이 아니거나 잘못 온 문자라는 내용입니다',
  complaint: '불만·항의가 있어 확인이 필요합니다',
  timing: '발송 시간·횟수에 대한 불만으로 보입니다',
  business: '행사·예약 취소 등 다른 용건으로 보입니다',
  partial: '일부 분야만 남기거나 빼 달라는 요청입니다',
  question: '문의(질문)로 보입니다',
  choseong: '초성만 있어 뜻이 분명하지 않습니다',
  unclear: '수신거부 의사가 분명하지 않습니다',
};

export type ChannelHint = 'sms' | 'email' | 'both' | null;

export interface OptOutIntent {
  decision: 'optout' | 'review';
  /** 'fields' when the text names one or more 분야 */
  scope: 'all' | 'fields';
  fieldIds: number[];
  /** the channel the text names ('이메일도 그만'), null when it names none */
  channel: ChannelHint;
  code: OptOutCode;
  /** Korean, shown in the review queue */
  reason: string;
  /** the phrases that decided it */
  matched: string[];
  /** mobile numbers written in the text */
  numbers: string[];
}

export interface ReadOptions {
  fields: FieldMatcher;
  /** the sender's number (digits): a different number inside the text needs review */
  from?: string | null;
  /** more than this many letters (after compaction) goes to review */
  maxLength?: number;
}

const VERB = '(?:거부|거뷰|차단|중지|중단|해지|해제|취소|사절|불원|철회|끊|그만)';
const OBJECT = '(?:수신|문자|메시지|메세지|메일|이메일|구독|서비스|발송|알림|연락|광고|홍보)';

/** Accepted on their own. */
const STRONG: RegExp[] = [
  new RegExp(`수신(?:을|은|도)?${VERB}`),
  new RegExp(`${OBJECT}(?:을|를|은|는|도|좀)?${VERB}`),
  /거부(?!감|권|반응)/,
  /거뷰/,
  /그만(?!큼|두|둔|둘|뒀)/,
  /중지|중단/,
  /해지/,
  /탈퇴/,
  /취소/,
  /철회/,
  /스톱|스탑|스땁|stop|unsubscribe|optout|nomore|dontsend|donotsend|remove/,
  /(?:수신|구독)(?:을|하기)?원(?:하지|치)않|수신안(?:함|할|하|받)/,
  /받지(?:않|말|마)|받기(?:싫|원하지않)|받고싶지않|받을생각없|안받(?:을|겠|고싶|을래|을게|아도|고)/,
  /빼(?:주|줘|달|세요)|삭제(?:해|하여|부탁|요망|바랍|원합|요청)|지워(?:주|줘|달)|제외(?:해|하여|시켜|부탁|바랍)|명단에서/,
  /끊어(?:주|줘|달)|끊을게|끊겠/,
  /차단/,
];

/** "Don't send": honest opt-outs, unless the text is about when or how often ('밤에 보내지 마세요'). */
const PROHIBIT: RegExp[] = [
  /보내(?:시)?지(?:도)?(?:마|말|않)|발송(?:하|하시)?지(?:마|말|않)|연락(?:하|하시)?지(?:마|말)|문자(?:하|하시)?지(?:마|말)/,
  /안보내(?:셔도|도|주셔도|주셨으면|주시면|줬으면|주세요|면)/,
];

/** Accepted only when the sentence also names what is unwanted ('문자 필요 없어요'). */
const WEAK = /필요없|필요하지않|싫어|싫습니다|싫네|싫다|귀찮|원하지않|원치않|사양/;
const WEAK_OBJECT = /문자|메시지|메세지|연락|안내|알림|이런거|이런것|이거|발송|광고|홍보|메일|수신|구독/;

const FUZZY_TARGETS = ['수신거부', '그만보내'].map((w) => [w, toJamo(w)] as const);

const NEGATION: RegExp[] = [
  /(?:거부|거뷰|해지|취소|탈퇴|중지|중단|차단|빼|삭제|끊)(?:하|해|시|해주|하시)?지(?:마|말|않)/,
  /(?:거부|거뷰|해지|탈퇴|차단|중지)(?:는|를|을)?(?:안|않|못)(?:해|할|하|함|합|했)/,
  /(?:거부|거뷰|해지|탈퇴|차단)(?:가|는|한|하신|신청)?(?:게|것|거)?아니|거부아님|한적(?:이)?없/,
  /그만두지마|그만하지마/,
];

const RESUBSCRIBE: RegExp[] = [
  /(?:수신거부|거부|거뷰|차단|해지|탈퇴)(?:를|을|는)?(?:취소|해제|해지|철회|풀|무르|없던)/,
  /다시(?:받|보내|신청|구독|가입|수신)(?![가-힣]{0,4}?지(?:마|말|않))/,
  /계속(?:받|수신)(?![가-힣]{0,4}?지(?:마|말|않))/,
  /재(?:구독|가입|신청|수신|동의)/,
  /(?<!안|못|그만|않)받고싶(?!지|진|않)/,
  /(?<!안|못|그만)받(?:을게|을께|겠습|겠어|을래)/,
  /(?:구독|수신|가입)(?:신청|동의)(?!철회|취소|해지|안|를철회|를취소)/,
  /(?<!거부|해지|탈퇴|중지|취소|차단)신청(?:합니다|할게|하고싶|해주|하려|드립)/,
  /(?<!그만|그만좀|좀그만|안|못)보내(?:주세요|주십시오|줘요|주시면|주실수)/,
  /가입(?:하고싶|할게|하겠|합니다)/,
];

const WRONG_PERSON =
  /잘못(?:온|왔|보내|보낸|된|전송|발송|입력|등록)|본인아니|본인이아니|제가아니|저아니|주인아니|주인이아니|번호.{0,6}아니|모르는사람|번호(?:가)?바뀌|번호(?:를)?바꿨|다른사람|없는사람|엉뚱|아닌데|아닙니다|아니에요|아니예요|아니거든/;

const COMPLAINT =
  /했는데|했었는데|했잖|했음에도|했건만|했는대|또(?:왔|와|오|보내|보냈|받)|아직도|여전히|계속(?:와|오|옵|보내시)|몇번(?:째|이나|을)|신고|고소|고발|민원|항의|경찰|방통위|방송통신|개인정보|어떻게알|어디서(?:알|구|받)/;

const TIMING = /밤|새벽|늦은시간|늦게|주말|너무자주|자주|하루에|매일|시도때도|아침/;

const BUSINESS =
  /(?:예약|접수|수강|강좌|참가|참석|공사|운행|행사|주문|결제|수업|공연|대회|강의)(?:신청)?(?:을|를|이|가|은|는|도)?(?:취소|중지|중단|연기|변경)/;

const SPAM =
  /https?:|www\.|[a-z0-9-]+\.(?:com|kr|net|org|ly|me|io)\b|080-?\d{3,4}-?\d{4}|\(광고\)|무료수신거부|무료거부|대출|당첨|카지노|바카라|수익보장|코인|리딩방|주식정보|입금/;

const QUESTION_WORD =
  /어떻게|어떡|어찌|왜|뭔가|뭐죠|뭐예|뭐에요|뭐임|뭐야|무슨|무엇|언제(?!나|든)|어디|누구|몇/;
const QUESTION_END = /(?:나요|까요|는지|던지|니까|냐|(?:인|는|던|건|한|된|될|할)가요|습니까|됩니까|될까)$/;

const ALL_WORDS =
  /전부|모두|전체|모든|일체|일절|몽땅|싹다|아무것도|아무(?:문자|연락)도|다(?:거부|그만|끊|해지|취소|중지|빼|삭제|차단|탈퇴|필요없|안받|받지않)/;

const EXCEPT_AFTER_FIELD =
  /^(?:은|는|이|가|을|를|도)?(?:말고|빼고|제외하고|외에|외엔|빼곤|빼놓고|만빼고|만받|만남겨|만유지|만계속)/;

const EMAIL_WORD = /이메일|메일|email|e메일|전자우편/;
const SMS_WORD = /문자|sms|메시지|메세지|카톡|단문|장문|lms/;

function isQuestion(s: Sentence): boolean {
  return s.question || QUESTION_WORD.test(s.compact) || QUESTION_END.test(s.compact);
}

function review(code: OptOutCode, numbers: string[], matched: string[] = []): OptOutIntent {
  return {
    decision: 'review',
    scope: 'all',
    fieldIds: [],
    channel: null,
    code,
    reason: OPTOUT_CODE_LABELS[code],
    matched,
    numbers,
  };
}

function firstMatch(res: RegExp[], s: string): string | null {
  for (const re of res) {
    const m = re.exec(s);
    if (m) return m[0];
  }
  return null;
}

interface Hit {
  phrase: string;
  prohibitOnly: boolean;
}

/** The opt-out phrases in one sentence. */
function optOutHits(c: string): Hit[] {
  const hits: Hit[] = [];
  for (const re of STRONG) {
    const m = re.exec(c);
    if (m) hits.push({ phrase: m[0], prohibitOnly: false });
  }
  for (const re of PROHIBIT) {
    const m = re.exec(c);
    if (m) hits.push({ phrase: m[0], prohibitOnly: true });
  }
  const weak = WEAK.exec(c);
  if (weak && WEAK_OBJECT.test(c)) hits.push({ phrase: weak[0], prohibitOnly: false });
  if (hits.length === 0) {
    const jamo = toJamo(c);
    for (const [word, target] of FUZZY_TARGETS)
      if (fuzzyDistance(jamo, target) <= 1) hits.push({ phrase: `~${word}`, prohibitOnly: false });
  }
  return hits;
}

/** Reads one message. The caller decides what "apply" means (channel, matched people). */
export function readOptOut(text: string, opts: ReadOptions): OptOutIntent {
  const n = normalizeText(text ?? '').trim();
  const whole = compact(n);
  const numbers = numbersIn(n);
  if (!whole) return review('empty', numbers);
  if (SPAM.test(n)) return review('spam', numbers);
  if (whole.length > (opts.maxLength ?? 150)) return review('long', numbers);
  const from = opts.from?.replace(/\D/g, '') ?? null;
  if (numbers.some((x) => x !== from)) return review('other-number', numbers);

  const list = sentences(n);
  for (const s of list) {
    const c = s.compact;
    let m = firstMatch(RESUBSCRIBE, c);
    if (m) return review('resubscribe', numbers, [m]);
    m = firstMatch(NEGATION, c);
    if (m) return review('negation', numbers, [m]);
    m = WRONG_PERSON.exec(c)?.[0] ?? null;
    if (m) return review('wrong-person', numbers, [m]);
    m = COMPLAINT.exec(c)?.[0] ?? null;
    if (m) return review('complaint', numbers, [m]);
    m = BUSINESS.exec(c)?.[0] ?? null;
    if (m) return review('business', numbers, [m]);
  }

  const mentions = opts.fields.find(whole);
  for (const f of mentions)
    if (EXCEPT_AFTER_FIELD.test(whole.slice(f.end))) return review('partial', numbers, [f.alias]);

  const hits: Hit[] = [];
  let questionHits = 0;
  let anyQuestion = false;
  for (const s of list) {
    const h = optOutHits(s.compact);
    if (isQuestion(s)) {
      anyQuestion = true;
      questionHits += h.length;
    } else hits.push(...h);
  }
  const matched = [...new Set(hits.map((h) => h.phrase))];
  if (anyQuestion) return review('question', numbers, matched);
  if (hits.length === 0) {
    if (questionHits > 0) return review('question', numbers);
    if (/^[ㄱ-ㅎ]+$/.test(whole)) return review('choseong', numbers);
    return review('unclear', numbers);
  }
  if (hits.every((h) => h.prohibitOnly) && TIMING.test(whole)) return review('timing', numbers, matched);

  const fieldIds = ALL_WORDS.test(whole) ? [] : [...new Set(mentions.map((f) => f.fieldId))];
  const email = EMAIL_WORD.test(whole);
  const sms = SMS_WORD.test(whole);
  return {
    decision: 'optout',
    scope: fieldIds.length > 0 ? 'fields' : 'all',
    fieldIds,
    channel: email && sms ? 'both' : email ? 'email' : sms ? 'sms' : null,
    code: 'optout',
    reason:
      fieldIds.length > 0
        ? `분야를 밝힌 수신거부 (${mentions.map((f) => f.alias).join(', ')})`
        : OPTOUT_CODE_LABELS.optout,
    matched,
    numbers,
  };
}
