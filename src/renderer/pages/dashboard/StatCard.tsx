import { Card, Statistic } from 'antd';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format';

interface Props {
  label: string;
  value: number;
  unit?: string;
  /** hash route the card opens, if any */
  link?: string | null;
  tone?: 'normal' | 'warn';
}

/** One number on the dashboard; the whole card is a link when it leads somewhere. */
export function StatCard({ label, value, unit, link, tone = 'normal' }: Props) {
  const card = (
    <Card hoverable={!!link} style={{ height: '100%' }}>
      <Statistic
        title={label}
        value={value}
        formatter={(v) => formatNumber(Number(v))}
        suffix={unit}
        styles={{ content: { color: tone === 'warn' && value > 0 ? '#c2410c' : undefined } }}
      />
    </Card>
  );
  if (!link) return card;
  return (
    <Link to={link.replace(/^#/, '')} aria-label={`${label} ${formatNumber(value)}${unit ?? ''}`}>
      {card}
    </Link>
  );
}
