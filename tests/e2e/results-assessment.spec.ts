import JSZip from "jszip";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { fillSettled } from "./fill";

/**
 * 进展评估 and 成效考核 as real users: the reviewer freezes the year's evaluation; a wrong scheme is
 * refused with the edit kept, then the seeded default is taken and scoring started, the automatic
 * items computed from the system's data; 南昌市 self-assesses (a missing justification refused,
 * everything kept), attaching a document; the reviewer scores it beside the self-scores (a departure
 * without a reason refused) and confirms it, then scores 景德镇市 and 萍乡市 to the same total: they
 * share a rank; the leader reads the results, the API and the 通报 (.docx).
 */
const main = (page: Page) => page.getByRole("main");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const YEAR = 2026;

/** The sheet's "考核得分 X 分" as a number (the provisional total once every base item is scored). */
async function scoreOf(page: Page): Promise<number> {
  const text = await page.getByTestId("sheet-status").innerText();
  const match = /考核得分 ([\d.]+) 分/.exec(text);
  if (!match) throw new Error(`no score on the sheet: ${text}`);
  return Number(match[1]);
}

const field = (form: Locator, label: string) => form.getByLabel(label, { exact: true });

/**
 * The reviewer scores a city that did not self-assess: saved first with the manual items at 0 to
 * read what its automatic items make (`base`), then the manual items (责任落实 up to 10, 满意度 up
 * to 15), a bonus or a deduction bring it `extra(base)` points above that, and it is confirmed.
 * Returns the confirmed total.
 */
async function scoreCity(page: Page, code: string, extra: (base: number) => number): Promise<number> {
  await page.goto(`/assessment/${YEAR}/units/${code}`);
  const form = () => main(page).getByRole("form", { name: "省生态环境厅评分" });
  await fillSettled(field(form(), "责任落实评分"), "0");
  await field(form(), "责任落实评分理由").fill("按资料核查情况评分");
  await field(form(), "公众生态环境满意度评分").fill("0");
  await field(form(), "公众生态环境满意度评分理由").fill("按满意度调查结果评分");
  await form().getByRole("button", { name: "保存评分" }).click();
  await expect(page).toHaveURL(/\?saved=\d+$/);
  const need = extra(await scoreOf(page));
  const round = (value: number) => String(Math.round(value * 100) / 100);
  if (need >= 0) {
    const responsibility = Math.min(need, 10);
    const satisfaction = Math.min(need - responsibility, 15);
    await fillSettled(field(form(), "责任落实评分"), round(responsibility));
    await field(form(), "公众生态环境满意度评分").fill(round(satisfaction));
    if (need > 25) {
      await field(form(), "改革创新与示范创建评分").fill(round(need - 25));
      await field(form(), "改革创新与示范创建评分理由").fill("获国家级示范命名");
    }
  } else {
    await field(form(), "突出生态环境问题评分").fill(round(-need));
    await field(form(), "突出生态环境问题评分理由").fill("被省级督察通报");
  }
  await form().getByRole("button", { name: "确认考核结果" }).click();
  await expect(page).toHaveURL(/\?confirmed=\d+$/);
  return scoreOf(page);
}

