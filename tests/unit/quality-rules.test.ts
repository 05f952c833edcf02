import { describe, expect, it } from "vitest";
import { checkValue, lastAcceptedBefore, valueRuleOf } from "@/lib/indicators/quality-rules";
import { areaIndicatorName, figureArea, parsePeriod, periodLabel } from "@/lib/indicators/observation-keys";

const forest = valueRuleOf({ name: "森林覆盖率", measureUnit: "%", comparators: ["GTE"] });
const pm25 = valueRuleOf({ name: "全省细颗粒物（PM2.5）平均浓度", measureUnit: "微克/立方米", comparators: ["LTE"] });
const zones = valueRuleOf({ name: "国家生态文明建设示范区（累计）", measureUnit: "个", comparators: ["CUMULATIVE"] });
const y = (year: number, value: number, quarter = 0) => ({ year, quarter, value });

describe("valueRuleOf", () => {
  it("reads a share, a quantity and a cumulative count from the catalogue", () => {
    expect(forest).toMatchObject({ kind: "share", min: 0, max: 100, cumulative: false });
    expect(pm25).toMatchObject({ kind: "quantity", min: 0, max: null, cumulative: false });
    expect(zones).toMatchObject({ kind: "count", cumulative: true, integer: true });
  });
});

describe("rates", () => {
  it("lets a growth rate in % be negative or above 100, unlike a share", () => {
    const growth = valueRuleOf({ name: "集装箱铁水联运量年均增长率", measureUnit: "%", comparators: ["GTE"] });
    expect(growth.kind).toBe("rate");
    expect(checkValue(growth, "%", -4.5, { year: 2026, quarter: 0 }, []).error).toBeUndefined();
    expect(checkValue(growth, "%", 120, { year: 2026, quarter: 0 }, []).error).toBeUndefined();
  });
});

describe("checkValue", () => {
  it("refuses a share above 100 % (a forest coverage of 163 %)", () => {
    expect(checkValue(forest, "%", 163, { year: 2026, quarter: 0 }, []).error).toBe("比例应在 0%–100% 之间，163% 不可能");
    expect(checkValue(forest, "%", -1, { year: 2026, quarter: 0 }, []).error).toContain("0%–100%");
    expect(checkValue(forest, "%", 100, { year: 2026, quarter: 0 }, [])).toEqual({});
  });

  it("refuses negative quantities and fractional counts", () => {
    expect(checkValue(pm25, "微克/立方米", -3, { year: 2026, quarter: 0 }, []).error).toBe("该指标不能为负数（-3 微克/立方米）");
    expect(checkValue(zones, "个", 2.5, { year: 2026, quarter: 0 }, []).error).toBe("该指标按个计，应为整数");
  });

  it("refuses a cumulative value below the last accepted one, and allows an equal one", () => {
    const accepted = [y(2024, 30), y(2025, 36)];
    expect(checkValue(zones, "个", 35, { year: 2026, quarter: 0 }, accepted).error).toBe(
      "累计值不能低于已通过的 2025年 数值 36 个（本次 35 个）",
    );
    expect(checkValue(zones, "个", 36, { year: 2026, quarter: 0 }, accepted)).toEqual({});
  });

  it("warns, without refusing, on a far jump from the last accepted value", () => {
    const share = checkValue(forest, "%", 45, { year: 2026, quarter: 0 }, [y(2025, 63.1)]);
    expect(share.error).toBeUndefined();
    expect(share.warning).toBe("与已通过的 2025年 数值 63.1% 相比下降 18.1 个百分点，请核实；审核人将看到此提示");
    const quantity = checkValue(pm25, "微克/立方米", 60, { year: 2026, quarter: 0 }, [y(2025, 30.5)]);
    expect(quantity.warning).toContain("增加 96.7%");
    expect(checkValue(pm25, "微克/立方米", 29.8, { year: 2026, quarter: 0 }, [y(2025, 30.5)])).toEqual({});
  });

  it("compares with the latest earlier period only, not with later or the same period", () => {
    const accepted = [y(2024, 30), y(2026, 90, 1), y(2027, 10)];
    expect(lastAcceptedBefore(accepted, { year: 2026, quarter: 2 })).toEqual(y(2026, 90, 1));
    expect(lastAcceptedBefore(accepted, { year: 2026, quarter: 1 })).toEqual(y(2024, 30));
    // A whole year sorts after its quarters.
    expect(lastAcceptedBefore(accepted, { year: 2026, quarter: 0 })).toEqual(y(2026, 90, 1));
    expect(lastAcceptedBefore([], { year: 2026, quarter: 0 })).toBeNull();
  });
});

describe("observation keys", () => {
  it("names an indicator for a city in place of 全省, or in front of a name without it", () => {
    expect(areaIndicatorName("全省细颗粒物（PM2.5）平均浓度", "南昌市")).toBe("南昌市细颗粒物（PM2.5）平均浓度");
    expect(areaIndicatorName("森林覆盖率", "赣州市")).toBe("赣州市森林覆盖率");
    expect(areaIndicatorName("全省细颗粒物（PM2.5）平均浓度", null)).toBe("全省细颗粒物（PM2.5）平均浓度");
  });

  it("reads a period as a year or a quarter, and refuses anything else", () => {
    expect(parsePeriod("2026")).toEqual({ year: 2026, quarter: 0 });
    expect(parsePeriod("2026q3")).toEqual({ year: 2026, quarter: 3 });
    expect(parsePeriod("2026Q5")).toBeNull();
    expect(parsePeriod("去年")).toBeNull();
    expect(periodLabel({ year: 2026, quarter: 4 })).toBe("2026年第四季度");
  });

  it("gives a city's figure to the city, the owner's to the province, and another provincial unit's to nobody", () => {
    const owner = { ownerUnitId: 7 };
    expect(figureArea({ id: 30, code: "nanchang", kind: "CITY" }, owner)).toBe("nanchang");
    expect(figureArea({ id: 7, code: "sthjt", kind: "PROVINCIAL" }, owner)).toBe("province");
    expect(figureArea({ id: 8, code: "zjt", kind: "PROVINCIAL" }, owner)).toBeNull();
  });
});
