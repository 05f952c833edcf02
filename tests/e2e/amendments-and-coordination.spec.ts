import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";

test.describe("plan amendments", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("an amendment moves a task's deadline and the task page's history shows it", async ({ page, request }) => {
    await page.goto("/admin/amendments");
    await page.getByRole("link", { name: "调整任务 52" }).click();
    const form = page.getByRole("form", { name: "调整完成时限" });
    await form.getByLabel("新的完成时限日期").fill("2035-06-30");
    await form.getByLabel("完成时限表述（如 2026年底前）").fill("2035年6月底前");
    await form.getByRole("button", { name: "保存调整完成时限" }).click();
    await expect(form.getByText("请填写依据文件文号")).toBeVisible();
    await expect(form.getByLabel("完成时限表述（如 2026年底前）")).toHaveValue("2035年6月底前");

    await form.getByLabel("依据文件（文号）").fill("赣府厅字〔2026〕12号");
    await form.getByLabel("生效日期").fill("2026-12-02");
    await form.getByLabel("调整原因").fill("按省政府办公厅通知提前完成");
    await form.getByRole("button", { name: "保存调整完成时限" }).click();
    await expect(form.getByRole("status")).toContainText("已将完成时限调整为2035年6月底前（2035年6月30日）");

    await page.goto("/tasks/52");
    await expect(page.locator("dt", { hasText: "完成时限" }).locator("xpath=..")).toContainText("2035年6月底前（2035年6月30日）");
    const history = page.getByRole("region", { name: "计划调整记录" });
    await expect(history.getByRole("row")).toHaveCount(2);
    const row = history.getByRole("row").nth(1);
    await expect(row).toContainText("调整完成时限");
    await expect(row).toContainText("2035年6月30日");
    await expect(row).toContainText("赣府厅字〔2026〕12号");
    await expect(row).toContainText("2026年12月2日");

    const api = await request.get("/api/v1/tasks/52");
    const body = (await api.json()) as { data: { amendments: { kind: string; after: unknown }[] } };
    expect(body.data.amendments).toEqual([
      expect.objectContaining({ kind: "deadline", after: { deadline: { text: "2035年6月底前", date: "2035-06-30" } } }),
    ]);
  });

  test("an amendment effective later waits as 待生效 with the plan unchanged, and the admin withdraws it", async ({ page, request }) => {
    await page.goto("/admin/amendments/54");
    const current = page.getByText(/^现行计划：完成时限/);
    const planBefore = await current.textContent();
    const form = page.getByRole("form", { name: "调整完成时限" });
    await form.getByLabel("新的完成时限日期").fill("2034-06-30");
    await form.getByLabel("完成时限表述（如 2026年底前）").fill("2034年6月底前");
    await form.getByLabel("依据文件（文号）").fill("赣府厅字〔2033〕5号");
    await form.getByLabel("生效日期").fill("2034-01-01");
    await form.getByLabel("调整原因").fill("按规划中期评估结果顺延");
    await form.getByRole("button", { name: "保存调整完成时限" }).click();
    await expect(form.getByRole("status")).toContainText("将于 2034年1月1日 起自动执行，此前仍按现行计划（待生效）");
    await expect(current).toHaveText(planBefore!);

    const history = page.getByRole("region", { name: "计划调整记录" });
    const row = history.getByRole("row").filter({ hasText: "赣府厅字〔2033〕5号" });
    await expect(row).toContainText("待生效");
    const again = await request.get("/api/v1/tasks/54");
    const body = (await again.json()) as { data: { deadline: { date: string }; amendments: { status: string }[] } };
    expect(body.data.amendments.map((amendment) => amendment.status)).toEqual(["pending"]);
    expect(body.data.deadline.date).not.toBe("2034-06-30");

    await row.getByRole("button", { name: "撤销" }).click();
    await expect(row).toContainText("已撤销");
    await expect(row.getByRole("button", { name: "撤销" })).toHaveCount(0);
    await page.goto("/tasks/54");
    await expect(page.getByRole("region", { name: "计划调整记录" }).getByRole("row").nth(1)).toContainText("已撤销");
  });
});

test("a unit raises a coordination problem from its report page and the addressed unit replies", async ({ browser }) => {
  const city = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const cityPage = await city.newPage();
  await cityPage.goto("/progress/53/2026Q4");
  await cityPage.getByText("需协调事项（本单位难以独立解决的问题）").click();
  const raise = cityPage.getByRole("form", { name: "提出需协调事项" });
  await raise.getByLabel("协调对象").selectOption({ label: "省水利厅" });
  await raise.getByLabel("事项名称").fill("防洪工程用地协调");
  await raise.getByLabel("具体问题").fill("城区防洪堤加固涉及省管河段，需省水利厅协调审批。");
  await raise.getByLabel("期望办结日期（可选）").fill("2027-03-31");
  await raise.getByRole("button", { name: "提出需协调事项" }).click();
  await expect(cityPage.getByRole("heading", { level: 1 })).toHaveText("防洪工程用地协调");
  await expect(cityPage.getByText("待答复")).toBeVisible();
  await expect(cityPage.getByText("2027年3月31日")).toBeVisible();
  // The raising unit does not answer its own problem.
  await expect(cityPage.getByRole("form", { name: "答复" })).toHaveCount(0);

  const province = await browser.newContext({ storageState: storageStateOf("provincialStaff") });
  const provincePage = await province.newPage();
  await provincePage.goto("/coordination?status=OPEN");
  await provincePage.getByRole("link", { name: "防洪工程用地协调" }).click();
  const reply = provincePage.getByRole("form", { name: "答复" });
  await reply.getByLabel("答复内容").fill("已安排专人对接，2027年1月底前完成审批。");
  await reply.getByRole("button", { name: "提交答复" }).click();
  await expect(provincePage.getByRole("region", { name: "答复" })).toContainText("已安排专人对接");
  await expect(provincePage.locator("main header")).toContainText("已答复");
  await province.close();

  await cityPage.goto("/tasks/53");
  await expect(cityPage.getByRole("region", { name: "需协调事项" })).toContainText("防洪工程用地协调");
  await expect(cityPage.getByRole("region", { name: "需协调事项" })).toContainText("已答复");
  await city.close();
});
