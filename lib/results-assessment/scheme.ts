/**
 * A 成效考核 scheme as the reviewer defines it, checked on the server: base items (automatic and
 * manual) worth exactly 100 points together, bonus and deduction items with caps, grade
 * thresholds best first ending at 0. The default is shaped after 《美丽中国建设成效考核办法》:
 * responsibility, annual targets, key tasks, use of funds and public satisfaction.
 */
import { z } from "@/lib/core/zod";
import { AUTO_METRICS, AUTO_METRIC_DEFINITIONS, type AutoMetric } from "./auto-items";
import { DEFAULT_GRADES, type GradeThreshold, type ItemKind } from "./grading";

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  AUTO: "自动计算",
  MANUAL: "评审打分",
  BONUS: "加分项",
  DEDUCTION: "扣分项",
};

const points = (label: string) =>
  z.coerce
    .number({ message: `${label}须为数字` })
    .min(0, `${label}不能为负数`)
    .max(100, `${label}不能超过 100`)
    .refine((value) => Number.isInteger(value * 100), `${label}最多两位小数`);

export const schemeItemSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_]{1,31}$/, "项目代码须为 2–32 位大写字母、数字或下划线"),
    name: z.string().trim().min(1, "请填写考核项目名称").max(60, "考核项目名称不能超过 60 字"),
    kind: z.enum(["AUTO", "MANUAL", "BONUS", "DEDUCTION"], { message: "请选择计分方式" }),
    points: points("分值"),
    metric: z.enum(AUTO_METRICS, { message: "请选择自动计算的公式" }).nullable().default(null),
    description: z.string().trim().max(500, "评分说明不能超过 500 字").default(""),
  })
  .refine((item) => (item.kind === "AUTO") === (item.metric !== null), {
    message: "自动计算的项目须选择公式，其他项目不选公式",
    path: ["metric"],
  });
export type SchemeItemInput = z.output<typeof schemeItemSchema>;

export const gradeThresholdSchema = z.object({
  grade: z.string().trim().min(1, "请填写等次名称").max(10, "等次名称不能超过 10 字"),
  min: points("等次分数线"),
});

export const schemeSchema = z
  .object({
    year: z.coerce.number({ message: "年份无效" }).int("年份无效").min(2024, "年份无效").max(2035, "年份无效"),
    name: z.string().trim().min(1, "请填写考核方案名称").max(100, "考核方案名称不能超过 100 字"),
    items: z.array(schemeItemSchema).min(1, "至少要有一个考核项目").max(40, "考核项目不能超过 40 个"),
    bonusCap: points("加分上限").pipe(z.number().max(20, "加分上限不能超过 20 分")),
    deductionCap: points("扣分上限").pipe(z.number().max(100, "扣分上限不能超过 100 分")),
    grades: z.array(gradeThresholdSchema).min(2, "至少要有两个等次").max(6, "等次不能超过 6 个"),
  })
  .superRefine((scheme, context) => {
    const base = scheme.items.filter((item) => item.kind === "AUTO" || item.kind === "MANUAL");
    const sum = Math.round(base.reduce((acc, item) => acc + item.points, 0) * 100) / 100;
    if (sum !== 100) context.addIssue({ code: "custom", path: ["items"], message: `基本项目分值合计须为 100 分，现为 ${sum} 分` });
    const codes = new Set<string>();
    scheme.items.forEach((item, index) => {
      if (codes.has(item.code)) context.addIssue({ code: "custom", path: ["items", index, "code"], message: `项目代码 ${item.code} 重复` });
      codes.add(item.code);
    });
    const mins = scheme.grades.map((grade) => grade.min);
    if (mins.some((min, index) => index > 0 && min >= mins[index - 1]!)) {
      context.addIssue({ code: "custom", path: ["grades"], message: "等次分数线须从高到低排列且互不相同" });
    }
    if (mins[mins.length - 1] !== 0) context.addIssue({ code: "custom", path: ["grades"], message: "最后一个等次的分数线须为 0" });
    if (new Set(scheme.grades.map((grade) => grade.grade)).size !== scheme.grades.length) {
      context.addIssue({ code: "custom", path: ["grades"], message: "等次名称不能重复" });
    }
  });
export type SchemeInput = z.output<typeof schemeSchema>;

/** A scheme's items as rows of AssessmentItem, in their order. */
export function schemeItemRows(items: readonly SchemeItemInput[]) {
  return items.map((item, position) => ({
    position,
    code: item.code,
    name: item.name,
    kind: item.kind,
    points: item.points,
    metric: item.metric,
    description: item.description,
  }));
}

const auto = (code: string, metric: AutoMetric, pointsValue: number): SchemeItemInput => ({
  code,
  name: AUTO_METRIC_DEFINITIONS[metric].label,
  kind: "AUTO",
  points: pointsValue,
  metric,
  description: AUTO_METRIC_DEFINITIONS[metric].formula,
});

/** The default scheme for a year, shaped after the national rule (the seeded default). */
export function defaultScheme(year: number): SchemeInput {
  return {
    year,
    name: `${year}年度美丽江西建设成效考核方案`,
    items: [
      {
        code: "RESPONSIBILITY",
        name: "责任落实",
        kind: "MANUAL",
        points: 10,
        metric: null,
        description: "党政同责、一岗双责落实，研究部署、细化举措和督促推进情况",
      },
      auto("ON_TIME", "ON_TIME_REPORTING", 10),
      auto("COMPLETENESS", "REPORT_COMPLETENESS", 5),
      auto("MILESTONES", "MILESTONES_ON_TIME", 15),
      auto("VERIFIED", "VERIFIED_COMPLETION", 10),
      auto("TARGETS", "INDICATOR_TARGETS_MET", 25),
      auto("FUNDS", "FUNDS_AS_PLANNED", 10),
      {
        code: "SATISFACTION",
        name: "公众生态环境满意度",
        kind: "MANUAL",
        points: 15,
        metric: null,
        description: "按年度公众生态环境满意度调查结果评分",
      },
      {
        code: "INNOVATION",
        name: "改革创新与示范创建",
        kind: "BONUS",
        points: 3,
        metric: null,
        description: "获国家级表彰、示范创建命名或改革经验被推广，每项加 1–3 分",
      },
      {
        code: "PROBLEMS",
        name: "突出生态环境问题",
        kind: "DEDUCTION",
        points: 10,
        metric: null,
        description: "被中央或省级生态环境保护督察通报、发生较大及以上突发环境事件，每起扣 2–10 分",
      },
    ],
    bonusCap: 5,
    deductionCap: 20,
    grades: DEFAULT_GRADES.map((grade): GradeThreshold => ({ ...grade })),
  };
}
