"use client";

import dynamic from "next/dynamic";

/** The chart library loads after the page is usable (the same figures are in the table below it). */
export const SectionChart = dynamic(() => import("./section-chart").then((module) => module.SectionChart), {
  ssr: false,
  loading: () => <div className="h-[200px] animate-pulse rounded bg-slate-100" aria-hidden="true" />,
});
