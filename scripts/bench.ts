/**
 * `npm run bench [-- name…]`: performance figures, printed with their targets. Not part of
 * `npm test` (tests assert behaviour, never timings).
 */
import { benchDashboard } from "./bench/dashboard";
import { benchSubmit } from "./bench/submit";

/** `national` (31 provinces' worth, ~3.8 M reports) is run only when named: it takes minutes to seed. */
const BENCHES = { submit: benchSubmit, dashboard: benchDashboard, national: benchDashboard } as const;
type BenchName = keyof typeof BENCHES;

const requested = process.argv.slice(2).filter((name): name is BenchName => name in BENCHES);
const names = requested.length ? requested : (["submit", "dashboard"] as BenchName[]);

for (const name of names) {
  if (name === "national") {
    const result = await benchDashboard(15, 31);
    console.log(`\n[bench] leaders' dashboard at national scale: ${result.reports} reports (31 provinces' worth), 15 requests each`);
    console.log(
      `  /dashboard median ${result.dashboardMedianMs.toFixed(0)} ms; trivial signed-in page /help median ${result.trivialMedianMs.toFixed(0)} ms`,
    );
    console.log(`  ratio ${result.ratio.toFixed(1)}× (target ≤ 3×)`);
    continue;
  }
  if (name === "submit") {
    const result = await benchSubmit();
    console.log(`\n[bench] submit path (zod + unit check + transaction + revision + audit), ${result.samples} reports`);
    console.log(`  median ${result.submitMedianMs.toFixed(1)} ms, p95 ${result.submitP95Ms.toFixed(1)} ms`);
    console.log(`  raw pg INSERT of the same row: median ${result.rawInsertMedianMs.toFixed(2)} ms`);
    console.log(`  ratio ${result.ratio.toFixed(1)}× (target ≤ 3×)`);
  }
  if (name === "dashboard") {
    const result = await benchDashboard();
    console.log(`\n[bench] leaders' dashboard on ${result.reports} reports, ${result.samples} requests each, time to last byte`);
    console.log(
      `  /dashboard median ${result.dashboardMedianMs.toFixed(0)} ms; trivial signed-in page /help median ${result.trivialMedianMs.toFixed(0)} ms`,
    );
    console.log(`  ratio ${result.ratio.toFixed(1)}× (target ≤ 2×)`);
    console.log(`  annual report 2026 (.docx over all ${result.reports} reports) median ${result.annualReportMs.toFixed(0)} ms`);
    console.log(`  app server peak resident memory ${result.peakRssMb.toFixed(0)} MB (target ≤ 1024 MB)`);
    console.log(`  first-load JavaScript, gzipped (target ≤ 250 kB for the dashboard):`);
    for (const [route, kb] of Object.entries(result.firstLoadKb)) console.log(`    ${route.padEnd(18)} ${kb} kB`);
    console.log(`  Lighthouse (desktop, Debian Chromium, offline; target ≥ 95 each):`);
    for (const [route, score] of Object.entries(result.lighthouse)) {
      console.log(
        `    ${route.padEnd(18)} performance ${score.performance}, accessibility ${score.accessibility}${score.failing.length ? `; below 90: ${score.failing.join(", ")}` : ""}`,
      );
    }
  }
}
process.exit(0);
