import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Typography } from 'antd';

/** The ward's SNS addresses, which campaigns can append to messages. */
export function SnsLinksField({ readOnly }: { readOnly: boolean }) {
  return (
    <Form.List name="snsLinks">
      {(items, { add, remove }) => (
        <>
          {items.length === 0 && (
            <Typography.Paragraph type="secondary">등록한 SNS 링크가 없습니다.</Typography.Paragraph>
          )}
          {items.map(({ key, name }, i) => (
            <Row key={key} gutter={12} align="bottom">
              <Col xs={24} md={7}>
                <Form.Item
                  label={`채널 이름 ${i + 1}`}
                  name={[name, 'name']}
                  rules={[{ required: true, whitespace: true, message: '채널 이름을 입력하세요.' }]}
                >
                  <Input maxLength={30} placeholder="예: 블로그" />
                </Form.Item>
              </Col>
              <Col xs={20} md={15}>
                <Form.Item
                  label={`주소 ${i + 1}`}
                  name={[name, 'url']}
                  rules={[
                    { required: true, message: '주소를 입력하세요.' },
                    { type: 'url', message: 'https:// 로 시작하는 주소를 입력하세요.' },
                  ]}
                >
                  <Input maxLength={300} placeholder="https://" />
                </Form.Item>
              </Col>
              <Col xs={4} md={2}>
                {!readOnly && (
                  <Form.Item>
                    <Button
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={`SNS 링크 ${i + 1} 삭제`}
                      onClick={() => remove(name)}
                    />
                  </Form.Item>
                )}
              </Col>
            </Row>
          ))}
          {!readOnly && (
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ name: '', url: '' })}
              disabled={items.length >= 20}
            >
              SNS 링크 추가
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
