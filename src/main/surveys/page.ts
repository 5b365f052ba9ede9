// The respondent's page: plain HTML forms (works without JavaScript, on a slow phone), one inline
// stylesheet allowed by its hash, nothing external. Every value from the definition or the
// respondent is escaped here and nowhere else.
import { createHash } from 'node:crypto';
import {
  type Answers,
  DEFAULT_SCALE_LABELS,
  isVisible,
  LIMITS,
  OTHER,
  otherKey,
  type Question,
  type SurveyDefinition,
  textLimit,
} from '../../shared/contract/surveys';
import { BASE_HEADERS, escapeHtml as esc, pageCsp } from '../public/http';
import type { PublicReply } from '../public/server';

const CSS = `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;background:#f4f6f8;color:#1d2733;line-height:1.6;word-break:keep-all}
main{max-width:36rem;margin:0 auto;padding:1.25rem 1rem 3rem}
h1{font-size:1.3rem;margin:.25rem 0 .75rem}
h2{font-size:1.1rem;margin:1rem 0 .5rem}
p{margin:0 0 1rem}
.ward{color:#4a5a6a;font-size:.95rem;margin:0}
.intro{background:#fff;border-radius:.6rem;padding:.75rem 1rem;white-space:pre-line}
fieldset{border:1px solid #c9d2dc;border-radius:.6rem;padding:.75rem 1rem;margin:0 0 1rem;background:#fff;min-width:0}
legend{font-weight:600;padding:0 .3rem}
.req{color:#c0392b}
.help{color:#4a5a6a;font-size:.9rem;margin:.25rem 0}
label.opt{display:flex;gap:.6rem;align-items:flex-start;padding:.45rem 0;font-size:1.05rem}
input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem;margin-top:.2rem;flex:none}
input[type=text],input[type=number],textarea{width:100%;font-size:1rem;padding:.55rem;border:1px solid #9aa8b6;border-radius:.4rem;font-family:inherit}
textarea{min-height:7rem}
.scale{display:flex;justify-content:space-between;gap:.25rem}
.scale label{flex:1;text-align:center;display:flex;flex-direction:column;align-items:center;padding:.3rem 0;font-size:.95rem}
.ends{display:flex;justify-content:space-between;color:#4a5a6a;font-size:.85rem}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{padding:.35rem .2rem;text-align:center;border-bottom:1px solid #e3e8ee}
th[scope=row]{text-align:left;font-weight:500}
.err{color:#c0392b;font-weight:600;margin:.25rem 0}
.bad{border-color:#c0392b}
.nav{display:flex;gap:.75rem;margin-top:1.25rem}
button{flex:1;font-size:1.1rem;font-weight:600;padding:.85rem;border:0;border-radius:.6rem;background:#1f5fbf;color:#fff}
button.prev{background:#e3e8ee;color:#1d2733}
progress{width:100%;height:.6rem}
.step{color:#4a5a6a;font-size:.9rem;margin:0 0 .75rem}
.done{border-left:4px solid #1f8a4c;background:#fff;padding:.75rem 1rem;border-radius:.3rem;white-space:pre-line}
.warn{border-left:4px solid #c0392b;background:#fff;padding:.75rem 1rem;border-radius:.3rem}
.preview{background:#fff3cd;padding:.5rem 1rem;border-radius:.3rem}`;

export const SURVEY_STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

