import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { fillSettled } from "./fill";

/**
 * The pages people open on a phone (issue 17), at 390 px: 我的待办, the report form, a report,
 * 审核台 and 总览. On each: nothing wider than the screen (the page's own scroll width and a
 * full-page screenshot's width), every control at least 44 px high, and no text squeezed into a
 * column narrower than two characters (the table that once read one character per line).
 * 南昌市 submits task 1 (2026Q4) here, a task of this spec's own, so the queue has a report to show.
 */
const PHONE = { width: 390, height: 844 };
const MIN_TARGET = 44;
const main = (page: Page) => page.getByRole("main");

async function expectFitsThePhone(page: Page, name: string) {
  const widths = await page.evaluate(() => ({
    window: window.innerWidth,
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }));
  // Mobile Chromium widens the layout viewport to fit content that overflows, so innerWidth is checked too.
  expect.soft(widths, "the page scrolls sideways").toEqual({ window: PHONE.width, document: PHONE.width, body: PHONE.width });

  // Controls and links drawn as buttons (a border or a fill), in the page and the header's own buttons.
  const small = await page
    .locator("main :is(button, input, select, textarea, [role=button], a), header button")
    .evaluateAll((elements, min) => {
      const drawnAsButton = (element: Element) => {
        const style = getComputedStyle(element);
        return style.borderTopWidth !== "0px" || style.backgroundColor !== "rgba(0, 0, 0, 0)";
      };
      return (
        elements
          // Not inside a closed <details> or otherwise hidden.
          .filter((element) => element.checkVisibility({ visibilityProperty: true }))
          .filter((element) => element.tagName !== "A" || drawnAsButton(element))
          .map((element) => ({
            control: `${element.tagName.toLowerCase()} ${element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 20) ?? ""}`,
            height: Math.round(element.getBoundingClientRect().height),
          }))
          .filter(({ height }) => height < min)
      );
    }, MIN_TARGET);
  expect.soft(small, "controls lower than 44 px").toEqual([]);

  // Text longer than 4 characters in a box narrower than 2 characters: it reads one character per line.
  const squeezed = await main(page)
    .locator(":is(td, th, li, p, dt, dd, a, label, span, h1, h2, h3, time, strong, legend, summary)")
    .evaluateAll((elements) =>
      elements
        .map((element) => {
          const style = getComputedStyle(element);
          const box = element.getBoundingClientRect().width;
          // The width the text has: the box less its padding and borders (a badge's padding is no room for text).
          const sides = [style.paddingLeft, style.paddingRight, style.borderLeftWidth, style.borderRightWidth];
          const width = box - sides.reduce((sum, side) => sum + parseFloat(side), 0);
          const text = (element.textContent ?? "").replace(/\s+/g, "");
          return { text: text.slice(0, 20), length: text.length, box, width, min: 2 * parseFloat(style.fontSize) };
        })
        // A box 1 px wide or less: visually hidden text for screen readers (sr-only), not shown at all.
        .filter(({ length, box, width, min }) => length > 4 && box > 1 && width < min)
        .map(({ text, width }) => ({ text, width: Math.round(width) })),
    );
  expect.soft(squeezed, "text squeezed to one character per line").toEqual([]);

  const shot = await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true, scale: "css" });
  // A PNG's width is the big-endian number at bytes 16–19 (its IHDR chunk): the full page is the screen's width.
  expect(shot.readUInt32BE(16), "the full-page screenshot is wider than the phone").toBe(PHONE.width);
}

