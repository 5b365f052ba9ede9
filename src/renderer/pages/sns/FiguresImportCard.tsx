import { ImportOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Typography } from 'antd';
import { useState } from 'react';
import type { SnsImportResult } from '../../../shared/contract/sns';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { fileToBase64 } from '../../lib/download';
import { ImportSummary } from './ImportSummary';
import { SnsFileField } from './SnsFileField';

/** Monthly figures from a sheet the office keeps: 채널, 월, 팔로워, 게시물, 방문자. */
export function FiguresImportCard() {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [result, setResult] = useState<SnsImportResult | null>(null);
  const imp = useInvokeMutation('sns.figures.import', {
    invalidates: ['sns.figures.list', 'sns.channels.list', 'sns.peers.compare'],
  });

  const submit = async () => {
    if (!file) {
      message.warning('가져올 파일을 고르세요.');
      return;
    }
    setResult(null);
    imp.mutate(
      { fileBase64: await fileToBase64(file), fileName: file.name },
      {
        onSuccess: (r) => {
          setResult(r);
          setFile(null);
          setFileKey((k) => k + 1);
        },
      },
    );
  };

  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 15, margin: 0 }}>월별 수치 파일 가져오기</h2>}
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        첫 줄에 머리글(채널, 월, 팔로워, 게시물, 방문자)이 있는 표를 올리세요. 채널은 이름이나 주소로, 월은
        2015.03·2015년 3월처럼 적어도 됩니다. 같은 채널·월의 수치는 새 값으로 바뀝니다. 빈칸과 ‘-’는 비워
        둡니다.
      </Typography.Paragraph>
      <Form layout="vertical" component="div" name="sns-figures-import">
        <Flex gap={24} wrap align="end">
          <div key={fileKey}>
            <SnsFileField id="sns-figures-file" label="수치 파일" file={file} onChange={setFile} />
          </div>
          <Form.Item>
            <Button icon={<ImportOutlined />} onClick={submit} loading={imp.isPending}>
              수치 가져오기
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {imp.error && <FormError message={errorMessage(imp.error)} />}
      {result && <ImportSummary result={result} label="월별 수치" />}
    </Card>
  );
}
