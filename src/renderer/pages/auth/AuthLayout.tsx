import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card used before sign-in: first run, login, forced password change. */
export function AuthLayout({
  title,
  subtitle,
  width = 400,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100%', padding: '40px 16px' }}>
      <main style={{ width: '100%', maxWidth: width }}>
        <div style={{ textAlign: 'center', marginBottom: 20 }}>
          <div style={{ fontSize: 15, fontWeight: 700, color: '#1d5fbf', letterSpacing: '0.02em' }}>
            소통창구
          </div>
        </div>
        <Card styles={{ body: { padding: 32 } }}>
          <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0, marginBottom: subtitle ? 6 : 24 }}>
            {title}
          </Typography.Title>
          {subtitle && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {subtitle}
            </Typography.Paragraph>
          )}
          {children}
        </Card>
      </main>
    </Flex>
  );
}
