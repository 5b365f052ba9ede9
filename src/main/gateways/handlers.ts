import { randomUUID } from 'node:crypto';
import type { gatewaysChannels } from '../../shared/contract/gateways';
import { AppError } from '../../shared/errors';
import { normalizePhone } from '../../shared/text/phone';
import { countSmsBytes } from '../../shared/text/smsBytes';
import { campaignsOf } from '../campaigns/module';
import type { HandlerMap } from '../core/context';
import { checkGateway } from './checks';
import { gatewayFactoryOf } from './factory';
import { GatewayError } from './types';

export const gatewaysHandlers: HandlerMap<keyof typeof gatewaysChannels> = {
  'gateways.status': (_i, ctx) => {
    const m = campaignsOf(ctx.core);
    const info = m.gateway().describe();
    return {
      selected: m.settings.get().smsGateway,
      ...info,
      secrets: {
        solapiApiSecret: !!m.secrets.get('solapiApiSecret'),
        nhnSecretKey: !!m.secrets.get('nhnSecretKey'),
        kannelPassword: !!m.secrets.get('kannelPassword'),
      },
      optOutSources: gatewayFactoryOf(m).syncSources(),
    };
  },
  'gateways.test': async ({ provider }, ctx) => {
    const m = campaignsOf(ctx.core);
    const kind = provider ?? m.settings.get().smsGateway;
    const r = await checkGateway(m, kind);
    ctx.audit({ action: 'view', targetType: 'gateway', targetId: kind, detail: { check: r.ok } });
    return r;
  },
  'gateways.setSecret': ({ name, value }, ctx) => {
    const m = campaignsOf(ctx.core);
    m.secrets.set(name, value || null);
    gatewayFactoryOf(m).syncSources();
    // the name only: a secret's value never reaches the log
    ctx.audit({ action: 'settings', targetType: 'gateway', detail: { secret: name, cleared: !value } });
    return { ok: true as const };
  },
  'gateways.testSend': async ({ phone, text }, ctx) => {
    const m = campaignsOf(ctx.core);
    const to = normalizePhone(phone);
    if (to.kind !== 'mobile')
      throw new AppError('VALIDATION', '받는 번호는 010으로 시작하는 휴대전화 번호여야 합니다.', {
        phone: '번호 확인',
      });
    const bytes = countSmsBytes(text);
    if (bytes.class === 'TOO_LONG')
      throw new AppError('VALIDATION', '문자가 너무 깁니다 (2,000바이트 초과).');
    const s = m.settings.get();
    const kind = s.smsGateway;
    const cfgSender = kind === 'solapi' ? s.solapi.sender : kind === 'nhn' ? s.nhn.sender : '';
    const from = cfgSender || ctx.core.settings.get().senderNumber.replace(/\D/g, '');
    if (!from)
      throw new AppError('VALIDATION', '발신번호가 없습니다. 기본 설정에서 발신번호를 먼저 입력하세요.');
    const gw = m.gateway();
    const key = `gwtest-${randomUUID()}`;
    ctx.audit({
      action: 'send',
      targetType: 'gateway',
      targetId: kind,
      subjectCount: 1,
      detail: { test: true },
    });
    try {
      const [r] = await gw.sendBatch([
        {
          key,
          to: to.digits,
          from,
          text,
          subject: bytes.class === 'LMS' ? '[소통창구] 시험 발송' : null,
          class: bytes.class === 'LMS' ? 'LMS' : 'SMS',
          isAd: false,
        },
      ]);
      if (!r)
        return {
          status: 'failed' as const,
          message: '발송 업체가 결과를 주지 않았습니다.',
          code: null,
          providerId: null,
        };
      return {
        status: r.status,
        message:
          r.status === 'failed'
            ? `보내지 못했습니다: ${r.reason ?? '알 수 없는 이유'}`
            : `${gw.describe().name}에 접수되었습니다. 휴대전화에서 받았는지 확인하세요.`,
        code: r.code ?? null,
        providerId: r.providerId ?? null,
      };
    } catch (e) {
      if (e instanceof GatewayError)
        return { status: 'failed' as const, message: e.reason, code: e.opts.code ?? null, providerId: null };
      throw e;
    }
  },
};
