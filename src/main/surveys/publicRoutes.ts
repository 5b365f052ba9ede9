// GET/POST /s/:token on the public listener. State lives on the server (the current page and the
// answers so far), so the page works without JavaScript and a respondent can come back later.
import {
  type Answers,
  checkAnswers,
  nextPage,
  otherKey,
  prevPage,
  type SurveyDefinition,
} from '../../shared/contract/surveys';
import { BASE_HEADERS, readBody } from '../public/http';
import { messagePage } from '../public/pages';
import type { PublicReply, PublicRequest, PublicServer } from '../public/server';
import { isTokenShape } from '../public/tokens';
import type { SurveysModule } from './module';
import { messageBody, parseForm, sendPage, shell, surveyPage } from './page';
import type { ParticipantRecord, Progress } from './respond';

/** Long answers in Korean are ~9 bytes a character once form-encoded. */
export const SURVEY_MAX_BODY = 64 * 1024;

function visiblePages(def: SurveyDefinition, answers: Answers): number[] {
  const out: number[] = [];
  for (let p = nextPage(def, -1, answers); p !== null; p = nextPage(def, p, answers)) out.push(p);
  return out;
}

/** Answers without those of a page's questions (before the page's new answers go in). */
function withoutPage(def: SurveyDefinition, page: number, answers: Answers): Answers {
  const out = { ...answers };
  for (const q of def.pages[page]?.questions ?? []) {
    delete out[q.id];
    delete out[otherKey(q.id)];
  }
  return out;
}

/** Post/redirect/get: a reload never posts the same page twice. */
function redirect(reply: PublicReply, token: string): void {
  reply.node
    .writeHead(303, { ...BASE_HEADERS, location: `/s/${encodeURIComponent(token)}`, 'content-length': '0' })
    .end();
}

