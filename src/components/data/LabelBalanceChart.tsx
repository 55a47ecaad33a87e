/** Bar chart of messages per split and class (ham, spam), with labelled axes; no animation. */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';

interface Props {
  rows: { split: string; ham: number; spam: number }[];
  title: string;
}

export function LabelBalanceChart({ rows, title }: Props) {
  return (
    <figure className="balance-chart" aria-label={title}>
      <BarChart width={380} height={240} data={rows} margin={{ top: 8, right: 8, bottom: 28, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="split" label={{ value: 'split', position: 'insideBottom', offset: -16 }} />
        <YAxis label={{ value: 'messages', angle: -90, position: 'insideLeft', offset: -4 }} />
        <Tooltip />
        <Legend verticalAlign="top" />
        <Bar dataKey="ham" name="ham" fill="#2456d6" isAnimationActive={false} />
        <Bar dataKey="spam" name="spam" fill="#b3261e" isAnimationActive={false} />
      </BarChart>
      <figcaption className="small muted">{title}</figcaption>
    </figure>
  );
}
