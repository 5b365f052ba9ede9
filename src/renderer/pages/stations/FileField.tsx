import { Form, Typography } from 'antd';

/** A labelled native file input (reachable by keyboard, getByLabel in tests). */
export function FileField({
  id,
  label,
  file,
  onChange,
  accept = '.sotong',
}: {
  id: string;
  label: string;
  file: File | null;
  onChange: (f: File | null) => void;
  accept?: string;
}) {
  return (
    <Form.Item label={label} htmlFor={id} required>
      <input id={id} type="file" accept={accept} onChange={(e) => onChange(e.target.files?.[0] ?? null)} />
      {file && <Typography.Text type="secondary"> {file.name}</Typography.Text>}
    </Form.Item>
  );
}
