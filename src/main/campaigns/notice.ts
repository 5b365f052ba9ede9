import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';
import { formatDate } from '../../shared/text/dates';
import { normalizePhone } from '../../shared/text/phone';
import type { CampaignsModule } from './module';
import { xlsxBuffer } from './results';
import { fieldIdsOf } from './store';

export const NOTICE_MATCH_LABELS: Record<string, string> = {
  matched: '발송 대상',
  invalid_phone: '휴대전화 번호가 없거나 잘못됨',
  no_subscriber: '전자소통 구독자가 아님',
  name_mismatch: '번호는 같지만 이름이 다름',
  withdrawn: '탈퇴한 구독자',
  no_consent: '이 고지의 수신 동의 없음',
  suppressed: '수신거부',
};

const NAME_HEADERS = [
  '이름',
  '성명',
  '수신자',
  '수신자명',
  '납세자',
  '납세자명',
  '대상자',
  '대상자명',
  '대원명',
];
const PHONE_HEADERS = [
  '휴대전화',
  '휴대전화번호',
  '휴대폰',
  '휴대폰번호',
  '핸드폰',
  '전화번호',
  '연락처',
  '전화',
  '휴대번호',
];

/** Header text as a placeholder name: {납기 일자} cannot be typed, {납기일자} can. */
function headerKey(h: string): string {
  return h.replace(/\s+/g, '').replace(/[{}]/g, '');
}

function sameName(a: string, b: string): boolean {
  const n = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
  return n(a) === n(b);
}

/** A cell as the department meant it: dates as YYYY.MM.DD, amounts with thousands separators. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDate(v);
  if (typeof v === 'number') return v.toLocaleString('ko-KR');
  if (typeof v === 'object' && 'result' in v && v.result !== undefined) {
    const r = v.result;
    if (r instanceof Date) return formatDate(r);
    if (typeof r === 'number') return r.toLocaleString('ko-KR');
    return String(r);
  }
  return cell.text.trim();
}

/** Phone cells: keep the raw digits (a number cell 1012345678 must not become 1,012,345,678). */
function phoneText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (typeof v === 'number') return String(v);
  return cell.text.trim();
}

interface Parsed {
  columns: string[];
  nameCol: number;
  phoneCol: number;
  rows: { rowNo: number; name: string; phone: string; values: Record<string, string> }[];
}

async function parse(buf: Buffer, nameColumn?: string, phoneColumn?: string): Promise<Parsed> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('FILE', '엑셀(xlsx) 파일을 읽을 수 없습니다. 파일 형식을 확인하세요.');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('FILE', '엑셀 파일에 시트가 없습니다.');
  let headerRow = 0;
  const headers: string[] = [];
  ws.eachRow((row, n) => {
    if (headerRow) return;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      cells[col] = c.text.trim();
    });
    if (cells.filter(Boolean).length >= 2) {
      headerRow = n;
      cells.forEach((h, i) => {
        headers[i] = h;
      });
    }
  });
  if (!headerRow) throw new AppError('FILE', '제목 줄(이름, 전화번호 …)을 찾을 수 없습니다.');
  const find = (wanted: string | undefined, candidates: string[], what: string) => {
    const keys = headers.map((h) => (h ? headerKey(h) : ''));
    const idx = wanted ? keys.indexOf(headerKey(wanted)) : keys.findIndex((k) => candidates.includes(k));
    if (idx < 1)
      throw new AppError(
        'VALIDATION',
        `${what} 열을 찾을 수 없습니다${wanted ? `: ${wanted}` : ''}. 열 이름을 지정하세요.`,
      );
    return idx;
  };
  const nameCol = find(nameColumn, NAME_HEADERS, '이름');
  const phoneCol = find(phoneColumn, PHONE_HEADERS, '휴대전화 번호');
  const columns: string[] = [];
  headers.forEach((h, i) => {
    if (h && i !== phoneCol) columns[i] = headerKey(h);
  });
  const rows: Parsed['rows'] = [];
  ws.eachRow((row, n) => {
    if (n <= headerRow) return;
    const values: Record<string, string> = {};
    let any = false;
    columns.forEach((key, i) => {
      if (!key) return;
      const t = cellText(row.getCell(i));
      values[key] = t;
      if (t) any = true;
    });
    const phone = phoneText(row.getCell(phoneCol));
    if (!any && !phone) return;
    rows.push({ rowNo: n, name: cellText(row.getCell(nameCol)), phone, values });
  });
  return { columns: [...new Set(columns.filter(Boolean))], nameCol, phoneCol, rows };
}

/** Notice campaigns: a department's file matched row by row to subscribers who consent to the notice. */
export class NoticeService {
  constructor(private m: CampaignsModule) {}

