// Offline stations (issue #9): pairing, change packages station → HQ, receipts HQ → station,
// reference packages (suppression hashes, fields, dongs) HQ → station, and HQ's review of conflicts.
import { z } from 'zod';
import { channel, empty, paged } from './define';

const passphrase = z
  .string()
  .min(8, '암호는 8자 이상이어야 합니다.')
  .max(200, '암호는 200자를 넘을 수 없습니다.');

/** A file the user picked (Electron/CLI: a path) or uploaded (browser: its bytes as base64). */
export const fileSource = z
  .object({
    path: z.string().trim().min(1).optional(),
    base64: z.string().min(1).optional(),
  })
  .refine((v) => !!v.path !== !!v.base64, { message: '파일 경로나 파일 내용 중 하나만 주세요.' });

/** Where a written file goes: a path, or (no path) back to the caller as base64 for a download. */
const fileTarget = z.object({ path: z.string().trim().min(1).optional() });

export const fileResult = z.object({
  fileName: z.string(),
  path: z.string().nullable(),
  base64: z.string().nullable(),
  bytes: z.number().int(),
  sha256: z.string(),
});

export const changeCounts = z.object({
  /** people new or changed at the station */
  people: z.number().int(),
  newPeople: z.number().int(),
  editedPeople: z.number().int(),
  /** consent ledger events, of which withdrawals */
  events: z.number().int(),
  withdrawals: z.number().int(),
  forms: z.number().int(),
  suppressions: z.number().int(),
});
export type ChangeCounts = z.infer<typeof changeCounts>;

const stationRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const peerRow = z.object({
  remoteId: z.string(),
  localStationId: z.string(),
  role: z.enum(['hq', 'station']),
  code: z.string(),
  name: z.string(),
  fingerprint: z.string(),
  pairedAt: z.string(),
});

export const outboundPackageRow = z.object({
  seq: z.number().int(),
  kind: z.enum(['changes', 'reference']),
  createdAt: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  counts: z.record(z.string(), z.number()),
  status: z.enum(['sent', 'confirmed']),
  confirmedAt: z.string().nullable(),
  to: stationRef.nullable(),
});

export const inboundPackageRow = z.object({
  id: z.number().int(),
  kind: z.enum(['changes', 'reference']),
  station: stationRef.nullable(),
  seq: z.number().int(),
  packageCreatedAt: z.string(),
  importedAt: z.string(),
  importedBy: z.string().nullable(),
  counts: z.record(z.string(), z.number()),
});

export const stationOverviewRow = z.object({
  stationId: z.string(),
  code: z.string(),
  name: z.string(),
  paired: z.boolean(),
  packages: z.number().int(),
  lastSeq: z.number().int().nullable(),
  lastPackageAt: z.string().nullable(),
  lastImportedAt: z.string().nullable(),
  /** whole days since the last package was made; null = never sent */
  daysSilent: z.number().int().nullable(),
  people: z.number().int(),
  events: z.number().int(),
  forms: z.number().int(),
  openConflicts: z.number().int(),
});

