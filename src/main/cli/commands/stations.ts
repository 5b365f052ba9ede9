// `sotong station …`: pairing, change packages, receipts and reference packages for offline stations.
import path from 'node:path';
import type { Command } from 'commander';
import type { ChannelName, ChannelOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { open } from '../../stations/envelope';
import { readSource } from '../../stations/files';
import { withCore } from '../context';

const PASS_ENV = 'SOTONG_STATION_PASSPHRASE';

function passphraseOf(o: { passphrase?: string }): string {
  const p = o.passphrase ?? process.env[PASS_ENV];
  if (!p)
    throw new AppError(
      'VALIDATION',
      `암호를 --passphrase 옵션이나 ${PASS_ENV} 환경변수로 주세요(접수처와 본청이 정한 암호).`,
    );
  return p;
}

const abs = (f: string) => path.resolve(f);
const n = (v: number) => v.toLocaleString('ko-KR');

type Out<C extends ChannelName> = ChannelOutput<C>;

export function registerStationCommands(program: Command): void {
  const station = program
    .command('station')
    .description('오프라인 접수처: 짝 맺기, 변경 꾸러미 주고받기, 수령증, 기준 자료');

  station
    .command('status')
    .description('이 설치의 접수처, 열쇠 지문, 짝 맺은 곳')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.status'>>('stations.status');
        out.result(r, () => [
          `이 PC: ${r.thisStation ? `${r.thisStation.name} (${r.thisStation.code}, ${r.role === 'hq' ? '본청' : '접수처'})` : '접수처가 정해지지 않음'}`,
          `열쇠 지문: ${r.keyFingerprint ?? '아직 없음 (짝 맺기 파일을 만들면 생깁니다)'}`,
          ...(r.peers.length === 0
            ? ['짝 맺은 곳: 없음']
            : r.peers.map((p) => `짝: ${p.name} (${p.code}) 지문 ${p.fingerprint}`)),
        ]);
      }),
    );

  const pair = station.command('pair').description('짝 맺기 (공개 열쇠 주고받기)');
  pair
    .command('export')
    .description('이 PC의 짝 맺기 파일을 만듭니다 (상대편이 가져갑니다)')
    .argument('<file>', '만들 파일 (또는 폴더)')
    .action(async (file: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.pairingExport'>>('stations.pairingExport', { path: abs(file) });
        out.result(r, () => [
          `짝 맺기 파일을 만들었습니다: ${r.path}`,
          `열쇠 지문: ${r.fingerprint} — 상대편 화면의 지문과 같은지 전화로 확인하세요.`,
        ]);
      }),
    );
  pair
    .command('import')
    .description('상대편의 짝 맺기 파일을 가져옵니다')
    .argument('<file>', '짝 맺기 파일')
    .action(async (file: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.pairingImport'>>('stations.pairingImport', { path: abs(file) });
        out.result(r, () => [
          `${r.peer.name} (${r.peer.code})와(과) 짝을 맺었습니다${r.replaced ? ' (이전 열쇠를 바꿈)' : ''}.`,
          `열쇠 지문: ${r.peer.fingerprint} — 상대편 화면의 지문과 같은지 확인하세요.`,
        ]);
      }),
    );

  station
    .command('pending')
    .description('본청에 보낼 변경 (마지막으로 확인받은 꾸러미 이후)')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.pendingChanges'>>('stations.pendingChanges');
        out.result(r, () =>
          r.applicable
            ? [
                `HQ에 보낼 변경 ${n(r.total)}건: 사람 ${n(r.counts.people)}명(새로 ${n(r.counts.newPeople)}), 동의 기록 ${n(r.counts.events)}건(철회 ${n(r.counts.withdrawals)}), 신청서 ${n(r.counts.forms)}장, 수신거부 ${n(r.counts.suppressions)}건`,
                `확인받지 못한 꾸러미: ${r.unconfirmedPackages}개`,
                ...(r.clockWarning ? [`주의: ${r.clockWarning}`] : []),
              ]
            : '본청에서는 보낼 변경이 없습니다 (접수처에서 쓰는 명령입니다).',
        );
      }),
    );

  station
    .command('export')
    .description('본청에 보낼 변경 꾸러미(.sotong)를 만듭니다')
    .argument('<file>', '만들 파일 (또는 폴더)')
    .option('--passphrase <p>', `암호 (없으면 환경변수 ${PASS_ENV})`)
    .action(async (file: string, o: { passphrase?: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.export'>>('stations.export', {
          path: abs(file),
          passphrase: passphraseOf(o),
        });
        out.result(r, () => [
          `꾸러미 ${r.seq}번을 만들었습니다: ${r.path} (${n(r.bytes)}바이트)`,
          `사람 ${n(r.counts.people)}명, 동의 기록 ${n(r.counts.events)}건, 신청서 ${n(r.counts.forms)}장, 수신거부 ${n(r.counts.suppressions)}건`,
          '본청의 수령증을 가져오기 전까지는 다음 꾸러미에도 같은 변경이 다시 들어갑니다.',
        ]);
      }),
    );

  station
    .command('import')
    .description('꾸러미를 가져옵니다: 본청은 접수처 변경 꾸러미, 접수처는 기준 자료 꾸러미나 수령증')
    .argument('<file>', '꾸러미 파일')
    .option('--passphrase <p>', `암호 (없으면 환경변수 ${PASS_ENV})`)
    .option('--receipt <file>', '본청: 가져온 뒤 그 접수처에 돌려줄 수령증도 만듭니다')
    .action(async (file: string, o: { passphrase?: string; receipt?: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const kind = open(readSource({ path: abs(file) })).header.kind;
        if (kind === 'receipt') {
          const r = await call<Out<'stations.receiptImport'>>('stations.receiptImport', { path: abs(file) });
          out.result({ kind, ...r }, () => receiptLines(r));
          return;
        }
        const passphrase = passphraseOf(o);
        if (kind === 'reference') {
          const r = await call<Out<'stations.referenceImport'>>('stations.referenceImport', {
            path: abs(file),
            passphrase,
          });
          out.result({ kind, ...r }, () => referenceLines(r));
          return;
        }
        const r = await call<Out<'stations.import'>>('stations.import', { path: abs(file), passphrase });
        let receipt: Out<'stations.receiptExport'> | null = null;
        if (o.receipt)
          receipt = await call<Out<'stations.receiptExport'>>('stations.receiptExport', {
            stationId: r.station.id,
            path: abs(o.receipt),
          });
        out.result({ ...r, receipt: receipt ? receipt.path : null }, () => [
          `${r.station.name} 꾸러미 ${r.seq}번을 ${r.alreadyImported ? '다시 ' : ''}가져왔습니다.`,
          `사람 ${n(r.people)}명(새로 ${n(r.newPeople)}, 고침 ${n(r.editedPeople)}, 같은 휴대전화로 합침 ${n(r.merged)}), 동의 기록 ${n(r.events)}건, 신청서 ${n(r.forms)}장, 수신거부 ${n(r.suppressions)}건`,
          `이미 있던 것 ${n(r.duplicatesIgnored)}건은 건너뛰었습니다.`,
          ...(r.blockedConsents > 0
            ? [`수신거부가 우선하여 반영하지 않은 동의: ${n(r.blockedConsents)}건 (기록은 남김)`]
            : []),
          ...(r.conflicts > 0 ? [`검토할 충돌 ${n(r.conflicts)}건: sotong station conflicts`] : []),
          ...(receipt ? [`수령증을 만들었습니다: ${receipt.path}`] : []),
        ]);
      }),
    );

  station
    .command('packages')
    .description('이 PC에서 만든 꾸러미 이력')
    .option('--page <n>', '쪽', '1')
    .action(async (o: { page: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.packages'>>('stations.packages', { page: Number(o.page) || 1 });
        out.result(r, () =>
          r.items.length === 0
            ? '만든 꾸러미가 없습니다.'
            : r.items.map(
                (p) =>
                  `${p.seq}\t${p.kind === 'changes' ? '변경' : '기준 자료'}\t${p.createdAt}\t${p.status === 'confirmed' ? `전달 확인 ${p.confirmedAt}` : '확인 전'}\t${p.fileName}`,
              ),
        );
      }),
    );

  station
    .command('received')
    .description('본청: 가져온 꾸러미 이력')
    .option('--station <code>', '접수처 코드')
    .action(async (o: { station?: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.received'>>('stations.received', { stationId: o.station });
        out.result(r, () =>
          r.items.length === 0
            ? '가져온 꾸러미가 없습니다.'
            : r.items.map(
                (p) =>
                  `${p.station?.name ?? '?'}\t${p.seq}번\t${p.importedAt}\t사람 ${n(p.counts.people ?? 0)}\t동의 ${n(p.counts.events ?? 0)}\t충돌 ${n(p.counts.conflicts ?? 0)}`,
              ),
        );
      }),
    );

  station
    .command('overview')
    .description('본청: 접수처별 받은 꾸러미와 미해결 충돌')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.overview'>>('stations.overview');
        out.result(r, () => r.items.map(overviewLine));
      }),
    );

  station
    .command('silent')
    .description('본청: N일 넘게 꾸러미를 보내지 않은 접수처')
    .option('--days <n>', '일수', '7')
    .option('--all', '짝을 맺지 않은 접수처도')
    .action(async (o: { days: string; all?: boolean }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.silent'>>('stations.silent', {
          days: Number(o.days),
          includeUnpaired: !!o.all,
        });
        out.result(r, () =>
          r.items.length === 0
            ? `${r.days}일 안에 모든 접수처가 꾸러미를 보냈습니다.`
            : r.items.map(overviewLine),
        );
      }),
    );

  station
    .command('conflicts')
    .description('본청: 병합 충돌 목록')
    .option('--resolved', '처리한 충돌')
    .option('--station <code>', '접수처 코드')
    .option('--page <n>', '쪽', '1')
    .action(async (o: { resolved?: boolean; station?: string; page: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.conflicts'>>('stations.conflicts', {
          resolved: !!o.resolved,
          stationId: o.station,
          page: Number(o.page) || 1,
        });
        out.result(r, () =>
          r.items.length === 0
            ? '검토할 충돌이 없습니다.'
            : [
                `충돌 ${n(r.total)}건`,
                ...r.items.map(
                  (c) =>
                    `${c.id}\t${c.subjectName ?? c.entityId}\t${c.fieldLabel}\t본청: ${c.localValue ?? '(없음)'}\t접수처: ${c.incomingValue ?? '(없음)'}\t택함: ${c.chosen === 'local' ? '본청' : '접수처'}`,
                ),
              ],
        );
      }),
    );

  station
    .command('resolve')
    .description('본청: 충돌을 처리합니다 (local=본청 값, incoming=접수처 값)')
    .argument('<id>', '충돌 번호')
    .requiredOption('--choose <which>', 'local 또는 incoming')
    .action(async (id: string, o: { choose: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        if (o.choose !== 'local' && o.choose !== 'incoming')
          throw new AppError(
            'VALIDATION',
            '--choose 는 local(본청 값) 또는 incoming(접수처 값)이어야 합니다.',
          );
        const r = await call<Out<'stations.resolveConflict'>>('stations.resolveConflict', {
          id: Number(id),
          choose: o.choose,
        });
        out.result(r, () => `충돌 ${r.id}번을 처리했습니다${r.applied ? ' (값을 바꿈)' : ''}.`);
      }),
    );

  const receipt = station.command('receipt').description('수령증: 본청이 받은 꾸러미를 접수처에 알립니다');
  receipt
    .command('export')
    .description('본청: 접수처에 돌려줄 수령증을 만듭니다')
    .argument('<file>', '만들 파일 (또는 폴더)')
    .requiredOption('--for <station>', '접수처 코드')
    .action(async (file: string, o: { for: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.receiptExport'>>('stations.receiptExport', {
          stationId: o.for,
          path: abs(file),
        });
        out.result(r, () => `수령증을 만들었습니다: ${r.path} (꾸러미 ${r.packages}개)`);
      }),
    );
  receipt
    .command('import')
    .description('접수처: 본청 수령증을 가져옵니다 (보낸 변경을 전달됨으로 표시)')
    .argument('<file>', '수령증 파일')
    .action(async (file: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.receiptImport'>>('stations.receiptImport', { path: abs(file) });
        out.result(r, () => receiptLines(r));
      }),
    );

  const reference = station
    .command('reference')
    .description('기준 자료: 수신거부 해시, 분야, 동, 설정 (본청 → 접수처)');
  reference
    .command('export')
    .description('본청: 접수처용 기준 자료 꾸러미를 만듭니다')
    .argument('<file>', '만들 파일 (또는 폴더)')
    .requiredOption('--for <station>', '접수처 코드')
    .option('--passphrase <p>', `암호 (없으면 환경변수 ${PASS_ENV})`)
    .action(async (file: string, o: { for: string; passphrase?: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.referenceExport'>>('stations.referenceExport', {
          stationId: o.for,
          passphrase: passphraseOf(o),
          path: abs(file),
        });
        out.result(
          r,
          () =>
            `기준 자료 꾸러미를 만들었습니다: ${r.path} (수신거부 ${n(r.suppressions)}건, 분야 ${r.fields}개, 동 ${r.dongs}개)`,
        );
      }),
    );
  reference
    .command('import')
    .description('접수처: 본청 기준 자료 꾸러미를 가져옵니다')
    .argument('<file>', '꾸러미 파일')
    .option('--passphrase <p>', `암호 (없으면 환경변수 ${PASS_ENV})`)
    .action(async (file: string, o: { passphrase?: string }, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<Out<'stations.referenceImport'>>('stations.referenceImport', {
          path: abs(file),
          passphrase: passphraseOf(o),
        });
        out.result(r, () => referenceLines(r));
      }),
    );
}

