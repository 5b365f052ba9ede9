import { ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import type { StationImportResult } from '../../../shared/contract/stations';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { fileToBase64, saveBase64 } from '../../lib/download';
import { formatNumber } from '../../lib/format';
import { FileField } from './FileField';
import { OCTET } from './labels';

const INVALIDATES = [
  'stations.overview',
  'stations.received',
  'stations.silent',
  'stations.conflicts',
  'subscribers.list',
  'dashboard.summary',
] as const;

/** HQ: a station's .sotong package in, what it changed out, and the receipt to send back. */
export function ImportCard() {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [pass, setPass] = useState('');
  const [fileKey, setFileKey] = useState(0);
  const [result, setResult] = useState<StationImportResult | null>(null);
  const imp = useInvokeMutation('stations.import', { invalidates: [...INVALIDATES] });
  const receipt = useInvokeMutation('stations.receiptExport', { invalidates: ['stations.overview'] });

  const submit = async () => {
    if (!file) {
      message.warning('접수처에서 받은 꾸러미 파일을 고르세요.');
      return;
    }
    if (pass.length < 8) {
      message.warning('암호는 8자 이상이어야 합니다.');
      return;
    }
    setResult(null);
    imp.mutate(
      { base64: await fileToBase64(file), passphrase: pass },
      {
        onSuccess: (r) => {
          setResult(r);
          setFile(null);
          setPass('');
          setFileKey((k) => k + 1);
        },
      },
    );
  };
  const n = (v: number, unit: string) => `${formatNumber(v)}${unit}`;

  return (
    <Card size="small" title="접수처 꾸러미 가져오기">
      <Form layout="vertical" component="div" name="station-import">
        <Flex gap={24} wrap align="end">
          <div key={fileKey}>
            <FileField
              id="station-import-file"
              label="꾸러미 파일 (.sotong)"
              file={file}
              onChange={setFile}
            />
          </div>
          <Form.Item label="꾸러미 암호" htmlFor="station-import-pass" required>
            <Input.Password
              id="station-import-pass"
              style={{ width: 260 }}
              value={pass}
              autoComplete="off"
              onChange={(e) => setPass(e.target.value)}
              onPressEnter={submit}
            />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              icon={<ImportOutlined aria-hidden />}
              loading={imp.isPending}
              onClick={submit}
            >
              가져오기
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      <FormError message={imp.error ? errorMessage(imp.error) : null} />
      {result && (
        <div role="status" aria-label="꾸러미 가져오기 결과">
          <Alert
            type={result.alreadyImported ? 'info' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`${result.station.name} 꾸러미 ${result.seq}번을 ${result.alreadyImported ? '이미 가져왔습니다. 바뀐 것이 없습니다.' : '가져왔습니다.'}`}
          />
          <Descriptions
            size="small"
            bordered
            column={3}
            items={[
              { key: 'p', label: '사람', children: n(result.people, '명') },
              { key: 'np', label: '새로 등록', children: n(result.newPeople, '명') },
              { key: 'ep', label: '고침', children: n(result.editedPeople, '명') },
              { key: 'm', label: '같은 휴대전화로 합침', children: n(result.merged, '명') },
              { key: 'e', label: '동의 기록', children: n(result.events, '건') },
              { key: 'w', label: '철회', children: n(result.withdrawals, '건') },
              { key: 'f', label: '신청서', children: n(result.forms, '장') },
              { key: 's', label: '수신거부', children: n(result.suppressions, '건') },
              { key: 'b', label: '수신거부가 우선한 동의', children: n(result.blockedConsents, '건') },
              { key: 'c', label: '검토할 충돌', children: n(result.conflicts, '건') },
              { key: 'd', label: '이미 있던 것', children: n(result.duplicatesIgnored, '건') },
              { key: 'u', label: '모르는 기준 자료', children: n(result.unknownReferences, '건') },
            ]}
          />
          <Flex gap={8} style={{ marginTop: 12 }}>
            <Button
              loading={receipt.isPending}
              onClick={() =>
                receipt.mutate(
                  { stationId: result.station.id },
                  {
                    onSuccess: (r) => {
                      if (r.base64) saveBase64(r.fileName, r.base64, OCTET);
                      message.success(`수령증(꾸러미 ${r.packages}개)을 만들었습니다. 접수처에 전하세요.`);
                    },
                    onError: (e) => message.error(errorMessage(e)),
                  },
                )
              }
            >
              {result.station.name} 수령증 만들기
            </Button>
          </Flex>
        </div>
      )}
    </Card>
  );
}
