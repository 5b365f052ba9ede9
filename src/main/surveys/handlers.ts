import { basename } from 'node:path';
import type { surveysChannels } from '../../shared/contract/surveys';
import { surveyDefinition } from '../../shared/contract/surveys';
import type { Actor } from '../campaigns/service';
import type { HandlerContext, HandlerMap } from '../core/context';
import { surveyXlsx } from './export';
import { surveysOf } from './module';
import { surveyPage } from './page';
import { type SurveyPrint, surveyPrintModel, surveyResultsHtml, writeSurveyPdf } from './print';

function actor(ctx: HandlerContext): Actor {
  return { userId: ctx.requireUser().id, audit: (e) => ctx.audit(e) };
}

/** The survey, after checking a department user may see it. */
function visible(ctx: HandlerContext, id: string) {
  const m = surveysOf(ctx.core);
  const r = m.service.record(id);
  m.service.assertCanSee(ctx.requireUser(), r);
  return r;
}

/** Prints are logged like the reports' (who printed which survey's results, with which filters). */
function auditPrint(ctx: HandlerContext, id: string, p: SurveyPrint, file: string) {
  ctx.audit({
    action: 'print',
    targetType: 'survey',
    targetId: id,
    // free-text answers of a named survey may identify people: counted as the responses printed
    subjectCount: p.personal ? p.results.responses : 0,
    detail: {
      title: p.frame.title,
      filters: p.frame.filterLabels,
      file: basename(file),
      personal: p.personal,
    },
  });
}

