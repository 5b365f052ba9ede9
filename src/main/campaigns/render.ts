import type { CampaignSettings } from '../../shared/contract/campaigns';
import type { Settings } from '../../shared/contract/settings';
import { countSmsBytes, fillTemplate, type SmsClass, worstCaseBytes } from '../../shared/text/smsBytes';
import {
  type ComposeInput,
  emailHtmlTemplate,
  emailSubject,
  fillHtml,
  htmlToText,
  smsSubject,
  smsTemplate,
  UNSUBSCRIBE_PLACEHOLDER,
  unsubscribeUrl,
} from './compose';
import type { CampaignRecord, Frozen } from './store';

export function composeInputOf(c: CampaignRecord): ComposeInput {
  return {
    isAd: !!c.isAd,
    smsText: c.smsText,
    smsSubject: c.smsSubject,
    appendSns: !!c.appendSns,
    emailSubject: c.emailSubject,
    emailHtml: c.emailHtml,
  };
}

/** The templates as they would be frozen now (at launch) from the campaign and the settings. */
export function buildTemplates(c: ComposeInput, s: Settings, cs: CampaignSettings): Frozen {
  return {
    sms: smsTemplate(c, s),
    smsSubject: smsSubject(c),
    emailSubject: emailSubject(c),
    emailHtml: emailHtmlTemplate(c, s),
    smsClass: '',
    sender: s.senderNumber.replace(/\D/g, ''),
    publicBaseUrl: cs.publicBaseUrl,
  };
}

/** Worst-case class over the placeholder values the recipients actually have. */
export function worstCase(
  template: string,
  values: Record<string, string[]>,
): { bytes: number; class: SmsClass } {
  const bytes = worstCaseBytes(template, values);
  return { bytes, class: bytes <= 90 ? 'SMS' : bytes <= 2000 ? 'LMS' : 'TOO_LONG' };
}

export interface RenderedSms {
  text: string;
  /** LMS subject; null for SMS */
  subject: string | null;
}

export function renderSms(t: Frozen, vars: Record<string, string>, smsClass: string): RenderedSms {
  const text = fillTemplate(t.sms, vars);
  const cls = smsClass || countSmsBytes(text).class;
  return { text, subject: cls === 'SMS' ? null : fillTemplate(t.smsSubject, vars) || null };
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string;
}

export function renderEmail(t: Frozen, vars: Record<string, string>, token: string): RenderedEmail {
  const url = unsubscribeUrl(t.publicBaseUrl, token);
  const html = fillHtml(t.emailHtml, vars).replaceAll(`{${UNSUBSCRIBE_PLACEHOLDER}}`, url);
  return { subject: fillTemplate(t.emailSubject, vars), html, text: htmlToText(html), unsubscribeUrl: url };
}
