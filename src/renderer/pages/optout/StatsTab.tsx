import { App, Button, Card, Empty, Flex, Form, Input, Modal, Table } from 'antd';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatNumber } from '../../lib/format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

type Month = { month: string; messages: number; applied: number; people: number };

function MonthChart({ rows }: { rows: Month[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.month),
        datasets: [
          { label: '받은 요청', data: rows.map((r) => r.messages), backgroundColor: '#91caff' },
          { label: '적용', data: rows.map((r) => r.applied), backgroundColor: '#1677ff' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true } },
      },
    });
    return () => chart.destroy();
  }, [rows]);
  return (
    <div style={{ height: 240 }}>
      <canvas ref={canvas} role="img" aria-label="월별 수신거부 막대 그래프" />
    </div>
  );
}

function download(fileName: string, base64: string) {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 통계: by month (table + bar chart), source, field, campaign; xlsx export with a reason. */
export function StatsTab() {
  const { message } = App.useApp();
  const stats = useInvoke('optout.stats', {});
  const [exporting, setExporting] = useState(false);
  const [reason, setReason] = useState('');
  const exp = useInvokeMutation('optout.export');
  const s = stats.data;
  const n = (v: number | null) => (v == null ? '' : formatNumber(v));

  const doExport = () =>
    exp.mutate(
      { reason },
      {
        onSuccess: (r) => {
          download(r.fileName, r.base64);
          message.success(`${formatNumber(r.rows)}건을 엑셀로 내려받았습니다.`);
          setExporting(false);
          setReason('');
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  return (
    <Flex vertical gap={16}>
      <Flex justify="flex-end">
        <Button onClick={() => setExporting(true)}>엑셀 내려받기</Button>
      </Flex>
      <Card title="월별" size="small" loading={stats.isLoading}>
        {s && s.perMonth.length > 0 ? (
          <>
            <MonthChart rows={s.perMonth} />
            <Table
              size="small"
              rowKey="month"
              pagination={false}
              dataSource={s.perMonth}
              columns={[
                { title: '월', dataIndex: 'month' },
                { title: '받은 요청', dataIndex: 'messages', align: 'right', render: n },
                { title: '적용', dataIndex: 'applied', align: 'right', render: n },
                { title: '사람 수', dataIndex: 'people', align: 'right', render: n },
              ]}
            />
          </>
        ) : (
          <Empty description="아직 받은 수신거부가 없습니다" />
        )}
      </Card>
      <Flex gap={16} wrap>
        <Card title="경로별" size="small" style={{ flex: 1, minWidth: 360 }}>
          <Table
            size="small"
            rowKey="source"
            pagination={false}
            dataSource={s?.perSource ?? []}
            columns={[
              { title: '경로', dataIndex: 'label' },
              { title: '받은 요청', dataIndex: 'messages', align: 'right', render: n },
              { title: '적용', dataIndex: 'applied', align: 'right', render: n },
            ]}
          />
        </Card>
        <Card title="분야별" size="small" style={{ flex: 1, minWidth: 360 }}>
          <Table
            size="small"
            rowKey="fieldId"
            pagination={false}
            dataSource={s?.perField ?? []}
            columns={[
              { title: '분야', dataIndex: 'name' },
              { title: '문자', dataIndex: 'sms', align: 'right', render: n },
              { title: '이메일', dataIndex: 'email', align: 'right', render: n },
            ]}
          />
        </Card>
      </Flex>
      <Card title="캠페인별" size="small">
        {s && !s.perCampaign.available ? (
          <Empty description="발송 기록이 없어 캠페인별로 나눌 수 없습니다" />
        ) : (
          <Table
            size="small"
            rowKey="campaignId"
            pagination={false}
            dataSource={s?.perCampaign.items ?? []}
            columns={[
              { title: '캠페인', dataIndex: 'name' },
              { title: '수신거부', dataIndex: 'optouts', align: 'right', render: n },
              { title: '받은 사람', dataIndex: 'recipients', align: 'right', render: n },
            ]}
          />
        )}
      </Card>
      <Modal
        title="수신거부 내역 엑셀 내려받기"
        open={exporting}
        onCancel={() => setExporting(false)}
        okText="내려받기"
        cancelText="취소"
        okButtonProps={{ disabled: reason.trim().length < 2, loading: exp.isPending }}
        onOk={doExport}
        destroyOnHidden
      >
        <Form layout="vertical" component="div">
          <Form.Item
            label="내려받는 사유"
            htmlFor="optout-export-reason"
            extra="개인정보가 담긴 파일이라 사유를 기록합니다."
          >
            <Input
              id="optout-export-reason"
              value={reason}
              maxLength={200}
              onChange={(e) => setReason(e.target.value)}
              placeholder="예: 분기 수신거부 현황 보고"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
