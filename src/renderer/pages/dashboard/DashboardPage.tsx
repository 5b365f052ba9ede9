import { Alert, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { formatDate } from '../../lib/format';
import { StatCard } from './StatCard';

const COL = { xs: 24, sm: 12, lg: 8, xl: 6 };

export function DashboardPage() {
  const { user, status } = useSession();
  const summary = useInvoke('dashboard.summary', {});
  const isAdmin = user.role === 'admin';

  return (
    <>
      <PageHeader
        title="대시보드"
        description={`${user.displayName}님, 안녕하세요. 오늘은 ${formatDate(new Date())}입니다.`}
      />
      {summary.isPending && <Skeleton active />}
      {summary.isError && <Alert type="error" showIcon title={summary.error.message} />}
      {summary.data && (
        <>
          {isAdmin && (
            <section aria-label="시스템">
              <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 12px' }}>
                시스템
              </Typography.Title>
              <Row gutter={[16, 16]} style={{ marginBottom: 28 }}>
                <Col {...COL}>
                  <StatCard label="사용자" value={summary.data.users} unit="명" link="/users" />
                </Col>
                <Col {...COL}>
                  <StatCard
                    label="잠긴 계정"
                    value={summary.data.lockedUsers}
                    unit="개"
                    link="/users"
                    tone="warn"
                  />
                </Col>
                <Col {...COL}>
                  <StatCard label="오늘 접속기록" value={summary.data.auditToday} unit="건" link="/audit" />
                </Col>
              </Row>
            </section>
          )}
          <section aria-label="업무 현황">
            <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 12px' }}>
              {status.wardName} 업무 현황
            </Typography.Title>
            {summary.data.tiles.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description="아직 보여 줄 업무 수치가 없습니다. 구독자·캠페인·설문 기능이 들어오면 이곳에 표시됩니다."
              />
            ) : (
              <Row gutter={[16, 16]}>
                {summary.data.tiles.map((t) => (
                  <Col key={t.key} {...COL}>
                    <StatCard label={t.label} value={t.value} unit={t.unit} link={t.link} />
                  </Col>
                ))}
              </Row>
            )}
          </section>
        </>
      )}
    </>
  );
}