export function registerSurveyRoutes(s: PublicServer, m: SurveysModule): void {
  const ward = () => s.context.wardName();

  const notFound = (reply: PublicReply) => {
    s.count('surveyNotFound');
    reply.html(
      404,
      messagePage(
        ward(),
        '설문을 찾을 수 없습니다',
        '링크가 잘못되었거나 더 이상 쓸 수 없습니다. 받으신 문자나 메일의 링크를 다시 확인해 주세요.',
      ),
    );
  };

  /** The participant and survey behind a token, or the page that says why not (already answered). */
  const open = (req: PublicRequest, reply: PublicReply) => {
    const token = req.params.token;
    const p = isTokenShape(token) ? m.responses.byToken(token) : undefined;
    if (!p) {
      req.miss();
      notFound(reply);
      return null;
    }
    const parsed = m.store.parsed(p.surveyId);
    if (!parsed || parsed.rec.status === 'draft') {
      notFound(reply);
      return null;
    }
    const title = parsed.rec.title;
    if (p.completedAt) {
      s.count('surveyAlreadyAnswered');
      sendPage(
        reply,
        req.method === 'POST' ? 409 : 200,
        shell(
          title,
          ward(),
          messageBody(
            '이미 응답하셨습니다',
            '이 링크로는 한 번만 응답할 수 있습니다. 참여해 주셔서 감사합니다.',
            'done',
          ),
        ),
      );
      return null;
    }
    const why = m.service.closedReason(parsed.rec, req.at);
    if (why) {
      s.count('surveyClosed');
      sendPage(
        reply,
        why.kind === 'closed' ? 410 : 403,
        shell(
          title,
          ward(),
          messageBody(
            why.kind === 'closed' ? '설문이 마감되었습니다' : '아직 설문 기간이 아닙니다',
            why.text,
          ),
        ),
      );
      return null;
    }
    return { p, token, ...parsed };
  };

  const render = (
    reply: PublicReply,
    status: number,
    o: { token: string; rec: { title: string }; def: SurveyDefinition },
    progress: Progress,
    extra: { errors?: Record<string, string>; notice?: string; shown?: Answers } = {},
  ) => {
    const pages = visiblePages(o.def, progress.answers);
    const page = progress.page;
    const idx = Math.max(0, pages.indexOf(page));
    sendPage(
      reply,
      status,
      surveyPage({
        ward: ward(),
        title: o.rec.title,
        def: o.def,
        page,
        answers: extra.shown ?? progress.answers,
        errors: extra.errors,
        notice: extra.notice,
        csrf: s.csrfFor(o.token),
        isFirst: prevPage(o.def, page, progress.answers) === null,
        isLast: nextPage(o.def, page, progress.answers) === null,
        step: { n: idx + 1, of: Math.max(pages.length, idx + 1) },
      }),
    );
  };

  const current = (def: SurveyDefinition, p: ParticipantRecord): Progress => {
    const pr = m.responses.progressOf(p);
    if (pr.page < 0 || !def.pages[pr.page]) pr.page = nextPage(def, -1, pr.answers) ?? 0;
    return pr;
  };

  s.route('GET', '/s/:token', (req, reply) => {
    const o = open(req, reply);
    if (!o) return;
    s.count('surveyPage');
    if (reply.node.req?.method !== 'HEAD') m.responses.visit(o.p, req.at);
    render(reply, 200, o, current(o.def, o.p));
  });

  s.route('POST', '/s/:token', async (req, reply) => {
    const body = await readBody(reply.node.req, SURVEY_MAX_BODY);
    const o = open(req, reply);
    if (!o) return;
    const form = new URLSearchParams(body.toString('utf8'));
    const progress = current(o.def, o.p);
    if (!s.checkCsrf(o.token, form.get('csrf') ?? '')) {
      s.count('badForm');
      return render(reply, 400, o, progress, {
        notice: '화면이 오래되었습니다. 이 쪽의 답을 다시 확인하고 눌러 주세요.',
      });
    }
    const posted = Number(form.get('page'));
    if (posted !== progress.page)
      return render(reply, 409, o, progress, {
        notice: '다른 창에서 이미 진행한 설문입니다. 이 쪽부터 이어서 답해 주세요.',
      });
    const page = progress.page;
    const nav = form.get('nav');
    const given = parseForm(o.def, page, form);
    const earlier = withoutPage(o.def, page, progress.answers);
    const checked = checkAnswers(o.def, given, [page], earlier);
    const merged = { ...earlier, ...checked.answers };

    if (nav === 'prev') {
      // going back keeps what is valid so far; nothing is required yet
      const back = prevPage(o.def, page, merged) ?? page;
      m.responses.saveProgress(o.p, { page: back, answers: merged }, req.at);
      return redirect(reply, o.token);
    }
    if (Object.keys(checked.errors).length)
      return render(reply, 422, o, progress, { errors: checked.errors, shown: { ...earlier, ...given } });

    const next = nextPage(o.def, page, merged);
    if (next !== null) {
      m.responses.saveProgress(o.p, { page: next, answers: merged }, req.at);
      s.count('surveyPageSaved');
      return redirect(reply, o.token);
    }
    // the last page: everything once more (show-if may have hidden answers given earlier)
    const all = checkAnswers(o.def, merged);
    const firstBad = Object.keys(all.errors)[0];
    if (firstBad) {
      const badPage = o.def.pages.findIndex((pg) => pg.questions.some((q) => q.id === firstBad));
      const pr = { page: badPage, answers: merged };
      m.responses.saveProgress(o.p, pr, req.at);
      return render(reply, 422, o, pr, { errors: all.errors });
    }
    const id = m.responses.submit(o.p, all.answers, 'web', req.at, null);
    if (id === null) {
      s.count('surveyAlreadyAnswered');
      return sendPage(
        reply,
        409,
        shell(
          o.rec.title,
          ward(),
          messageBody('이미 응답하셨습니다', '이 링크로는 한 번만 응답할 수 있습니다.', 'done'),
        ),
      );
    }
    s.count('surveyCompleted');
    sendPage(
      reply,
      200,
      shell(
        o.rec.title,
        ward(),
        messageBody('응답을 보냈습니다', o.def.closing || '참여해 주셔서 감사합니다.', 'done'),
      ),
    );
  });
}