test.describe.serial("progress evaluation and results assessment", () => {
  test("the reviewer freezes the year's progress evaluation", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/evaluation");
    const form = main(page).getByRole("form", { name: "冻结年度进展评估" });
    await form.getByLabel("评估年度").selectOption(String(YEAR));
    await form.getByRole("button", { name: "冻结评估" }).click();
    await expect(page).toHaveURL(new RegExp(`/evaluation/${YEAR}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${YEAR}年度`);
    const word = await context.request.get(`/api/evaluations/${YEAR}/docx`);
    expect(word.status()).toBe(200);
    await page.goto("/evaluation");
    await expect(main(page).getByRole("link", { name: `${YEAR}年度` })).toBeVisible();
    await context.close();
  });

  test("a wrong scheme is refused with the edit kept; the default is taken and scoring starts", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/assessment");
    await main(page)
      .getByRole("link", { name: `制定${YEAR}年度方案` })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${YEAR}年度成效考核方案`);
    const scheme = main(page).getByRole("form", { name: "考核方案" });
    const points = field(scheme, "责任落实分值");
    await fillSettled(points, "12");
    await scheme.getByRole("button", { name: "保存方案" }).click();
    await expect(scheme.getByRole("alert")).toContainText("提交的内容有误");
    await expect(scheme).toContainText("基本项目分值合计须为 100 分，现为 102 分");
    await expect(points).toHaveValue("12");

    await main(page).getByRole("form", { name: "采用默认方案" }).getByRole("button", { name: "采用默认方案" }).click();
    await expect(page).toHaveURL(new RegExp(`/assessment/${YEAR}/scheme\\?saved=1$`));
    await expect(main(page)).toContainText(`《${YEAR}年度美丽江西建设成效考核方案》（第1版）`);
    await expect(main(page).getByRole("table", { name: "考核项目" })).toContainText("按时报送率");

    await page.goto(`/assessment/${YEAR}`);
    await main(page).getByRole("form", { name: "启动考核评分" }).getByRole("button", { name: "启动评分（锁定方案）" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已启动" })).toBeVisible();
    await expect(main(page).getByRole("row", { name: /南昌市/ })).toContainText("未确认（自评中）");
    await context.close();
  });

  test("南昌市 self-assesses: a missing justification is refused keeping everything, then it submits with a document", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
    const page = await context.newPage();
    await page.goto("/my");
    await page.getByRole("link", { name: "成效考核自评" }).click();
    await main(page)
      .getByRole("link", { name: `${YEAR}年度南昌市考核表` })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${YEAR}年度成效考核评分表：南昌市`);
    const sheet = main(page).getByRole("form", { name: "单位自评" });
    // The automatic items come pre-filled with the formula's score and its inputs.
    await expect(sheet.getByRole("row", { name: /按时报送率/ })).toContainText(/份 = [\d.]+%|不涉及/);
    await expect(field(sheet, "按时报送率自评得分")).not.toHaveValue("");

    await fillSettled(field(sheet, "责任落实自评得分"), "9");
    await field(sheet, "公众生态环境满意度自评得分").fill("13");
    await field(sheet, "公众生态环境满意度自评说明").fill("满意度调查得分 87 分");
    await sheet.getByRole("button", { name: "提交自评" }).click();
    await expect(sheet.getByRole("alert")).toContainText("有 1 处需要修改");
    await expect(sheet).toContainText("请填写“责任落实”的自评说明");
    await expect(field(sheet, "责任落实自评得分")).toHaveValue("9");
    await expect(field(sheet, "公众生态环境满意度自评说明")).toHaveValue("满意度调查得分 87 分");

    await field(sheet, "责任落实自评说明").fill("市委常委会专题研究 4 次，印发年度举措清单");
    await sheet
      .getByRole("row", { name: /责任落实/ })
      .getByLabel(/佐证材料/)
      .setInputFiles({ name: "专题会议纪要.pdf", mimeType: "application/pdf", buffer: PDF });
    await sheet.getByRole("button", { name: "提交自评" }).click();
    await expect(page).toHaveURL(/\?submitted=\d+$/);
    await expect(main(page).getByRole("status").filter({ hasText: "已提交自评" })).toBeVisible();
    await expect(page.getByTestId("sheet-status")).toContainText("待评分");
    await expect(main(page).getByRole("link", { name: "已上传：专题会议纪要.pdf" })).toBeVisible();
    await context.close();
  });

  test("the reviewer scores beside the self-scores, confirms, and a second city tied on the total shares the rank", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto(`/assessment/${YEAR}/units/nanchang`);
    const sheet = main(page).getByRole("form", { name: "省生态环境厅评分" });
    await expect(sheet.getByRole("row", { name: /责任落实/ })).toContainText("市委常委会专题研究 4 次");
    const evidence = await context.request.get(`/api/assessments/${YEAR}/units/nanchang/evidence/RESPONSIBILITY`);
    expect((await evidence.body()).subarray(0, 5).toString()).toBe("%PDF-");

    await fillSettled(field(sheet, "责任落实评分"), "8");
    await field(sheet, "公众生态环境满意度评分").fill("13");
    await sheet.getByRole("button", { name: "确认考核结果" }).click();
    await expect(sheet).toContainText("“责任落实”的评分与自评（9 分）不同，请说明理由");
    await expect(field(sheet, "责任落实评分")).toHaveValue("8");
    await field(sheet, "责任落实评分理由").fill("年度举措清单印发晚于要求时限");
    await sheet.getByRole("button", { name: "确认考核结果" }).click();
    await expect(page).toHaveURL(/\?confirmed=\d+$/);
    await expect(main(page).getByRole("status").filter({ hasText: "南昌市：已确认考核结果" })).toBeVisible();
    await expect(page.getByTestId("sheet-status")).toContainText("已确认");

    // 景德镇市 and 萍乡市 did not self-assess: the reviewer scores both, the second to the first's total.
    const target = await scoreCity(page, "jingdezhen", () => 20);
    await scoreCity(page, "pingxiang", (base) => Math.round((target - base) * 100) / 100);
    expect(await scoreOf(page)).toBe(target);
    await expect(page.getByTestId("sheet-status")).toContainText(/设区市中并列第 \d+ 名/);

    // A confirmed result is locked; unlocking needs a reason.
    const unlock = main(page).getByRole("form", { name: "解锁考核结果" });
    await unlock.getByRole("button", { name: "解锁并重新评分" }).click();
    await expect(unlock).toContainText("请填写解锁原因");
    await context.close();
  });

  test("the leader reads grades and tied ranks, the API and the 通报", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("leader") });
    const page = await context.newPage();
    await page.goto("/assessment");
    await main(page)
      .getByRole("link", { name: `${YEAR}年度` })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${YEAR}年度美丽江西建设成效考核结果`);
    const cities = main(page).getByRole("table", { name: "设区市" });
    for (const city of ["景德镇市", "萍乡市"]) {
      const row = cities.getByRole("row", { name: new RegExp(city) });
      await expect(row).toContainText(/并列第 \d+ 名/);
      await expect(row).toContainText(/优秀|良好|合格|不合格/);
    }
    await expect(cities.getByRole("row", { name: /南昌市/ })).toContainText(/第 \d+ 名/);
    await expect(cities.getByRole("row", { name: /九江市/ })).toContainText("未确认");

    const api = await context.request.get(`/api/v1/assessments/${YEAR}`);
    expect(api.status()).toBe(200);
    const body = (await api.json()) as {
      data: {
        scheme: { items: { code: string; kind: string }[] };
        results: { unit: { code: string }; rank: number | null; tied: boolean; score: number | null }[];
      };
    };
    expect(body.data.scheme.items.find((item) => item.code === "ON_TIME")?.kind).toBe("auto");
    const tied = body.data.results.filter((result) => ["jingdezhen", "pingxiang"].includes(result.unit.code));
    expect(tied.map((result) => result.tied)).toEqual([true, true]);
    expect(tied[0]!.rank).toBe(tied[1]!.rank);
    expect(tied[0]!.score).toBe(tied[1]!.score);

    const word = await context.request.get(`/api/assessments/${YEAR}/docx`);
    expect(word.status()).toBe(200);
    expect(word.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const xml = await (await JSZip.loadAsync(await word.body())).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain(`关于${YEAR}年度美丽江西建设成效考核结果的通报`);
    expect(text).toContain("景德镇市");
    expect(text).toMatch(/并列第 \d+ 名/);
    expect(text).toContain("江西省生态环境厅");

    // The seeded example year is labelled as such.
    await page.goto("/assessment/2025");
    await expect(main(page)).toContainText("示例数据");
    await context.close();
  });
});
