// Display formats the office uses: 2026.03.02, 2026.03.02 09:30, 010-1234-5678, 1,234.
export { formatDate, formatDateTime } from '../../shared/text/dates';
export { formatPhone } from '../../shared/text/phone';

const numberFormat = new Intl.NumberFormat('ko-KR');
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
