import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Bar, Line, Pie } from 'react-chartjs-2';
import type { ReportChart as ChartModel } from '../../../shared/contract/reports';

ChartJS.register(
  CategoryScale,
  LinearScale,
  BarElement,
  LineElement,
  PointElement,
  ArcElement,
  Tooltip,
  Legend,
);

// The same palette as the printed SVG charts (src/main/reports/print/svgChart.ts).
const PALETTE = ['#1f5fa8', '#e07b24', '#2e9a5b', '#b8404a', '#7b5ea7', '#8a6d3b', '#3a9fb0', '#777777'];

/** One chart of a report, drawn by chart.js from the report's series. */
export function ReportChart({ chart }: { chart: ChartModel }) {
  const datasets = chart.series.map((s, i) => ({
    label: s.label,
    data: s.data,
    backgroundColor:
      chart.type === 'pie'
        ? chart.labels.map((_, k) => PALETTE[k % PALETTE.length])
        : PALETTE[i % PALETTE.length],
    borderColor: PALETTE[i % PALETTE.length],
  }));
  const data = { labels: chart.labels, datasets };
  const options = {
    maintainAspectRatio: false,
    responsive: true,
    animation: false as const,
    plugins: { legend: { display: chart.type === 'pie' || chart.series.length > 1 } },
    ...(chart.percent && chart.type !== 'pie' ? { scales: { y: { min: 0, max: 100 } } } : {}),
  };
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 6 }}>{chart.title}</figcaption>
      <div style={{ height: 240 }} role="img" aria-label={chart.title}>
        {chart.type === 'pie' ? (
          <Pie data={data} options={options} />
        ) : chart.type === 'line' ? (
          <Line data={data} options={options} />
        ) : (
          <Bar data={data} options={options} />
        )}
      </div>
    </figure>
  );
}