export const surveysHandlers: HandlerMap<keyof typeof surveysChannels> = {
  'surveys.requests.list': ({ page, pageSize, status }, ctx) =>
    surveysOf(ctx.core).service.requests(ctx.requireUser(), page, pageSize, status),
  'surveys.requests.submit': (input, ctx) => {
    const row = surveysOf(ctx.core).service.submitRequest(ctx.requireUser(), input);
    ctx.audit({ action: input.id ? 'edit' : 'create', targetType: 'survey_request', targetId: row.id });
    return row;
  },
  'surveys.requests.decide': ({ id, decision, comment }, ctx) => {
    const row = surveysOf(ctx.core).service.decide(ctx.requireUser(), id, decision, comment);
    ctx.audit({ action: 'edit', targetType: 'survey_request', targetId: id, detail: { decision } });
    return row;
  },
  'surveys.list': ({ page, pageSize, status }, ctx) =>
    surveysOf(ctx.core).service.list(ctx.requireUser(), page, pageSize, status),
  'surveys.get': ({ id }, ctx) => {
    visible(ctx, id);
    return surveysOf(ctx.core).service.row(id);
  },
  'surveys.save': (input, ctx) => {
    const row = surveysOf(ctx.core).service.save(input, ctx.requireUser().id);
    ctx.audit({ action: input.id ? 'edit' : 'create', targetType: 'survey', targetId: row.id });
    return row;
  },
  'surveys.validate': ({ definition }) => {
    const r = surveyDefinition.safeParse(definition);
    return {
      ok: r.success,
      errors: r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  },
  'surveys.publish': ({ id }, ctx) => {
    const row = surveysOf(ctx.core).service.publish(id);
    ctx.audit({ action: 'edit', targetType: 'survey', targetId: id, detail: { status: 'published' } });
    return row;
  },
  'surveys.close': ({ id }, ctx) => {
    const row = surveysOf(ctx.core).service.close(id);
    ctx.audit({ action: 'edit', targetType: 'survey', targetId: id, detail: { status: 'closed' } });
    return row;
  },
  'surveys.delete': ({ id }, ctx) => {
    surveysOf(ctx.core).service.delete(id);
    ctx.audit({ action: 'delete', targetType: 'survey', targetId: id });
    return { ok: true as const };
  },
  'surveys.preview': ({ id, page }, ctx) => {
    visible(ctx, id);
    const p = surveysOf(ctx.core).store.parsed(id)!;
    const n = p.def.pages.length;
    const pg = Math.min(page, n - 1);
    // every question shown: the preview is of the page as built, whatever earlier answers would be
    const def = {
      ...p.def,
      pages: p.def.pages.map((x) => ({
        ...x,
        questions: x.questions.map((q) => ({ ...q, showIf: undefined })),
      })),
    };
    const html = surveyPage({
      ward: ctx.core.settings.get().wardName,
      title: p.rec.title,
      def,
      page: pg,
      answers: {},
      csrf: 'preview',
      isFirst: pg === 0,
      isLast: pg === n - 1,
      step: { n: pg + 1, of: n },
      preview: true,
    });
    return { html, pages: n };
  },
  'surveys.audience': ({ id }, ctx) => surveysOf(ctx.core).invitations.audience(id),
  'surveys.invite': ({ id, sample, seed, confirmNight }, ctx) =>
    surveysOf(ctx.core).invitations.invite(id, { sample, seed, confirmNight }, actor(ctx)),
  'surveys.nudge': ({ id, confirmNight }, ctx) =>
    surveysOf(ctx.core).invitations.nudge(id, confirmNight, actor(ctx)),
  'surveys.remind': ({ id, force }, ctx) => surveysOf(ctx.core).invitations.remind(id, actor(ctx), { force }),
  'surveys.bounces': ({ id }, ctx) => {
    const items = surveysOf(ctx.core).invitations.bounces(id);
    ctx.audit({ action: 'view', targetType: 'survey_bounces', targetId: id, subjectCount: items.length });
    return { items };
  },
  'surveys.resend': ({ outboxId, address }, ctx) => {
    const r = surveysOf(ctx.core).invitations.resend(outboxId, address);
    if (r.corrected && r.row.subscriberId)
      ctx.audit({
        action: 'edit',
        targetType: 'subscriber',
        targetId: r.row.subscriberId,
        subjectCount: 1,
        detail: { field: r.row.channel === 'sms' ? 'mobile' : 'email', via: 'survey_resend' },
      });
    ctx.audit({
      action: 'send',
      targetType: 'campaign',
      targetId: r.row.campaignId,
      subjectCount: 1,
      detail: { survey: r.surveyId, resend: outboxId },
    });
    return r.row;
  },
  'surveys.enterAnswers': ({ id, subscriberId, via, answers }, ctx) => {
    const responseId = surveysOf(ctx.core).responses.enter(
      id,
      subscriberId,
      via,
      answers,
      ctx.requireUser().id,
    );
    ctx.audit({
      action: 'create',
      targetType: 'subscriber',
      targetId: subscriberId,
      subjectCount: 1,
      detail: { survey: id, via },
    });
    return { ok: true as const, responseId };
  },
  'surveys.results': ({ id, filters }, ctx) => {
    visible(ctx, id);
    return surveysOf(ctx.core).results.results(id, filters);
  },
  'surveys.crosstab': ({ id, questionId, by, filters }, ctx) => {
    visible(ctx, id);
    return surveysOf(ctx.core).results.crosstab(id, questionId, by, filters);
  },
  'surveys.printHtml': ({ id, filters }, ctx) => {
    visible(ctx, id);
    const p = surveyPrintModel(surveysOf(ctx.core), id, filters);
    auditPrint(ctx, id, p, `${id}.html`);
    return { html: surveyResultsHtml(p, { embedFont: true, pageBoxes: true }) };
  },
  'surveys.pdf': async ({ id, filters, path }, ctx) => {
    visible(ctx, id);
    const p = surveyPrintModel(surveysOf(ctx.core), id, filters);
    const web = ctx.call.origin === 'web' || ctx.core.mode === 'web';
    const r = await writeSurveyPdf(p, { core: ctx.core, web, path });
    auditPrint(ctx, id, p, r.file);
    return r;
  },
  'surveys.export': async ({ id, reason }, ctx) => {
    const r = visible(ctx, id);
    const x = await surveyXlsx(surveysOf(ctx.core), id);
    ctx.audit({
      action: 'export',
      targetType: 'survey',
      targetId: id,
      subjectCount: r.anonymous ? 0 : x.rows,
      reason,
      detail: { rows: x.rows, anonymous: !!r.anonymous },
    });
    return { fileName: x.fileName, contentBase64: x.buffer.toString('base64'), rows: x.rows };
  },
  'surveys.incentives.draw': ({ id, seed, reason }, ctx) => {
    const r = surveysOf(ctx.core).incentives(id, seed);
    ctx.audit({
      action: 'export',
      targetType: 'survey_incentives',
      targetId: id,
      subjectCount: r.winners.length,
      reason,
    });
    return r;
  },
};
