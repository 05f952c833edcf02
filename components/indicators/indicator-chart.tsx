"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ReferenceDot, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import type { IndicatorChartData } from "@/lib/indicators/chart-data";

const yearTick = (value: number) => String(Math.round(value));

/** Observed values, targets, the required path to each target and the current pace. */
export function IndicatorChart({
  data,
  measureUnit,
  title,
  height = 320,
}: {
  data: IndicatorChartData;
  measureUnit: string;
  title: string;
  height?: number;
}) {
  return (
    <figure aria-label={`${title}走势图（数据见下表）`} className="w-full">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart margin={{ top: 16, right: 72, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            type="number"
            dataKey="x"
            domain={data.domain}
            tickFormatter={yearTick}
            allowDecimals={false}
            tickCount={Math.min(12, data.domain[1] - data.domain[0] + 1)}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={["auto", "auto"]}
            width={56}
            label={{ value: measureUnit, angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={(value) => [`${String(value)} ${measureUnit}`]} labelFormatter={(label) => `${yearTick(Number(label))}年`} />
          <Legend />
          <Line data={data.observed} dataKey="y" name="实际值" stroke="#0f5132" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
          {data.forecast.length > 0 && (
            <Line
              data={data.forecast}
              dataKey="y"
              name="按当前速度"
              stroke="#b45309"
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          {data.required.map((path) => (
            <Line
              key={path.year}
              data={path.points}
              dataKey="y"
              name={`达到${path.year}年目标所需路径`}
              stroke="#1d4ed8"
              strokeDasharray="2 3"
              dot={false}
              isAnimationActive={false}
            />
          ))}
          <Scatter data={data.targets} dataKey="y" name="目标" fill="#b91c1c" shape="diamond" isAnimationActive={false} />
          {data.targets.map((target) => (
            <ReferenceDot
              key={target.label}
              x={target.x}
              y={target.y}
              r={0}
              label={{ value: target.label, position: "top", fontSize: 12, fill: "#7f1d1d" }}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** A small chart of one city's observed values (per-city small multiples). */
export function CitySparkline({ data, name }: { data: IndicatorChartData; name: string }) {
  return (
    <figure aria-label={`${name}走势`}>
      <ResponsiveContainer width="100%" height={120}>
        <ComposedChart margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis type="number" dataKey="x" domain={data.domain} tickFormatter={yearTick} tick={{ fontSize: 10 }} />
          <YAxis type="number" dataKey="y" domain={["auto", "auto"]} width={32} tick={{ fontSize: 10 }} />
          <Line data={data.observed} dataKey="y" stroke="#0f5132" dot={{ r: 3 }} isAnimationActive={false} />
          <Scatter data={data.targets} dataKey="y" fill="#b91c1c" shape="diamond" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
