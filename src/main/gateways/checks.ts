import type { GatewayKind } from '../../shared/contract/gatewayConfig';
import type { CampaignsModule } from '../campaigns/module';
import { gatewayFactoryOf, SECRET_OF } from './factory';
import { httpCall } from './http';
import { NhnGateway } from './nhn';
import { failMessage, type GatewayCheck, SolapiGateway } from './solapi';

/** 연결 시험 of one provider with the saved settings and secrets; never throws, answers in Korean. */
export async function checkGateway(m: CampaignsModule, kind: GatewayKind): Promise<GatewayCheck> {
  if (kind === 'test')
    return {
      ok: true,
      balance: null,
      message: '테스트 발송기는 실제로 보내지 않습니다. 문자는 이 컴퓨터에만 기록됩니다.',
    };
  const f = gatewayFactoryOf(m);
  const gw = f.build(kind);
  const s = m.settings.get();
  if (gw instanceof SolapiGateway) return gw.check();
  if (gw instanceof NhnGateway)
    return gw.check(s.nhn.sender || m.core.settings.get().senderNumber.replace(/\D/g, ''));
  if (kind === 'kannel' && m.secrets.get(SECRET_OF.kannel) && s.kannel.username) return checkKannel(m);
  return { ok: false, balance: null, message: '키와 비밀 값을 먼저 저장하세요.' };
}

/**
 * Kannel has no account API: a sendsms call without a recipient is refused for a missing number
 * when the user and password are right, and with "Authorization failed" when they are not.
 */
async function checkKannel(m: CampaignsModule): Promise<GatewayCheck> {
  const c = m.settings.get().kannel;
  const u = new URL(c.sendsmsUrl);
  u.searchParams.set('username', c.username);
  u.searchParams.set('password', m.secrets.get(SECRET_OF.kannel) ?? '');
  try {
    const res = await httpCall(u.toString(), { method: 'GET', timeoutMs: 10_000 }, 'Kannel');
    if (res.status === 403 || /authori[sz]ation failed/i.test(res.text))
      return { ok: false, balance: null, message: 'Kannel이 사용자 이름이나 비밀번호를 거부했습니다.' };
    return {
      ok: true,
      balance: null,
      message: `Kannel에 연결되었습니다 (응답: ${res.text.trim().slice(0, 80)}).`,
    };
  } catch (e) {
    return { ok: false, balance: null, message: failMessage(e) };
  }
}
