/**
 * `npm run report:pdf -- 2026`: builds the year's annual report (.docx) from the database in use
 * (DATABASE_URL, or the embedded one) and converts it to PDF with LibreOffice (Debian's
 * `libreoffice-writer-nogui`), to check how the Word layout renders outside Word. Prints the
 * files written, the time taken and the page count.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabaseServer } from "./lib/database-server";
import { migrateDatabase } from "./lib/setup-database";

const year = Number(process.argv[2] ?? new Date().getFullYear());
const outDir = path.resolve(process.env.REPORT_OUT_DIR ?? ".data/reports");
const server = await openDatabaseServer();
try {
  await migrateDatabase(server.url);
  process.env.DATABASE_URL = server.url;
  const { compileAnnualReport } = await import("../lib/annual/annual-report");
  const { annualReportDocx } = await import("../lib/annual/annual-docx");
  const started = performance.now();
  const docx = await annualReportDocx(await compileAnnualReport(year));
  const built = performance.now() - started;
  mkdirSync(outDir, { recursive: true });
  const docxPath = path.join(outDir, `annual-${year}.docx`);
  writeFileSync(docxPath, docx);
  console.log(`wrote ${docxPath} (${(docx.length / 1024).toFixed(0)} KB) in ${(built / 1000).toFixed(2)} s`);
  try {
    execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", outDir, docxPath], { stdio: "pipe", timeout: 180_000 });
  } catch (error) {
    console.error(
      "LibreOffice (soffice) is needed for the PDF: apt-get install -y libreoffice-writer-nogui",
      error instanceof Error ? error.message : error,
    );
    process.exit(1);
  }
  const pdfPath = docxPath.replace(/\.docx$/, ".pdf");
  let pages = "?";
  try {
    pages = /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" }))?.[1] ?? "?";
  } catch {
    // pdfinfo (poppler-utils) is optional
  }
  console.log(`wrote ${pdfPath} (${pages} pages)`);
} finally {
  await server.stop();
}
process.exit(0);