test.describe.serial("on a phone", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test.describe("南昌市 staff", () => {
    test.use({ storageState: storageStateOf("cityStaff") });

    test("我的待办 lists each report as a card that fits the screen, and the menu opens from the keyboard", async ({ page }) => {
      await page.goto("/my");
      await expect(page.getByRole("heading", { level: 1, name: "我的待办" })).toBeVisible();
      const row = main(page)
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: "填报任务 2 2026Q4" }) });
      await expect(row).toContainText("本期");
      // A card: the task's cell is as wide as the card (less its label), not a column of one character.
      const task = row.getByRole("cell").filter({ has: page.getByRole("link", { name: /^2\. / }) });
      const [card, cell] = await Promise.all([row.boundingBox(), task.boundingBox()]);
      expect(cell!.width).toBeGreaterThan(card!.width * 0.8);
      await expectFitsThePhone(page, "my");

      // The navigation folds behind 菜单; a keyboard opens it, and Escape closes it again.
      const menu = page.getByRole("button", { name: "菜单" });
      const navigation = page.getByRole("navigation", { name: "主导航" });
      await expect(navigation.getByRole("link", { name: "重点任务" })).toBeHidden();
      await menu.focus();
      await page.keyboard.press("Enter");
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      await expect(navigation.getByRole("link", { name: "重点任务" })).toBeVisible();
      await expectFitsThePhone(page, "my-menu");
      await page.keyboard.press("Escape");
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await expect(menu).toBeFocused();
      await expect(navigation.getByRole("link", { name: "重点任务" })).toBeHidden();
    });

    test("the report form, with its figures and milestones, fits the screen", async ({ page }) => {
      await page.goto("/progress/19/2026Q4");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("进展");
      await expect(page.getByRole("group", { name: "本季度节点完成情况" })).toBeVisible();
      // The 需协调事项 box opens in place: its form is measured too.
      await page.getByText("需协调事项（本单位难以独立解决的问题）").click();
      await expect(page.getByRole("form", { name: "提出需协调事项" })).toBeVisible();
      await expectFitsThePhone(page, "report-form");
    });

    test("a submitted report fits the screen", async ({ page }) => {
      await page.goto("/progress/1/2026Q4");
      await page.getByLabel("完成百分比（0–100）").fill("20");
      await fillSettled(
        page.getByLabel("工作进展"),
        "全市开展美丽南昌建设专项行动，印发年度工作要点，完成 12 个美丽乡村示范点建设，生态环境质量持续改善。",
      );
      await page.getByRole("button", { name: "提交审核" }).click();
      // Submitting checks and writes the report: slower than a click on a loaded machine.
      await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/, { timeout: 20_000 });
      await expect(main(page).getByRole("status").filter({ hasText: "已提交" })).toBeVisible();
      await expectFitsThePhone(page, "report");
    });
  });

  test.describe("the reviewer", () => {
    test.use({ storageState: storageStateOf("reviewer") });

    test("审核台 lists the submitted reports as cards that fit the screen", async ({ page }) => {
      await page.goto("/review?city=nanchang");
      await expect(page.getByRole("heading", { level: 1, name: "审核台" })).toBeVisible();
      const checkbox = page.getByRole("checkbox", { name: "选择 任务 1 南昌市 2026Q4" });
      const row = main(page).getByRole("row").filter({ has: checkbox });
      await expect(row).toContainText("已提交待审核");
      const task = row.getByRole("cell").filter({ has: page.getByRole("link", { name: /^1\. / }) });
      const [card, cell] = await Promise.all([row.boundingBox(), task.boundingBox()]);
      expect(cell!.width).toBeGreaterThan(card!.width * 0.8);
      await expectFitsThePhone(page, "review");
    });
  });

  test.describe("the leader", () => {
    test.use({ storageState: storageStateOf("leader") });

    test("总览's widgets fit the screen; wide tables scroll inside their own box", async ({ page }) => {
      await page.goto("/dashboard");
      await expect(page.getByRole("heading", { level: 1, name: "美丽江西建设总览" })).toBeVisible();
      const ranking = page.getByRole("region", { name: "设区市排名" });
      await expect(ranking.getByRole("row").filter({ hasText: "南昌市" })).toBeVisible();
      // Its seven columns keep their width and scroll sideways inside the widget.
      const scrolls = await ranking.getByRole("table").evaluate((table) => {
        const box = table.parentElement!;
        return box.scrollWidth > box.clientWidth && box.clientWidth < window.innerWidth;
      });
      expect(scrolls).toBe(true);
      // Every widget has streamed in (none still a skeleton) before the page is measured.
      await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
      await expectFitsThePhone(page, "dashboard");
    });
  });
});
