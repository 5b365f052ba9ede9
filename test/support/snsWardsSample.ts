// Writes assets/sns-wards-2015-02.xlsx and its CSV twin: the seed's attachment 3 (< 붙임 3 >), the
// 25 Seoul wards' SNS figures at the end of February 2015, laid out as the office's table is
// (title, “(2015. 2월 말 기준)”, header, one row per ward, '-' for a channel not run, 평균 row).
//   npx tsx test/support/snsWardsSample.ts
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

export const WARDS_HEADER = [
  '연번',
  '구 명',
  'SNS 운영현황',
  '트위터 팔로워',
  '페이스북 좋아요',
  '블로그 방문자수',
];

/** 연번, 구 명, SNS 운영현황, 트위터 팔로워, 페이스북 좋아요, 블로그 방문자수 (null = '-') */
export const WARDS_2015_02: [number, string, string, number | null, number | null, number | null][] = [
  [1, '종로구', '트위터, 페이스북, 블로그', 5_601, 591, 111_885],
  [2, '중구', '트위터, 페이스북, 블로그', 5_304, 1_236, 298_775],
  [3, '용산구', '트위터, 페이스북', 16_140, 1_015, 1_373],
  [4, '성동구', '트위터, 페이스북, 블로그', 3_536, 610, 38_796],
  [5, '광진구', '트위터, 페이스북, 블로그', 3_608, 881, 11_426],
  [6, '동대문구', '트위터, 페이스북, 블로그', 48_535, 588, 852_619],
  [7, '중랑구', '트위터', 3_811, null, null],
  [8, '성북구', '트위터, 페이스북, 블로그', 3_580, 1_469, 157_948],
  [9, '강북구', '트위터, 페이스북', 3_488, 440, null],
  [10, '도봉구', '트위터, 페이스북, 블로그', 3_919, 609, 305_119],
  [11, '노원구', '트위터, 페이스북, 블로그', 8_380, 1_192, 185_260],
  [12, '은평구', '트위터, 페이스북, 블로그', 29_407, 1_316, 86_384],
  [13, '서대문구', '트위터, 페이스북, 블로그', 28_709, 1_062, 2_796_681],
  [14, '마포구', '트위터, 페이스북, 블로그', 7_232, 1_198, 790_197],
  [15, '양천구', '트위터, 페이스북', 26_258, 6_203, null],
  [16, '강서구', '페이스북', null, 840, null],
  [17, '구로구', '트위터, 페이스북, 블로그', 4_459, 664, 576_550],
  [18, '금천구', '트위터, 블로그', 2_998, null, 30_860],
  [19, '영등포구', '트위터, 페이스북, 블로그', 5_106, 2_413, 312_282],
  [20, '동작구', '트위터, 페이스북, 블로그', 4_650, 390, 55_874],
  [21, '관악구', '트위터, 페이스북, 블로그', 11_505, 2_030, 506_502],
  [22, '서초구', '트위터, 페이스북', 26_692, 2_064, 1_025_727],
  [23, '강남구', '트위터, 페이스북, 블로그', 21_560, 3_400, 1_382_824],
  [24, '송파구', '트위터, 페이스북, 블로그', 31_144, 2_467, 1_026_091],
  [25, '강동구', '트위터, 페이스북, 블로그', 4_357, 4_435, 316_382],
];

/** The table's own 평균 row, as printed in the seed. */
export const WARDS_2015_02_AVERAGE = [12_399, 1_485, 448_241] as const;

const dash = (v: number | null) => (v === null ? '-' : v);

export async function writeWardsXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  // fixed dates: the file does not change when regenerated
  wb.created = new Date('2015-03-02T00:00:00Z');
  wb.modified = wb.created;
  const ws = wb.addWorksheet('붙임3');
  ws.addRow(['< 붙임 3 >']);
  ws.addRow(['', '', '', '', '', '(2015. 2월 말 기준)']);
  ws.addRow(WARDS_HEADER).font = { bold: true };
  for (const [no, ward, running, tw, fb, blog] of WARDS_2015_02)
    ws.addRow([no, ward, running, dash(tw), dash(fb), dash(blog)]);
  const avg = ws.addRow(['평 균', '', '', ...WARDS_2015_02_AVERAGE]);
  avg.font = { bold: true };
  ws.mergeCells(avg.number, 1, avg.number, 3);
  ws.columns.forEach((c, i) => {
    c.width = [6, 10, 26, 14, 16, 16][i];
    if (i >= 3) {
      c.numFmt = '#,##0';
      c.alignment = { horizontal: 'right' };
    }
  });
  await wb.xlsx.writeFile(file);
}

/** The same table as Excel's “CSV UTF-8” saves it: BOM, thousands separators in quotes. */
export function wardsCsv(): string {
  const q = (v: string | number | null) => {
    const s = v === null ? '-' : typeof v === 'number' ? v.toLocaleString('en-US') : v;
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    ['< 붙임 3 >', '', '', '', '', ''],
    ['', '', '', '', '', '(2015. 2월 말 기준)'],
    WARDS_HEADER,
    ...WARDS_2015_02,
    ['평 균', '', '', ...WARDS_2015_02_AVERAGE],
  ];
  return `\ufeff${lines.map((l) => l.map(q).join(',')).join('\r\n')}\r\n`;
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith('snsWardsSample')) {
  const dir = path.resolve(__dirname, '../../assets');
  void writeWardsXlsx(path.join(dir, 'sns-wards-2015-02.xlsx')).then(() => {
    fs.writeFileSync(path.join(dir, 'sns-wards-2015-02.csv'), wardsCsv());
    console.log('assets/sns-wards-2015-02.xlsx, .csv');
  });
}
