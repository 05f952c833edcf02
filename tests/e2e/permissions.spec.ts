import { expect, test } from "@playwright/test";
import { storageStateOf, type E2eAccount } from "./accounts";

const forbidden: { account: E2eAccount; path: string }[] = [
  { account: "provincialStaff", path: "/admin/users" },
  { account: "cityStaff", path: "/admin/users" },
  { account: "cityStaff", path: "/audit" },
  { account: "reviewer", path: "/admin/users" },
  { account: "leader", path: "/admin/users" },
  { account: "auditor", path: "/tasks" },
  { account: "auditor", path: "/admin/users" },
  { account: "admin", path: "/audit" },
];

for (const { account, path } of forbidden) {
  test(`${account} cannot open ${path}`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf(account) });
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("无权访问");
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "用户管理" })).toHaveCount(0);
    await context.close();
  });
}

test.describe("admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("marks a lead unit on a task, and the change is audited", async ({ page, browser }) => {
    await page.goto("/tasks/3");
    await expect(page.locator("dt", { hasText: "牵头单位" }).locator("xpath=..")).toContainText("未指定");
    const form = page.getByRole("form", { name: "设置牵头单位" });
    await form.getByLabel("牵头单位").selectOption({ label: "省能源局" });
    await form.getByRole("button", { name: "保存" }).click();
    await expect(page.locator("dt", { hasText: "牵头单位" }).locator("xpath=..")).toContainText("省能源局");
    await expect(page.getByRole("region", { name: "责任单位（按职责分工负责）" })).toContainText("牵头");

    const auditor = await browser.newContext({ storageState: storageStateOf("auditor") });
    const auditPage = await auditor.newPage();
    await auditPage.goto("/audit");
    await expect(auditPage.getByRole("table")).toContainText("省能源局");
    await auditor.close();
  });

  test("opens user management", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("用户管理");
    await expect(page.getByRole("cell", { name: "nanchang", exact: true })).toBeVisible();
  });
});
