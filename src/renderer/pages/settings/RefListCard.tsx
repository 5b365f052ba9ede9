import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';

interface Props<Row> {
  description: string;
  addLabel: string;
  rows: Row[] | undefined;
  loading: boolean;
  columns: ColumnsType<Row>;
  readOnly: boolean;
  onAdd: () => void;
  onEdit: (row: Row) => void;
}

export const activeColumn = {
  title: '사용',
  dataIndex: 'active',
  width: 90,
  render: (a: boolean) => (a ? <Tag color="success">사용</Tag> : <Tag>사용 안 함</Tag>),
};

/** One reference list (행정동, 분야, 업종, 접수처) with its add button and per-row 수정. */
export function RefListCard<Row extends { id: number | string; name: string }>({
  description,
  addLabel,
  rows,
  loading,
  columns,
  readOnly,
  onAdd,
  onEdit,
}: Props<Row>) {
  const all: ColumnsType<Row> = readOnly
    ? columns
    : [
        ...columns,
        {
          title: '작업',
          key: 'actions',
          width: 80,
          render: (_, r) => (
            <Button type="link" size="small" onClick={() => onEdit(r)} aria-label={`${r.name} 수정`}>
              수정
            </Button>
          ),
        },
      ];
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{description}</Typography.Text>
        {!readOnly && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={onAdd}>
            {addLabel}
          </Button>
        )}
      </Flex>
      <Table<Row>
        rowKey="id"
        size="small"
        columns={all}
        dataSource={rows}
        loading={loading}
        pagination={false}
      />
    </>
  );
}
