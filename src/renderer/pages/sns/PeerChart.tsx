import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { SnsPeerMetric } from '../../../shared/contract/sns';
import { formatNumber } from '../../lib/format';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);

const OTHERS = '#1f5fa8';
const MINE = '#e07b24';

/** Every ward's figure for one metric, highest first, this ward's bar in orange. */
export function PeerChart({ metric, ward }: { metric: SnsPeerMetric; ward: string }) {
  const avg = metric.average === null ? null : Math.round(metric.average);
  const caption = `${metric.label} — ${ward} ${metric.rank === null ? '수치 없음' : `${metric.wards}개 구 중 ${metric.rank}위`}${avg === null ? '' : `, 평균 ${formatNumber(avg)}`}`;
  const data = {
    labels: metric.values.map((v) => v.ward),
    datasets: [
      {
        label: metric.label,
        data: metric.values.map((v) => v.value),
        backgroundColor: metric.values.map((v) => (v.ward === ward ? MINE : OTHERS)),
      },
    ],
  };
  const options = {
    maintainAspectRatio: false,
    responsive: true,
    animation: false as const,
    plugins: { legend: { display: false } },
    scales: { x: { ticks: { autoSkip: false, maxRotation: 60, minRotation: 45 } } },
  };
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 6 }}>{caption}</figcaption>
      <div style={{ height: 280 }} role="img" aria-label={caption}>
        <Bar data={data} options={options} />
      </div>
    </figure>
  );
}
