"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Average completion per section (the same figures are in the table beside it). */
export function SectionChart({ data }: { data: { name: string; percent: number }[] }) {
  return (
    <figure aria-label="各篇章平均完成百分比图（数据见表）">
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={72} />
          <Tooltip formatter={(value) => [`${String(value)}%`, "平均完成"]} />
          <Bar dataKey="percent" fill="#146c43" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
