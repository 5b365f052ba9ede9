import { Button, Flex, Result, Spin } from 'antd';

export function Loading() {
  return (
    <Flex align="center" justify="center" style={{ height: '100%' }}>
      <Spin size="large" tip="불러오는 중…">
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </Flex>
  );
}

export function ConnectionError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Result
      status="warning"
      title="소통창구에 연결하지 못했습니다"
      subTitle={message}
      extra={
        <Button type="primary" onClick={onRetry} autoFocus>
          다시 시도
        </Button>
      }
    />
  );
}