function receiptLines(r: Out<'stations.receiptImport'>): string[] {
  return [
    r.confirmed.length > 0
      ? `본청이 꾸러미 ${r.confirmed.join(', ')}번을 받았습니다.`
      : '새로 확인된 꾸러미가 없습니다.',
    `HQ에 보낼 변경 ${n(r.pendingTotal)}건`,
  ];
}

function referenceLines(r: Out<'stations.referenceImport'>): string[] {
  return [
    `본청 기준 자료 ${r.seq}번을 ${r.alreadyImported ? '다시 ' : ''}가져왔습니다.`,
    `수신거부 ${n(r.suppressionsAdded)}건 추가, ${n(r.suppressionsLifted)}건 해제; 분야 ${r.fields}개, 동 ${r.dongs}개, 설정 ${r.settings.length}개`,
  ];
}

function overviewLine(r: Out<'stations.overview'>['items'][number]): string {
  const last = r.lastPackageAt ? `${r.daysSilent}일 전 (${r.lastSeq}번)` : '보낸 적 없음';
  return `${r.name} (${r.code})\t${r.paired ? '짝 맺음' : '짝 없음'}\t꾸러미 ${r.packages}개\t마지막 ${last}\t사람 ${n(r.people)}\t미해결 충돌 ${r.openConflicts}`;
}
