import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addDays, chinaToday } from "../../lib/core/quarters";
import { formatChineseDate } from "../../lib/core/dates";
import { freePort } from "../../scripts/lib/test-database";
import { PASSWORD, storageStateOf, type E2eAccount } from "./accounts";

/**
 * Milestone lights follow the day the app judges by. 省水利厅 (no other spec writes its measures)
 * plans a milestone two weeks from today by the real clock; once accepted it reads 即将到期 on the
 * run's server (task page and its timeline, 我的待办, the dashboard's 节点 panel). A second
 * production server on this run's build and database, started with APP_TODAY 45 days ahead, shows
 * the same milestone 滞后 on the dashboard, the leaders' on-time view and 我的待办.
 */
const realToday = chinaToday(new Date());
const due = addDays(realToday, 14);
const later = addDays(realToday, 45);
const year = Number(due.slice(0, 4));
const TITLE = "完成灌区续建配套节水改造年度验收";
const main = (page: Page) => page.getByRole("main");

async function pageAs(browser: Browser, account: E2eAccount) {
  const context = await browser.newContext({ storageState: storageStateOf(account) });
  return { context, page: await context.newPage() };
}

test.describe.serial("milestone lights and the injected day", () => {
  let taskNumber = 0;

  test("省水利厅 plans a milestone due in two weeks and the reviewer accepts it", async ({ browser }) => {
    const staff = await pageAs(browser, "provincialStaff");
    await staff.page.goto(`/measures?year=${year}`);
    const links = staff.page.getByRole("link", { name: new RegExp(`^任务 \\d+ 的${year}年举措$`) });
    const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
    // Not the tasks the review-chain spec gives two review levels.
    taskNumber = hrefs.map((href) => Number(/^\/measures\/(\d+)\//.exec(href)![1])).find((number) => number !== 36 && number !== 37)!;
    await staff.page.goto(`/measures/${taskNumber}/${year}`);
    const measure = main(staff.page).getByRole("group", { name: "举措 1" });
    await measure.getByLabel("举措内容").fill("推进大中型灌区续建配套与现代化改造");
    await measure.getByLabel("责任人（姓名、职务）").fill("省水利厅 农水处处长");
    const milestone = measure.getByRole("group", { name: /^节点 1/ });
    await milestone.getByLabel("节点名称").fill(TITLE);
    await milestone.getByLabel("计划完成日期").fill(due);
    await milestone.getByLabel(/完成标志/).fill("验收意见");
    await staff.page.getByRole("button", { name: "提交审核" }).click();
    await expect(staff.page).toHaveURL(new RegExp(`/measures/${taskNumber}/${year}\\?submitted=\\d+$`));
    await staff.context.close();

    const reviewer = await pageAs(browser, "reviewer");
    await reviewer.page.goto("/review/measures");
    const list = main(reviewer.page).getByRole("region", { name: `任务 ${taskNumber}（省水利厅，${year}年）` });
    await list.getByRole("button", { name: "审核通过" }).click();
    await expect(list).toBeHidden();
    await reviewer.context.close();
  });

  test("on the run's server it reads 即将到期: task page and timeline, 我的待办, the dashboard", async ({ browser }) => {
    const reviewer = await pageAs(browser, "reviewer");
    await reviewer.page.goto(`/tasks/${taskNumber}`);
    const section = main(reviewer.page).getByRole("region", { name: `省水利厅${year}年举措` });
    await expect(section.getByRole("row").filter({ hasText: TITLE })).toContainText("即将到期");
    const timeline = main(reviewer.page).getByRole("figure", { name: /节点时间轴/ });
    // The marker's text: its shape is decoration, the words say it all.
    await expect(timeline.getByRole("list", { name: "省水利厅的节点" }).getByRole("listitem")).toContainText(
      `${TITLE}，计划完成 ${formatChineseDate(due)}，即将到期`,
    );
    await expect(timeline).toContainText(`今天（${formatChineseDate(realToday)}）`);
    await reviewer.context.close();

    const staff = await pageAs(browser, "provincialStaff");
    await staff.page.goto("/my");
    const alerts = main(staff.page).getByRole("region", { name: /举措节点提醒/ });
    const alert = alerts.getByRole("row").filter({ hasText: TITLE });
    await expect(alert.getByRole("cell").nth(3)).toHaveText(formatChineseDate(due));
    await expect(alert.getByRole("cell").nth(4)).toContainText("即将到期");
    await staff.context.close();

    const leader = await pageAs(browser, "leader");
    await leader.page.goto("/dashboard?unit=slt");
    const panel = main(leader.page).getByRole("region", { name: "举措节点" });
    await expect(panel.getByRole("listitem").filter({ hasText: "即将到期" })).toContainText("1 个");
    await expect(panel.getByRole("listitem").filter({ hasText: "滞后" })).toContainText("0 个");
    await leader.context.close();
  });

  test(`on a second server with APP_TODAY=${later} the dashboard and 我的待办 show it 滞后`, async ({ browser }) => {
    test.setTimeout(180_000);
    const databaseUrl = process.env.E2E_DATABASE_URL;
    expect(databaseUrl, "npm test passes the run's database in E2E_DATABASE_URL").toBeTruthy();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server: ChildProcess = spawn(
      process.execPath,
      [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
      {
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: databaseUrl,
          NEXTAUTH_URL: base,
          NEXTAUTH_SECRET: `e2e-today-${randomBytes(16).toString("hex")}`,
          APP_TODAY: later,
          STATUS_SNAPSHOT_SCHEDULE: "off",
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect
        .poll(async () => (await fetch(`${base}/login`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [250] })
        .toBe(200);
      expect(output).toContain(`APP_TODAY=${later}`);

      const signIn = async (username: string) => {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${base}/login`);
        await page.getByLabel("用户名").fill(username);
        await page.getByLabel("密码").fill(PASSWORD);
        await page.getByRole("button", { name: "登录" }).click();
        await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
        return { context, page };
      };

      const leader = await signIn("leader");
      await leader.page.goto(`${base}/dashboard?unit=slt`);
      const panel = main(leader.page).getByRole("region", { name: "举措节点" });
      await expect(panel).toContainText(`截至 ${formatChineseDate(later)}`);
      await expect(panel.getByRole("listitem").filter({ hasText: "滞后" })).toContainText("1 个");
      await expect(panel.getByRole("listitem").filter({ hasText: "即将到期" })).toContainText("0 个");
      await panel.getByRole("link", { name: "各篇章、省直单位、设区市节点按期完成情况" }).click();
      await expect(leader.page.getByRole("heading", { level: 1 })).toHaveText(`举措节点按期完成情况（截至 ${formatChineseDate(later)}）`);
      const provincial = main(leader.page).getByRole("table", { name: "省直单位" });
      const row = provincial.getByRole("row").filter({ hasText: "省水利厅" });
      await expect(row.getByRole("cell")).toHaveText([/第 \d+ 名/, "省水利厅", "1", "0", "0", "0%"]);
      await leader.context.close();

      const staff = await signIn("slt");
      await staff.page.goto(`${base}/my`);
      const alerts = main(staff.page).getByRole("region", { name: /举措节点提醒（滞后 1 个/ });
      const alert = alerts.getByRole("row").filter({ hasText: TITLE });
      await expect(alert.getByRole("cell").nth(3)).toHaveText(formatChineseDate(due));
      await expect(alert.getByRole("cell").nth(4)).toContainText("滞后");
      await expect(alert.getByRole("link", { name: TITLE })).toHaveAttribute("href", `/measures/${taskNumber}/${year}`);
      await expect(main(staff.page).getByText("节点滞后 1 个").first()).toBeVisible();
      await staff.context.close();
    } finally {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }
    }
  });
});
