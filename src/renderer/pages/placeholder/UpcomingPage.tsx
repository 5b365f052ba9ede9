import { Card, Tag } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { UPCOMING, type UpcomingPath } from './upcoming';

export function UpcomingPage({ path }: { path: UpcomingPath }) {
  const page = UPCOMING[path];
  return (
    <>
      <PageHeader title={page.title} />
      <Card>
        <Tag color="default" style={{ marginBottom: 12 }}>
          준비 중
        </Tag>
        <p style={{ margin: 0, fontSize: 15 }}>{page.text}</p>
      </Card>
    </>
  );
}
