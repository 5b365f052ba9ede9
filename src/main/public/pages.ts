// The few pages residents see, in Korean, for a phone first: no scripts, no external fonts or
// images, one inline stylesheet allowed by its hash. Every value is escaped.
import { createHash } from 'node:crypto';
import { escapeHtml } from './http';

const CSS = `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;background:#f4f6f8;color:#1d2733;line-height:1.6;word-break:keep-all}
main{max-width:32rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
h1{font-size:1.35rem;margin:.5rem 0 1rem}
p{margin:0 0 1rem}
.ward{color:#4a5a6a;font-size:.95rem;margin:0}
fieldset{border:1px solid #c9d2dc;border-radius:.6rem;padding:.75rem 1rem;margin:0 0 1.25rem;background:#fff}
legend{font-weight:600;padding:0 .3rem}
label{display:flex;gap:.6rem;align-items:flex-start;padding:.6rem 0;font-size:1.05rem}
input[type=radio]{width:1.25rem;height:1.25rem;margin-top:.2rem;flex:none}
.sub{display:block;color:#4a5a6a;font-size:.9rem}
button{width:100%;font-size:1.1rem;font-weight:600;padding:.9rem;border:0;border-radius:.6rem;background:#1f5fbf;color:#fff}
.note{font-size:.9rem;color:#4a5a6a;margin-top:1rem}
.done{border-left:4px solid #1f8a4c;background:#fff;padding:.75rem 1rem;border-radius:.3rem}
.warn{border-left:4px solid #c0392b;background:#fff;padding:.75rem 1rem;border-radius:.3rem}`;

export const STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

function page(title: string, ward: string, body: string): string {
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style></head>
<body><main>
<p class="ward">${escapeHtml(ward)}</p>
${body}
</main></body></html>`;
}

export interface UnsubscribeView {
  ward: string;
  /** names of "this field" (the campaign's fields) */
  fieldNames: string[];
  csrf: string;
  /** test sends to staff: nothing will change */
  isTest: boolean;
}

export function unsubscribePage(v: UnsubscribeView): string {
  const fields = v.fieldNames.length > 0 ? v.fieldNames.join(', ') : '이 메일의 분야';
  const test = v.isTest
    ? '<p class="warn">직원에게 보낸 시험 메일입니다. 눌러도 바뀌는 것이 없습니다.</p>'
    : '';
  return page(
    '이메일 수신 거부',
    v.ward,
    `<h1>이메일 수신 거부</h1>
${test}<p>더 받지 않으실 범위를 고른 뒤 아래 단추를 눌러 주세요.</p>
<form method="post">
<input type="hidden" name="csrf" value="${escapeHtml(v.csrf)}">
<fieldset><legend>수신 거부 범위</legend>
<label><input type="radio" name="scope" value="field" checked><span>이 분야만<span class="sub">${escapeHtml(fields)}</span></span></label>
<label><input type="radio" name="scope" value="all"><span>모든 분야<span class="sub">이 구청에서 보내는 모든 이메일 소식</span></span></label>
</fieldset>
<button type="submit">수신 거부하기</button>
</form>
<p class="note">이메일만 해당합니다. 문자 수신 거부는 문자 끝에 적힌 번호로 보내 주세요.</p>`,
  );
}

export function unsubscribeDonePage(
  ward: string,
  scope: 'field' | 'all',
  fieldNames: string[],
  isTest: boolean,
): string {
  const what = scope === 'all' ? '모든 분야' : fieldNames.join(', ') || '이 분야';
  const body = isTest
    ? '<p class="done">시험 메일이라 바뀐 것이 없습니다.</p>'
    : `<p class="done">${escapeHtml(what)} 이메일 수신 거부가 처리되었습니다.</p>
<p>다시 받으시려면 가까운 동 주민센터에서 신청서를 내 주세요.</p>`;
  return page('수신 거부 완료', ward, `<h1>수신 거부 완료</h1>\n${body}`);
}

export function messagePage(ward: string, title: string, text: string): string {
  return page(title, ward, `<h1>${escapeHtml(title)}</h1>\n<p class="warn">${escapeHtml(text)}</p>`);
}
