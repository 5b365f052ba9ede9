import { Alert, Skeleton, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { FieldsTab } from './FieldsTab';
import { BounceMailboxTab } from './BounceMailboxTab';
import { GatewayTab } from './GatewayTab';
import { GeneralSettingsForm } from './GeneralSettingsForm';
import { OptOutSettingsTab } from './OptOutSettingsTab';
import { PublicWebTab } from './PublicWebTab';
import { SimpleRefTab } from './SimpleRefTab';
import { StationsTab } from './StationsTab';
import { SystemTab } from './SystemTab';

export function SettingsPage() {
  const { user } = useSession();
  const readOnly = user.role !== 'admin';
  const settings = useInvoke('settings.get', {});
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'general';

  const general = settings.isError ? (
    <Alert type="error" showIcon title={settings.error.message} />
  ) : settings.data ? (
    <GeneralSettingsForm settings={settings.data} readOnly={readOnly} />
  ) : (
    <Skeleton active />
  );

  return (
    <>
      <PageHeader
        title="설정"
        description={
          readOnly ? '설정은 관리자만 바꿀 수 있습니다.' : '이 구의 소통창구 설정과 기준 목록입니다.'
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'general', label: '기본 설정', children: general },
          { key: 'dongs', label: '행정동', children: <SimpleRefTab kind="dong" readOnly={readOnly} /> },
          { key: 'fields', label: '분야', children: <FieldsTab readOnly={readOnly} /> },
          {
            key: 'businessTypes',
            label: '업종',
            children: <SimpleRefTab kind="businessType" readOnly={readOnly} />,
          },
          { key: 'stations', label: '접수처', children: <StationsTab readOnly={readOnly} /> },
          { key: 'gateway', label: '문자 발송', children: <GatewayTab readOnly={readOnly} /> },
          { key: 'optout', label: '수신거부', children: <OptOutSettingsTab /> },
          { key: 'public', label: '공개 웹', children: <PublicWebTab readOnly={readOnly} /> },
          { key: 'bounces', label: '반송 메일함', children: <BounceMailboxTab readOnly={readOnly} /> },
          { key: 'system', label: '시스템·백업', children: <SystemTab isAdmin={!readOnly} /> },
        ]}
      />
    </>
  );
}
