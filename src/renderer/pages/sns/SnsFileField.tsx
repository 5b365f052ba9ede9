import { Form, Typography } from 'antd';

export const SHEET_ACCEPT = '.xlsx,.csv,.txt';

/** A labelled native file input (keyboard reachable; tests find it by its label). */
export function SnsFileField({
  id,
  label,
  file,
  onChange,
}: {
  id: string;
  label: string;
  file: File | null;
  onChange: (f: File | null) => void;
}) {
  return (
    <Form.Item label={label} htmlFor={id} extra="엑셀(.xlsx) 또는 CSV(UTF-8·CP949) 파일">
      <input
        id={id}
        type="file"
        accept={SHEET_ACCEPT}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      {file && <Typography.Text type="secondary"> {file.name}</Typography.Text>}
    </Form.Item>
  );
}
