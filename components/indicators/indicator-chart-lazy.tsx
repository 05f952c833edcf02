"use client";

import dynamic from "next/dynamic";

const placeholder = (height: number) =>
  function ChartPlaceholder() {
    return <div style={{ height }} className="animate-pulse rounded bg-slate-100" aria-hidden="true" />;
  };

/** Charts load their library after the page is usable; their data is in the table beside them. */
export const IndicatorChart = dynamic(() => import("./indicator-chart").then((module) => module.IndicatorChart), {
  ssr: false,
  loading: placeholder(320),
});
export const CitySparkline = dynamic(() => import("./indicator-chart").then((module) => module.CitySparkline), {
  ssr: false,
  loading: placeholder(120),
});
