import { Alert } from 'antd';

/** The one-line Korean error above a form (role=alert so screen readers announce it). */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} role="alert" style={{ marginBottom: 16 }} />;
}