export const conflictRow = z.object({
  id: z.number().int(),
  station: stationRef.nullable(),
  packageSeq: z.number().int(),
  entity: z.string(),
  entityId: z.string(),
  /** the person's name now, so staff know whom it is about */
  subjectName: z.string().nullable(),
  field: z.string(),
  fieldLabel: z.string(),
  /** display values (dong names, 남/여 …); null = empty */
  localValue: z.string().nullable(),
  incomingValue: z.string().nullable(),
  chosen: z.enum(['local', 'incoming']),
  reason: z.string(),
  resolved: z.boolean(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const importResult = z.object({
  kind: z.literal('changes'),
  station: stationRef,
  seq: z.number().int(),
  /** the same package (same station, number and bytes) was imported before: nothing changed */
  alreadyImported: z.boolean(),
  /** people inserted or changed here */
  people: z.number().int(),
  newPeople: z.number().int(),
  editedPeople: z.number().int(),
  /** incoming people merged into an existing person with the same mobile */
  merged: z.number().int(),
  events: z.number().int(),
  withdrawals: z.number().int(),
  forms: z.number().int(),
  suppressions: z.number().int(),
  suppressionsLifted: z.number().int(),
  /** consents not applied because an opt-out or suppression wins (no new paper form) */
  blockedConsents: z.number().int(),
  conflicts: z.number().int(),
  duplicatesIgnored: z.number().int(),
  /** dongs / business types the package named but HQ does not know (left empty) */
  unknownReferences: z.number().int(),
});
export type StationImportResult = z.infer<typeof importResult>;

export const stationsChannels = {
  'stations.status': channel({
    summary: '이 설치의 접수처·열쇠·짝 맺은 곳',
    access: ['admin', 'pr', 'dong'],
    input: empty,
    output: z.object({
      thisStation: z
        .object({ id: z.string(), code: z.string(), name: z.string(), kind: z.enum(['hq', 'dong']) })
        .nullable(),
      role: z.enum(['hq', 'station']).nullable(),
      keyFingerprint: z.string().nullable(),
      peers: z.array(peerRow),
    }),
  }),
  'stations.pairingExport': channel({
    summary: '짝 맺기 파일 만들기 (공개 열쇠와 접수처 정보)',
    access: ['admin'],
    input: fileTarget,
    output: fileResult.extend({ fingerprint: z.string(), role: z.enum(['hq', 'station']) }),
  }),
  'stations.pairingImport': channel({
    summary: '상대편 짝 맺기 파일 가져오기',
    access: ['admin'],
    input: fileSource,
    output: z.object({
      peer: peerRow,
      /** an earlier pairing with the same station was replaced (new key) */
      replaced: z.boolean(),
    }),
  }),
  'stations.pendingChanges': channel({
    summary: '본청에 보낼 변경 (마지막으로 확인받은 꾸러미 이후)',
    access: ['admin', 'pr', 'dong'],
    input: empty,
    output: z.object({
      applicable: z.boolean(),
      total: z.number().int(),
      counts: changeCounts,
      lastExportAt: z.string().nullable(),
      lastConfirmedAt: z.string().nullable(),
      unconfirmedPackages: z.number().int(),
      /** set when this PC's clock is behind the last package (changes could be missed) */
      clockWarning: z.string().nullable(),
    }),
  }),
  'stations.export': channel({
    summary: '본청에 보낼 변경 꾸러미 만들기',
    access: ['admin', 'pr', 'dong'],
    input: fileTarget.extend({ passphrase }),
    output: fileResult.extend({ seq: z.number().int(), counts: changeCounts }),
  }),
  'stations.packages': channel({
    summary: '이 설치에서 만든 꾸러미 이력',
    access: ['admin', 'pr', 'dong'],
    input: z.object({
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
    output: paged(outboundPackageRow),
  }),
  'stations.import': channel({
    summary: '접수처 변경 꾸러미 가져오기 (본청)',
    access: ['admin', 'pr'],
    input: fileSource.and(z.object({ passphrase })),
    output: importResult,
  }),
  'stations.received': channel({
    summary: '가져온 꾸러미 이력 (접수처별)',
    access: ['admin', 'pr'],
    input: z.object({
      stationId: z.string().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
    output: paged(inboundPackageRow),
  }),
  'stations.overview': channel({
    summary: '접수처별 받은 꾸러미·건수·미해결 충돌',
    access: ['admin', 'pr'],
    input: empty,
    output: z.object({ items: z.array(stationOverviewRow) }),
  }),
  'stations.silent': channel({
    summary: 'N일 넘게 꾸러미를 보내지 않은 접수처',
    access: ['admin', 'pr'],
    input: z.object({
      days: z.number().int().min(1).max(3650).default(7),
      /** also list dong stations never paired (by default only paired ones are expected to send) */
      includeUnpaired: z.boolean().default(false),
    }),
    output: z.object({ days: z.number().int(), items: z.array(stationOverviewRow) }),
  }),
  'stations.conflicts': channel({
    summary: '병합 충돌 목록 (검토할 것)',
    access: ['admin', 'pr'],
    input: z.object({
      resolved: z.boolean().default(false),
      stationId: z.string().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
    output: paged(conflictRow),
  }),
  'stations.resolveConflict': channel({
    summary: '병합 충돌 처리 (본청 값 또는 접수처 값)',
    access: ['admin', 'pr'],
    input: z.object({ id: z.number().int(), choose: z.enum(['local', 'incoming']) }),
    output: z.object({ id: z.number().int(), applied: z.boolean(), resolved: z.literal(true) }),
  }),
  'stations.receiptExport': channel({
    summary: '접수처에 돌려줄 수령증 만들기 (본청)',
    access: ['admin', 'pr'],
    input: fileTarget.extend({ stationId: z.string().trim().min(1, '접수처를 고르세요.') }),
    output: fileResult.extend({ packages: z.number().int() }),
  }),
  'stations.receiptImport': channel({
    summary: '본청 수령증 가져오기 (보낸 변경을 전달됨으로 표시)',
    access: ['admin', 'pr', 'dong'],
    input: fileSource,
    output: z.object({
      confirmed: z.array(z.number().int()),
      alreadyConfirmed: z.number().int(),
      unknown: z.number().int(),
      pendingTotal: z.number().int(),
    }),
  }),
  'stations.referenceExport': channel({
    summary: '접수처용 기준 자료 꾸러미 만들기 (수신거부 해시·분야·동·설정)',
    access: ['admin', 'pr'],
    input: fileTarget.extend({ stationId: z.string().trim().min(1, '접수처를 고르세요.'), passphrase }),
    output: fileResult.extend({
      suppressions: z.number().int(),
      fields: z.number().int(),
      dongs: z.number().int(),
    }),
  }),
  'stations.referenceImport': channel({
    summary: '본청 기준 자료 꾸러미 가져오기 (접수처)',
    access: ['admin', 'dong'],
    input: fileSource.and(z.object({ passphrase })),
    output: z.object({
      seq: z.number().int(),
      alreadyImported: z.boolean(),
      suppressionsAdded: z.number().int(),
      suppressionsLifted: z.number().int(),
      fields: z.number().int(),
      dongs: z.number().int(),
      businessTypes: z.number().int(),
      stations: z.number().int(),
      settings: z.array(z.string()),
    }),
  }),
};