export function shell(title: string, ward: string, body: string): string {
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>
<style>${CSS}</style></head>
<body><main>
<p class="ward">${esc(ward)}</p>
${body}
</main></body></html>`;
}

/** Like reply.html, with this page's stylesheet hash in the CSP. */
export function sendPage(reply: PublicReply, status: number, html: string): void {
  const res = reply.node;
  if (res.headersSent) return;
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html, 'utf8')),
    'content-security-policy': pageCsp(SURVEY_STYLE_HASH),
  });
  // a string body goes out in one write with the headers (a Buffer costs a second, vectored write)
  res.end(res.req?.method === 'HEAD' ? undefined : html, 'utf8');
}

export function messageBody(title: string, text: string, kind: 'done' | 'warn' = 'warn'): string {
  return `<h1>${esc(title)}</h1>\n<p class="${kind}">${esc(text)}</p>`;
}

function fieldName(q: Question) {
  return `a.${q.id}`;
}

function errorLine(err: string | undefined, id: string): string {
  return err ? `<p class="err" id="e-${esc(id)}">${esc(err)}</p>` : '';
}

function legend(q: Question, n: number): string {
  const req = q.required ? ' <span class="req">(필수)</span>' : '';
  return `<legend>${n}. ${esc(q.title)}${req}</legend>${q.help ? `<p class="help">${esc(q.help)}</p>` : ''}`;
}

function scaleInputs(name: string, current: number | undefined, labelPrefix: string): string {
  const items = [1, 2, 3, 4, 5]
    .map(
      (v) =>
        `<label><input type="radio" name="${esc(name)}" value="${v}"${current === v ? ' checked' : ''} aria-label="${esc(`${labelPrefix} ${v}점`)}">${v}</label>`,
    )
    .join('');
  return `<div class="scale">${items}</div>`;
}

function questionHtml(q: Question, n: number, a: Answers, err: string | undefined): string {
  const v = a[q.id];
  const name = fieldName(q);
  const desc = err ? ` aria-describedby="e-${esc(q.id)}"` : '';
  const bad = err ? ' bad' : '';
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const type = q.type === 'single' ? 'radio' : 'checkbox';
      const chosen = (o: string) => (Array.isArray(v) ? v.includes(o) : v === o);
      const opts = (q.options ?? []).map(
        (o, i) =>
          `<label class="opt"><input type="${type}" name="${esc(name)}" value="${i}"${chosen(o) ? ' checked' : ''}><span>${esc(o)}</span></label>`,
      );
      if (q.other) {
        const t = typeof a[otherKey(q.id)] === 'string' ? (a[otherKey(q.id)] as string) : '';
        opts.push(
          `<label class="opt"><input type="${type}" name="${esc(name)}" value="other"${chosen(OTHER) ? ' checked' : ''}><span>기타</span></label>`,
          `<input type="text" name="o.${esc(q.id)}" maxlength="${LIMITS.other}" value="${esc(t)}" aria-label="기타 내용" placeholder="기타 내용">`,
        );
      }
      return `<fieldset${desc}>${legend(q, n)}${errorLine(err, q.id)}${opts.join('\n')}</fieldset>`;
    }
    case 'scale5': {
      const [lo, hi] = q.scaleLabels ?? DEFAULT_SCALE_LABELS;
      return `<fieldset${desc}>${legend(q, n)}${errorLine(err, q.id)}${scaleInputs(name, typeof v === 'number' ? v : undefined, q.title)}<div class="ends"><span>1 ${esc(lo)}</span><span>5 ${esc(hi)}</span></div></fieldset>`;
    }
    case 'matrix': {
      const [lo, hi] = q.scaleLabels ?? DEFAULT_SCALE_LABELS;
      const m = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, number>) : {};
      const rows = (q.rows ?? [])
        .map(
          (r, ri) =>
            `<tr><th scope="row">${esc(r)}</th>${[1, 2, 3, 4, 5]
              .map(
                (x) =>
                  `<td><input type="radio" name="m.${esc(q.id)}.${ri}" value="${x}"${m[r] === x ? ' checked' : ''} aria-label="${esc(`${r} ${x}점`)}"></td>`,
              )
              .join('')}</tr>`,
        )
        .join('\n');
      return `<fieldset${desc}>${legend(q, n)}${errorLine(err, q.id)}<table><thead><tr><th></th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th></tr></thead><tbody>${rows}</tbody></table><div class="ends"><span>1 ${esc(lo)}</span><span>5 ${esc(hi)}</span></div></fieldset>`;
    }
    case 'number': {
      const val = typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
      const range =
        q.min !== undefined || q.max !== undefined
          ? `<p class="help">${q.min ?? ''} ~ ${q.max ?? ''}</p>`
          : '';
      return `<fieldset${desc}>${legend(q, n)}${errorLine(err, q.id)}<input class="${bad}" type="text" inputmode="decimal" name="${esc(name)}" maxlength="20" value="${esc(val)}" aria-label="${esc(q.title)}">${range}</fieldset>`;
    }
    case 'short':
    case 'long': {
      const val = typeof v === 'string' ? v : '';
      const max = textLimit(q);
      const input =
        q.type === 'short'
          ? `<input class="${bad}" type="text" name="${esc(name)}" maxlength="${max}" value="${esc(val)}" aria-label="${esc(q.title)}">`
          : `<textarea class="${bad}" name="${esc(name)}" maxlength="${max}" aria-label="${esc(q.title)}">${esc(val)}</textarea>`;
      return `<fieldset${desc}>${legend(q, n)}${errorLine(err, q.id)}${input}<p class="help">${max.toLocaleString('ko-KR')}자까지</p></fieldset>`;
    }
  }
}

export interface PageView {
  ward: string;
  title: string;
  def: SurveyDefinition;
  page: number;
  /** answers so far (for show-if and to fill the form back in) */
  answers: Answers;
  errors?: Record<string, string>;
  notice?: string;
  csrf: string;
  isFirst: boolean;
  isLast: boolean;
  /** position among the visible pages */
  step: { n: number; of: number };
  preview?: boolean;
}

/** Question numbers run across pages so "3번" means the same to everyone. */
function numbering(def: SurveyDefinition): Map<string, number> {
  const m = new Map<string, number>();
  let n = 0;
  for (const p of def.pages) for (const q of p.questions) m.set(q.id, ++n);
  return m;
}

export function surveyPage(v: PageView): string {
  const nums = numbering(v.def);
  const p = v.def.pages[v.page];
  const qs = p.questions.filter((q) => isVisible(q, v.answers));
  const errs = v.errors ?? {};
  const errCount = Object.keys(errs).length;
  const parts: string[] = [];
  if (v.preview) parts.push('<p class="preview">미리보기입니다. 응답은 저장되지 않습니다.</p>');
  parts.push(`<h1>${esc(v.title)}</h1>`);
  if (v.isFirst && v.def.intro) parts.push(`<div class="intro">${esc(v.def.intro)}</div>`);
  parts.push(
    `<p class="step">${v.step.n} / ${v.step.of} 쪽</p><progress value="${v.step.n}" max="${v.step.of}">${v.step.n} / ${v.step.of}</progress>`,
  );
  if (p.title) parts.push(`<h2>${esc(p.title)}</h2>`);
  if (v.notice) parts.push(`<p class="warn">${esc(v.notice)}</p>`);
  if (errCount) parts.push(`<p class="warn" role="alert">답을 확인해 주세요: ${errCount}개 문항</p>`);
  parts.push('<form method="post" accept-charset="utf-8">');
  parts.push(
    `<input type="hidden" name="csrf" value="${esc(v.csrf)}"><input type="hidden" name="page" value="${v.page}">`,
  );
  for (const q of qs) parts.push(questionHtml(q, nums.get(q.id) ?? 0, v.answers, errs[q.id]));
  const dis = v.preview ? ' disabled' : '';
  parts.push(
    `<div class="nav">${v.isFirst ? '' : `<button class="prev" type="submit" name="nav" value="prev"${dis}>이전</button>`}<button type="submit" name="nav" value="${v.isLast ? 'submit' : 'next'}"${dis}>${v.isLast ? '제출하기' : '다음'}</button></div>`,
  );
  parts.push('</form>');
  parts.push(
    '<p class="help">답은 쪽을 넘길 때마다 저장됩니다. 나중에 같은 링크로 이어서 할 수 있습니다.</p>',
  );
  return shell(v.title, v.ward, parts.join('\n'));
}

/** Form fields of one page → answers in the stored shape (checked afterwards by checkAnswers). */
export function parseForm(def: SurveyDefinition, page: number, form: URLSearchParams): Answers {
  const out: Answers = {};
  const cut = (s: string, n: number) => s.slice(0, n + 1); // one over the limit, so the check still says "too long"
  for (const q of def.pages[page]?.questions ?? []) {
    const name = fieldName(q);
    switch (q.type) {
      case 'single': {
        const raw = form.get(name);
        if (raw === null) break;
        if (raw === 'other' && q.other) out[q.id] = OTHER;
        else {
          const o = q.options?.[Number(raw)];
          out[q.id] = /^\d+$/.test(raw) && o !== undefined ? o : `\u0000${raw.slice(0, 10)}`;
        }
        break;
      }
      case 'multiple': {
        const raws = form.getAll(name).slice(0, 40);
        if (raws.length === 0) break;
        out[q.id] = raws.map((r) =>
          r === 'other' && q.other
            ? OTHER
            : /^\d+$/.test(r) && q.options?.[Number(r)] !== undefined
              ? q.options[Number(r)]
              : `\u0000${r.slice(0, 10)}`,
        );
        break;
      }
      case 'scale5': {
        const raw = form.get(name);
        if (raw !== null && raw !== '') out[q.id] = /^\d$/.test(raw) ? Number(raw) : -1;
        break;
      }
      case 'matrix': {
        const m: Record<string, number> = {};
        (q.rows ?? []).forEach((r, ri) => {
          const raw = form.get(`m.${q.id}.${ri}`);
          if (raw !== null && raw !== '') m[r] = /^\d$/.test(raw) ? Number(raw) : -1;
        });
        if (Object.keys(m).length) out[q.id] = m;
        break;
      }
      case 'number': {
        const raw = (form.get(name) ?? '').trim();
        if (raw) out[q.id] = /^-?[\d,]*\.?\d+$/.test(raw) ? Number(raw.replace(/,/g, '')) : Number.NaN;
        break;
      }
      case 'short':
      case 'long': {
        const raw = form.get(name);
        if (raw !== null) out[q.id] = cut(raw.replace(/\r\n/g, '\n'), textLimit(q));
        break;
      }
    }
    if (q.type === 'single' || q.type === 'multiple') {
      const t = form.get(`o.${q.id}`);
      if (t?.trim()) out[otherKey(q.id)] = cut(t, LIMITS.other);
    }
  }
  return out;
}