  async upload(id: string, fileName: string, buf: Buffer, nameColumn?: string, phoneColumn?: string) {
    const c = this.m.service.record(id);
    if (c.kind !== 'notice') throw new AppError('VALIDATION', '고지 캠페인이 아닙니다.');
    if (c.status !== 'draft')
      throw new AppError('VALIDATION', '작성 중인 캠페인에만 자료를 올릴 수 있습니다.');
    const parsed = await parse(buf, nameColumn, phoneColumn);
    const sqlite = this.m.core.sqlite;
    const fields = JSON.stringify(fieldIdsOf(c));
    const consent = sqlite
      .prepare(
        `SELECT DISTINCT channel FROM consent_state WHERE subscriber_id = ? AND granted = 1
         AND field_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck();
    const dongName = sqlite.prepare('SELECT name FROM dongs WHERE id = ?').pluck();
    const ins = sqlite.prepare(
      `INSERT INTO campaign_notice_rows (campaign_id, row_no, name, phone, vars, subscriber_id, match, channels)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const counts: Record<string, number> = {};
    const fieldIds = fieldIdsOf(c);
    sqlite.transaction(() => {
      sqlite.prepare('DELETE FROM campaign_notice_rows WHERE campaign_id = ?').run(id);
      for (const r of parsed.rows) {
        let match = 'matched';
        let sid: string | null = null;
        let channels: string[] = [];
        let dong = '';
        const p = normalizePhone(r.phone);
        if (p.kind !== 'mobile') match = 'invalid_phone';
        else {
          const subs = this.m.core.subscriberRepo.byMobile(p.digits);
          const s = subs.find((x) => sameName(x.name, r.name));
          if (subs.length === 0) match = 'no_subscriber';
          else if (!s) match = 'name_mismatch';
          else if (s.status === 'withdrawn') match = 'withdrawn';
          else {
            sid = s.id;
            dong = s.dongId ? ((dongName.get(s.dongId) as string | undefined) ?? '') : '';
            const granted = consent.all(s.id, fields) as string[];
            const usable = (ch: 'sms' | 'email') => {
              if (!granted.includes(ch)) return false;
              if (ch === 'sms' && (!c.smsEnabled || s.phoneKind !== 'mobile' || !s.mobile)) return false;
              if (ch === 'email' && (!c.emailEnabled || !s.email || s.emailInvalidAt)) return false;
              const addr = ch === 'sms' ? s.mobile! : s.email!.toLowerCase();
              const hit = this.m.core.subscriberRepo.suppression(ch, addr);
              return !(hit.all || fieldIds.every((f) => hit.fieldIds.includes(f)));
            };
            channels = (['sms', 'email'] as const).filter(usable);
            const consentedOnEnabled = granted.some(
              (ch) => (ch === 'sms' && c.smsEnabled) || (ch === 'email' && c.emailEnabled),
            );
            if (channels.length === 0) match = consentedOnEnabled ? 'suppressed' : 'no_consent';
          }
        }
        counts[match] = (counts[match] ?? 0) + 1;
        const vars = { ...r.values, 이름: r.name, 동: dong };
        ins.run(id, r.rowNo, r.name, r.phone, JSON.stringify(vars), sid, match, channels.join(','));
      }
      this.m.store.set(id, {
        notice_meta: JSON.stringify({
          fileName,
          columns: parsed.columns,
          rows: parsed.rows.length,
          matched: counts.matched ?? 0,
        }),
        updated_at: this.m.core.clock.now().toISOString(),
        approved_by: null,
        approved_at: null,
      });
    })();
    return {
      rows: parsed.rows.length,
      matched: counts.matched ?? 0,
      columns: parsed.columns,
      unmatched: Object.entries(counts)
        .filter(([k]) => k !== 'matched')
        .map(([reason, count]) => ({ reason, label: NOTICE_MATCH_LABELS[reason] ?? reason, count })),
    };
  }

  /** The rows that will not be sent, with why, as xlsx for the department. */
  async report(id: string) {
    const c = this.m.service.record(id);
    const meta = c.noticeMeta ? (JSON.parse(c.noticeMeta) as { columns: string[]; fileName: string }) : null;
    if (!meta) throw new AppError('VALIDATION', '올린 고지 자료가 없습니다.');
    const rows = this.m.core.sqlite
      .prepare(
        `SELECT row_no AS rowNo, name, phone, vars, match FROM campaign_notice_rows
         WHERE campaign_id = ? AND match != 'matched' ORDER BY row_no`,
      )
      .all(id) as { rowNo: number; name: string; phone: string; vars: string; match: string }[];
    const cols = meta.columns;
    const buf = await xlsxBuffer(
      '발송 제외',
      ['원본 행', '이름', '전화번호', '제외 사유', ...cols],
      rows.map((r) => {
        const v = JSON.parse(r.vars) as Record<string, string>;
        return [
          r.rowNo,
          r.name,
          r.phone,
          NOTICE_MATCH_LABELS[r.match] ?? r.match,
          ...cols.map((k) => v[k] ?? ''),
        ];
      }),
    );
    const base = meta.fileName.replace(/\.xlsx$/i, '').replace(/[\\/:*?"<>|]/g, '_');
    return { fileName: `${base}_발송제외.xlsx`, contentBase64: buf.toString('base64'), rows: rows.length };
  }
}
