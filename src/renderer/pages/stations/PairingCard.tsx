import { App, Button, Card, Descriptions, Flex, Form, Typography } from 'antd';
import { useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { fileToBase64, saveBase64 } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import { FileField } from './FileField';

/** 짝 맺기 (admins): hand out this PC's public key, take the other side's; fingerprints to compare by phone. */
export function PairingCard({ status }: { status: ChannelOutput<'stations.status'> }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const out = useInvokeMutation('stations.pairingExport', { invalidates: ['stations.status'] });
  const inn = useInvokeMutation('stations.pairingImport', {
    invalidates: ['stations.status', 'stations.overview', 'stations.silent'],
  });
  return (
    <Card title="짝 맺기" size="small">
      <Typography.Paragraph type="secondary">
        본청과 접수처가 처음 한 번 짝 맺기 파일을 주고받습니다. 열쇠 지문이 상대편 화면과 같은지 전화로
        확인하세요.
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'fp', label: '이 PC의 열쇠 지문', children: status.keyFingerprint ?? '아직 없음' },
          {
            key: 'peers',
            label: '짝 맺은 곳',
            children:
              status.peers.length === 0
                ? '없음'
                : status.peers.map((p) => (
                    <div key={p.remoteId}>
                      {p.name} ({p.code}) · 지문 {p.fingerprint} · {formatDateTime(p.pairedAt)}
                    </div>
                  )),
          },
        ]}
      />
      <Flex gap={8} wrap align="end" style={{ marginTop: 12 }}>
        <Button
          loading={out.isPending}
          onClick={() =>
            out.mutate(
              {},
              {
                onSuccess: (r) => {
                  if (r.base64) saveBase64(r.fileName, r.base64, 'application/json');
                  message.success(`짝 맺기 파일을 만들었습니다. 열쇠 지문: ${r.fingerprint}`);
                },
              },
            )
          }
        >
          짝 맺기 파일 만들기
        </Button>
        <Form layout="vertical" component="div" name="station-pair-in" style={{ marginLeft: 24 }}>
          <FileField
            id="station-pair-file"
            label="상대편 짝 맺기 파일"
            file={file}
            onChange={setFile}
            accept=".json,.sotong"
          />
        </Form>
        <Button
          loading={inn.isPending}
          disabled={!file}
          onClick={async () => {
            if (!file) return;
            inn.mutate(
              { base64: await fileToBase64(file) },
              {
                onSuccess: (r) =>
                  message.success(
                    `${r.peer.name} (${r.peer.code})와(과) 짝을 맺었습니다${r.replaced ? ' (이전 열쇠를 바꿈)' : ''}. 지문: ${r.peer.fingerprint}`,
                  ),
              },
            );
          }}
        >
          짝 맺기 파일 가져오기
        </Button>
      </Flex>
      <FormError message={out.error ? errorMessage(out.error) : inn.error ? errorMessage(inn.error) : null} />
    </Card>
  );
}
