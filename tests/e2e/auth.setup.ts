/** Signs in once per role through the real form and stores each session for the specs. */
import { expect, test as setup } from "@playwright/test";
import { E2E_ACCOUNTS, PASSWORD, storageStateOf, type E2eAccount } from "./accounts";

for (const [account, username] of Object.entries(E2E_ACCOUNTS) as [E2eAccount, string][]) {
  setup(`sign in as ${account}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    // Signing in hashes the password (argon2): on a loaded two-core machine the first ones take a while.
    await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
    await page.context().storageState({ path: storageStateOf(account) });
  });
}
