import ExcelJS from 'exceljs';
import type { SubscriberFilters } from '../../shared/contract/subscribers';
import { GENDER_LABELS, KIND_LABELS, STATUS_LABELS } from '../../shared/contract/subscribers';
import { AppError } from '../../shared/errors';
import { AGE_BAND_LABELS, ageBand, formatDate } from '../../shared/text/dates';
import { formatPhone } from '../../shared/text/phone';
import type { Core } from '../core/core';
import type { RegistryQueries } from './search';
import { seoulYear } from './time';
import { type Column, FROZEN_HEADER, setupSheet } from './xlsx';

const COLUMNS: Column[] = [
  { header: '구분', key: 'kind', width: 8 },
  { header: '이름(상호)', key: 'name', width: 18 },
  { header: '대표자', key: 'representative', width: 10 },
  { header: '업종', key: 'businessType', width: 16 },
  { header: '휴대전화', key: 'mobile', width: 15 },
  { header: '이메일', key: 'email', width: 28 },
  { header: '출생연도', key: 'birthYear', width: 9 },
  { header: '연령대', key: 'ageBand', width: 10 },
  { header: '성별', key: 'gender', width: 6 },
  { header: '행정동', key: 'dong', width: 12 },
  { header: '주소', key: 'address', width: 40 },
  { header: '상태', key: 'status', width: 8 },
  { header: '문자 수신 분야', key: 'smsFields', width: 40 },
  { header: '이메일 수신 분야', key: 'emailFields', width: 40 },
  { header: '등록일', key: 'createdAt', width: 11 },
  { header: '등록 접수처', key: 'station', width: 18 },
];

interface ExportRow {
  rid: number;
  kind: 'individual' | 'business';
  name: string;
  representative: string | null;
  businessType: string | null;
  mobile: string | null;
  email: string | null;
  birthYear: number | null;
  gender: 'M' | 'F' | null;
  dong: string | null;
  address: string | null;
  status: 'active' | 'withdrawn';
  createdAt: string;
  station: string | null;
  sms: string | null;
  emailF: string | null;
}

const CHUNK = 1000;

/**
 * Writes the registry (or a filtered view) to xlsx with exceljs's streaming writer, a chunk of rows
 * at a time, yielding between chunks so the app keeps answering while 100k rows are written.
 */
export async function exportSubscribers(
  core: Core,
  queries: RegistryQueries,
  filters: SubscriberFilters,
  scope: number | null,
  file: string,
): Promise<number> {
  const ids = queries.ids(filters, scope, 'name');
  const fieldName = new Map(core.reference.list().fields.map((f) => [String(f.id), f.name]));
  const names = (csv: string | null) =>
    csv
      ? csv
          .split(',')
          .map((id) => fieldName.get(id) ?? id)
          .join(', ')
      : '';
  const year = seoulYear(core.clock.now());
  const select = core.sqlite.prepare(
    `SELECT s.rowid AS rid, s.kind, s.name, s.representative, b.name AS businessType, s.mobile, s.email, s.birth_year AS birthYear,
       s.gender, d.name AS dong, s.address, s.status, s.created_at AS createdAt, st.name AS station,
       (SELECT group_concat(c.field_id) FROM consent_state c WHERE c.subscriber_id = s.id AND c.channel = 'sms' AND c.granted = 1) AS sms,
       (SELECT group_concat(c.field_id) FROM consent_state c WHERE c.subscriber_id = s.id AND c.channel = 'email' AND c.granted = 1) AS emailF
     FROM subscribers s LEFT JOIN dongs d ON d.id = s.dong_id LEFT JOIN business_types b ON b.id = s.business_type_id
       LEFT JOIN stations st ON st.id = s.station_id
     WHERE s.rowid IN (SELECT value FROM json_each(?))`,
  );

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = '소통창구';
  const ws = wb.addWorksheet('구독자 명단', FROZEN_HEADER);
  setupSheet(ws, COLUMNS);
  ws.getRow(1).commit();
  try {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      const byRid = new Map((select.all(JSON.stringify(part)) as ExportRow[]).map((r) => [r.rid, r]));
      for (const rid of part) {
        const r = byRid.get(rid);
        if (!r) continue;
        ws.addRow({
          kind: KIND_LABELS[r.kind],
          name: r.name,
          representative: r.representative ?? '',
          businessType: r.businessType ?? '',
          mobile: r.mobile ? formatPhone(r.mobile) : '',
          email: r.email ?? '',
          birthYear: r.birthYear ?? '',
          ageBand: r.birthYear ? AGE_BAND_LABELS[ageBand(r.birthYear, year)] : '',
          gender: r.gender ? GENDER_LABELS[r.gender] : '',
          dong: r.dong ?? '',
          address: r.address ?? '',
          status: STATUS_LABELS[r.status],
          smsFields: names(r.sms),
          emailFields: names(r.emailF),
          createdAt: formatDate(r.createdAt),
          station: r.station ?? '',
        }).commit();
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    ws.commit();
    await wb.commit();
  } catch (e) {
    throw new AppError('FILE', `엑셀 파일을 쓰지 못했습니다: ${(e as Error).message}`);
  }
  return ids.length;
}
