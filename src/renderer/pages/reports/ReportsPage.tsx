import { DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Row,
  Select,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { formatReportCell, type ReportSection } from '../../../shared/contract/reports';
import { invoke } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { downloadFile } from '../../lib/download';
import { printHtml } from '../../lib/print';
import { ReportChart } from './ReportChart';

function SectionTable({ s }: { s: ReportSection }) {
  const columns = s.columns.map((c) => ({
    title: c.label,
    dataIndex: c.key,
    key: c.key,
    align: c.format === 'text' ? ('left' as const) : ('right' as const),
    render: (v: string | number | null) => formatReportCell(v, c),
  }));
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 15, margin: 0 }}>{s.title}</h2>}
      style={{ marginBottom: 16 }}
    >
      <Table
        size="small"
        columns={columns}
        dataSource={s.rows.map((r, i) => ({ ...r, __k: i }))}
        rowKey="__k"
        pagination={s.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '자료가 없습니다.' }}
        summary={() =>
          s.totals ? (
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              {s.columns.map((c, i) => (
                <Table.Summary.Cell key={c.key} index={i} align={c.format === 'text' ? 'left' : 'right'}>
                  {formatReportCell(s.totals?.[c.key], c)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      {s.note && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          ※ {s.note}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 보고서: pick a report and a period, read its charts and tables, print on A4 or save as Excel/PDF. */
export function ReportsPage() {
  const { message } = App.useApp();
  const params = useParams();
  const navigate = useNavigate();
  const list = useInvoke('reports.list', {});
  const name = params.name ?? list.data?.[0]?.name ?? '';
  const info = list.data?.find((r) => r.name === name);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  // Filters belong to one report: switching report starts from none.
  const [picked, setPicked] = useState<{ name: string; filters: Record<string, string> }>({
    name,
    filters: {},
  });
  const filters = picked.name === name ? picked.filters : {};
  const setFilters = (fn: (old: Record<string, string>) => Record<string, string>) =>
    setPicked({ name, filters: fn(filters) });
  const req = useMemo(
    () => ({ name, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), filters }),
    [name, range, filters],
  );
  const report = useInvoke('reports.run', req, { enabled: !!info });
  const xlsx = useInvokeMutation('reports.exportXlsx');
  const pdf = useInvokeMutation('reports.pdf');
  const [printing, setPrinting] = useState(false);

  const fail = (e: unknown) => message.error(errorMessage(e));
  const onXlsx = () =>
    xlsx.mutate(req, { onSuccess: (r) => downloadFile(r.file).catch(fail), onError: fail });
  const onPdf = () => pdf.mutate(req, { onSuccess: (r) => downloadFile(r.file).catch(fail), onError: fail });
  const onPrint = async () => {
    setPrinting(true);
    try {
      await printHtml((await invoke('reports.printHtml', req)).html);
    } catch (e) {
      fail(e);
    } finally {
      setPrinting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="보고서"
        description="기간을 골라 통계를 보고, A4로 인쇄하거나 엑셀·PDF로 저장합니다."
        extra={
          <>
            <Button icon={<PrinterOutlined />} onClick={onPrint} loading={printing} disabled={!report.data}>
              인쇄
            </Button>
            <Button
              icon={<FilePdfOutlined />}
              onClick={onPdf}
              loading={pdf.isPending}
              disabled={!report.data}
            >
              PDF로 저장
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={onXlsx}
              loading={xlsx.isPending}
              disabled={!report.data}
            >
              엑셀로 저장
            </Button>
          </>
        }
      />
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} name="report-filters">
        <Form.Item label="보고서" htmlFor="report-name">
          <Select
            id="report-name"
            style={{ width: 240 }}
            value={name || undefined}
            loading={list.isPending}
            options={list.data?.map((r) => ({ value: r.name, label: r.title }))}
            onChange={(v) => navigate(`/reports/${v}`)}
          />
        </Form.Item>
        <Form.Item label="기간" htmlFor="report-period">
          <DatePicker.RangePicker
            id="report-period"
            value={range}
            format="YYYY.MM.DD"
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        </Form.Item>
        {info?.filters
          .filter((f) => f.options?.length)
          .map((f) => (
            <Form.Item key={f.key} label={f.label} htmlFor={`report-filter-${f.key}`}>
              <Select
                id={`report-filter-${f.key}`}
                style={{ width: 180 }}
                allowClear
                placeholder="전체"
                value={filters[f.key]}
                options={f.options}
                onChange={(v) =>
                  setFilters((old) => {
                    const next = { ...old };
                    if (v) next[f.key] = v;
                    else delete next[f.key];
                    return next;
                  })
                }
              />
            </Form.Item>
          ))}
      </Form>
      {info && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {info.description}
        </Typography.Paragraph>
      )}
      {report.isFetching && !report.data && <Skeleton active />}
      {report.isError && <Alert type="error" showIcon title={report.error.message} />}
      {report.data && (
        <section aria-label={report.data.title}>
          {report.data.charts.length > 0 && (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {report.data.charts.map((c) => (
                <Col key={c.title} xs={24} xl={12}>
                  <Card size="small">
                    <ReportChart chart={c} />
                  </Card>
                </Col>
              ))}
            </Row>
          )}
          {report.data.sections.length === 0 ? (
            <Empty description="자료가 없습니다." />
          ) : (
            report.data.sections.map((s) => <SectionTable key={s.title} s={s} />)
          )}
          <Flex justify="flex-end">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {report.data.wardName} · {report.data.period.from.replaceAll('-', '.')} ~{' '}
              {report.data.period.to.replaceAll('-', '.')}
            </Typography.Text>
          </Flex>
        </section>
      )}
    </>
  );
}
