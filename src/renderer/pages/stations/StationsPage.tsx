import { Alert, Skeleton, Tabs, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { ConflictsPanel } from './ConflictsPanel';
import { HqSide } from './HqSide';
import { PairingCard } from './PairingCard';
import { StationSide } from './StationSide';

/**
 * 접수처 자료 교환 (issue #9). A dong center's PC sends its changes to HQ as encrypted, signed
 * packages; HQ imports them, reviews conflicts and sends receipts and reference data back.
 * Which half is shown follows this installation's station (설정 › 접수처).
 */
export function StationsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const status = useInvoke('stations.status', {});
  const s = status.data;
  const isHq = s ? (s.role ?? (s.thisStation?.kind === 'dong' ? 'station' : 'hq')) === 'hq' : false;
  const staff = user.role === 'admin' || user.role === 'pr';
  const tab = pathname.startsWith('/stations/conflicts') ? 'conflicts' : 'main';

  return (
    <>
      <PageHeader
        title="접수처 자료 교환"
        description={
          s?.thisStation ? (
            <>
              이 PC: <strong>{s.thisStation.name}</strong> ({s.thisStation.code}, {isHq ? '본청' : '접수처'})
            </>
          ) : (
            '이 PC의 접수처가 정해지지 않았습니다. 설정에서 먼저 정하세요.'
          )
        }
      />
      {status.isPending && <Skeleton active />}
      {status.isError && <Alert type="error" showIcon title={status.error.message} />}
      {s && isHq && !staff && (
        <Alert
          type="info"
          showIcon
          title="본청의 꾸러미 가져오기와 충돌 검토는 관리자와 홍보 담당이 합니다."
        />
      )}
      {s && isHq && staff && (
        <Tabs
          activeKey={tab}
          onChange={(k) => navigate(k === 'conflicts' ? '/stations/conflicts' : '/stations')}
          items={[
            { key: 'main', label: '받은 꾸러미', children: <HqSide /> },
            { key: 'conflicts', label: '충돌 검토', children: <ConflictsPanel /> },
          ]}
        />
      )}
      {s && !isHq && <StationSide />}
      {s && user.role === 'admin' && (
        <div style={{ marginTop: 16 }}>
          <PairingCard status={s} />
        </div>
      )}
      {s && !s.thisStation && (
        <Typography.Paragraph type="secondary">
          설정 › 접수처에서 이 PC가 어디인지 고르세요.
        </Typography.Paragraph>
      )}
    </>
  );
}
