/**
 * The leaders' dashboard at volume: server time (to the last byte of the streamed page, over
 * loopback) of /dashboard against a trivial signed-in page (/help) on the same production server,
 * on the `meili_bench` database (`npm run bench:seed` data), measured in one run.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { startLocalApp } from "../lib/app-server";
import { seedBenchDatabase } from "./seed";
import { signIn } from "../lib/http-sign-in";
import { percentile } from "../lib/percentile";

export interface DashboardBenchResult {
  reports: number;
  dashboardMedianMs: number;
  trivialMedianMs: number;
  ratio: number;
  samples: number;
  /** Building a year's Word report from the same data, over HTTP. */
  annualReportMs: number;
  /** The app server's peak resident memory over the whole run. */
  peakRssMb: number;
  /** First-load JavaScript per route, gzipped, in kB. */
  firstLoadKb: Record<string, number>;
  /** Lighthouse (desktop) performance and accessibility scores per route. */
  lighthouse: Record<string, { performance: number; accessibility: number; failing: string[] }>;
}

/** Lighthouse in Debian's Chromium, offline, signed in through the session cookie. */
async function lighthouseScores(baseUrl: string, routes: string[], cookie: string) {
  const { default: lighthouse } = await import("lighthouse");
  const { default: desktop } = await import("lighthouse/core/config/desktop-config.js");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const scores: DashboardBenchResult["lighthouse"] = {};
  try {
    for (const route of routes) {
      const result = await lighthouse(
        `${baseUrl}${route}`,
        {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
          extraHeaders: route === "/login" ? {} : { Cookie: cookie },
        },
        desktop,
      );
      const lhr = result!.lhr;
      const failing = Object.values(lhr.audits)
        .filter(
          (audit) =>
            audit.score !== null &&
            audit.score < 0.9 &&
            audit.scoreDisplayMode !== "informative" &&
            audit.scoreDisplayMode !== "notApplicable",
        )
        .map((audit) => audit.id);
      scores[route] = {
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        failing,
      };
    }
  } finally {
    chrome.kill();
  }
  return scores;
}

/** The scripts a route's HTML loads, fetched and gzipped as the server would send them. */
async function firstLoadJs(baseUrl: string, route: string, cookie: string): Promise<number> {
  const html = await (await fetch(`${baseUrl}${route}`, { headers: { Cookie: cookie } })).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((match) => match[1]!))];
  let bytes = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, baseUrl))).arrayBuffer());
    bytes += gzipSync(body, { level: 6 }).length;
  }
  return Math.round(bytes / 1024);
}

const median = (values: number[]) => percentile(values, 50);

async function timed(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

export async function benchDashboard(samples = 15, provinces = 1): Promise<DashboardBenchResult> {
  const bench = await seedBenchDatabase(() => {}, provinces);
  const local = await startLocalApp(bench.url);
  const { app, baseUrl } = local;
  try {
    const cookie = await signIn(baseUrl, "leader");
    const dashboard = `${baseUrl}/dashboard`;
    const trivial = `${baseUrl}/help`;
    for (let warm = 0; warm < 3; warm += 1) {
      await timed(dashboard, cookie);
      await timed(trivial, cookie);
    }
    const dashboardTimes: number[] = [];
    const trivialTimes: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      dashboardTimes.push(await timed(dashboard, cookie));
      trivialTimes.push(await timed(trivial, cookie));
    }
    const dashboardMedianMs = median(dashboardTimes);
    const trivialMedianMs = median(trivialTimes);
    // The rest is measured on the Jiangxi data only.
    const full = provinces === 1;
    const annualTimes: number[] = [];
    if (full)
      for (let sample = 0; sample < 3; sample += 1) annualTimes.push(await timed(`${baseUrl}/api/v1/reports/annual/2026.docx`, cookie));
    const firstLoadKb: Record<string, number> = {};
    if (full) {
      for (const route of ["/login", "/tasks", "/dashboard", "/indicators/PM25", "/annual/2026"]) {
        firstLoadKb[route] = await firstLoadJs(baseUrl, route, route === "/login" ? "" : cookie);
      }
    }
    const lighthouse = full ? await lighthouseScores(baseUrl, ["/login", "/tasks", "/dashboard"], cookie) : {};
    const status = readFileSync(`/proc/${app.pid}/status`, "utf8");
    const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    return {
      reports: bench.reports,
      dashboardMedianMs,
      trivialMedianMs,
      ratio: dashboardMedianMs / trivialMedianMs,
      samples,
      annualReportMs: annualTimes.length ? median(annualTimes) : NaN,
      peakRssMb,
      firstLoadKb,
      lighthouse,
    };
  } finally {
    await local.stop();
    await bench.stop();
  }
}
