/** OpenAPI 3.1 description of the public JSON API, served at /api/v1/openapi.json. */
const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["status", "message"],
      properties: { status: { type: "integer" }, message: { type: "string", description: "中文错误说明" } },
    },
  },
} as const;

const targetSchema = {
  type: "object",
  required: ["year", "comparator", "value", "text"],
  properties: {
    year: { type: "integer", examples: [2027] },
    comparator: { type: "string", enum: ["≥", "≤", "=", "累计"] },
    value: { type: "number" },
    text: { type: "string", description: "目标原文，如“28微克/立方米以下”" },
  },
} as const;

const taskSchema = {
  type: "object",
  required: ["number", "section", "title", "content", "deadline", "units", "cities"],
  properties: {
    number: { type: "integer", minimum: 1, maximum: 60 },
    section: {
      type: "object",
      required: ["number", "title"],
      properties: { number: { type: "integer" }, title: { type: "string" } },
    },
    title: { type: "string" },
    content: { type: "string" },
    deadline: {
      type: "object",
      required: ["text", "date"],
      properties: { text: { type: "string", examples: ["2027年底前"] }, date: { type: "string", format: "date" } },
    },
    units: { type: "array", items: { type: "string" }, description: "省直责任单位，按文件顺序" },
    cities: { type: "array", items: { type: "string" }, description: "承担该任务的设区市" },
    leadUnit: { type: ["string", "null"], description: "牵头单位（管理员指定；未指定为 null）" },
  },
} as const;

const taskFilterParameters = [
  { name: "section", in: "query", schema: { type: "integer", minimum: 1, maximum: 5 }, description: "篇章编号" },
  { name: "unit", in: "query", schema: { type: "string" }, description: "责任单位代码（见 /api/v1/units）" },
  { name: "city", in: "query", schema: { type: "string" }, description: "设区市代码" },
  { name: "year", in: "query", schema: { type: "integer", minimum: 2024, maximum: 2035 }, description: "完成时限所在年份" },
  { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "任务名称或工作内容关键词" },
  { name: "sort", in: "query", schema: { type: "string", enum: ["number", "deadline", "section", "title"] } },
  { name: "dir", in: "query", schema: { type: "string", enum: ["asc", "desc"] } },
] as const;

const json = (schema: object) => ({ "application/json": { schema } });
/** An error response: the shared `{ "error": { "status", "message" } }` body. */
const error = (description: string) => ({ description, content: json(errorSchema) });

const progressSchema = {
  type: "object",
  required: ["id", "quarter", "task", "unit", "status", "progressState", "percent", "progress", "figures"],
  properties: {
    id: { type: "integer" },
    quarter: { type: "string", examples: ["2026Q3"] },
    task: { type: "object", properties: { number: { type: "integer" }, title: { type: "string" }, section: { type: "integer" } } },
    unit: {
      type: "object",
      properties: { code: { type: "string" }, name: { type: "string" }, kind: { type: "string", enum: ["province", "city"] } },
    },
    status: { type: "string", enum: ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"], description: "令牌与领导只能读到 ACCEPTED" },
    progressState: { type: "string", enum: ["NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED"] },
    percent: { type: "integer", minimum: 0, maximum: 100 },
    progress: { type: "string", description: "工作进展" },
    problems: { type: "string", description: "存在问题" },
    nextSteps: { type: "string", description: "下步计划" },
    figures: {
      type: "array",
      items: {
        type: "object",
        properties: {
          indicator: { type: "string" },
          value: { type: "number" },
          unit: { type: "string" },
          period: { type: "string" },
          note: { type: "string" },
        },
      },
    },
    submittedAt: { type: ["string", "null"], format: "date-time" },
    reviewedAt: { type: ["string", "null"], format: "date-time" },
  },
} as const;

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "美丽江西建设重点任务 API",
    version: "1.0.0",
    description:
      "《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号）重点任务、责任单位与目标指标的只读数据接口。计划类接口公开，无需登录；进展接口需登录会话或管理员签发的 API 令牌。",
  },
  components: {
    securitySchemes: {
      bearerToken: { type: "http", scheme: "bearer", description: "管理员在“接口令牌”页面签发的只读令牌（mljx_…）" },
      session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
    },
  },
  servers: [{ url: "/" }],
  paths: {
    "/api/v1/tasks": {
      get: {
        summary: "重点任务清单",
        parameters: taskFilterParameters,
        responses: {
          "200": { description: "任务列表", content: json({ type: "object", properties: { data: { type: "array", items: taskSchema } } }) },
          "400": error("查询参数无效"),
        },
      },
    },
    "/api/v1/tasks/{number}": {
      get: {
        summary: "单项任务",
        parameters: [{ name: "number", in: "path", required: true, schema: { type: "integer" } }],
        responses: {
          "200": { description: "任务详情（含相关目标指标）", content: json({ type: "object", properties: { data: taskSchema } }) },
          "404": error("编号不存在或格式错误"),
        },
      },
    },
    "/api/v1/units": {
      get: {
        summary: "责任单位（36 个省直单位与 11 个设区市）",
        responses: {
          "200": {
            description: "单位列表",
            content: json({
              type: "object",
              properties: {
                data: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["code", "name", "shortName", "kind"],
                    properties: {
                      code: { type: "string" },
                      name: { type: "string" },
                      shortName: { type: "string" },
                      kind: { type: "string", enum: ["province", "city"] },
                      taskCount: { type: "integer" },
                    },
                  },
                },
              },
            }),
          },
        },
      },
    },
    "/api/v1/indicators": {
      get: {
        summary: "目标指标",
        responses: {
          "200": {
            description: "指标目录",
            content: json({
              type: "object",
              properties: {
                data: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["code", "name", "unit", "direction", "baseline", "targets", "tasks"],
                    properties: {
                      code: { type: "string" },
                      name: { type: "string" },
                      unit: { type: "string" },
                      direction: { type: "string", enum: ["higher_is_better", "lower_is_better"] },
                      baseline: {
                        oneOf: [
                          { type: "null" },
                          {
                            type: "object",
                            required: ["value", "year", "source"],
                            properties: { value: { type: "number" }, year: { type: "integer" }, source: { type: "string" } },
                          },
                        ],
                      },
                      targets: { type: "array", items: targetSchema },
                      tasks: { type: "array", items: { type: "integer" } },
                      owner: { type: "string" },
                      clause: { type: "object", properties: { ref: { type: "string" }, text: { type: "string" } } },
                    },
                  },
                },
              },
            }),
          },
        },
      },
    },
    "/api/v1/indicators/{code}/observations": {
      get: {
        summary: "指标审核通过的数值（公开）",
        parameters: [
          { name: "code", in: "path", required: true, schema: { type: "string" }, examples: { pm25: { value: "PM25" } } },
          { name: "area", in: "query", schema: { type: "string" }, description: "province（默认）、all 或设区市代码" },
        ],
        responses: {
          "200": {
            description: "数值列表，demo=true 为待确认的示例数据",
            content: json({
              type: "object",
              properties: {
                data: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: { area: { type: "string" }, period: { type: "string" }, value: { type: "number" }, source: { type: "string" }, demo: { type: "boolean" } },
                  },
                },
              },
            }),
          },
          "400": error("area 无效"),
          "404": error("指标不存在"),
        },
      },
    },
    "/api/v1/indicators/{code}/assessment": {
      get: {
        summary: "指标进度判断（公开）：最新值、目标、每年所需变化、按当前速度的预测与判断",
        parameters: [{ name: "code", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "判断结果；verdict 为 ON_COURSE、AT_RISK、OFF_COURSE、NO_DATA、ACHIEVED、MISSED 之一",
            content: json({
              type: "object",
              properties: {
                data: {
                  type: "object",
                  properties: {
                    code: { type: "string" },
                    latest: { type: ["object", "null"], properties: { value: { type: "number" }, period: { type: "string" } } },
                    pacePerYear: { type: ["number", "null"] },
                    verdict: { type: "string" },
                    targets: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          year: { type: "integer" },
                          comparator: { type: "string" },
                          value: { type: "number" },
                          met: { type: ["boolean", "null"] },
                          requiredYearlyChange: { type: ["number", "null"] },
                          forecast: { type: ["number", "null"] },
                          crossingYear: { type: ["integer", "null"] },
                          verdict: { type: "string" },
                        },
                      },
                    },
                  },
                },
              },
            }),
          },
          "404": error("指标不存在"),
        },
      },
    },
    "/api/v1/tasks.xlsx": {
      get: {
        summary: "重点任务清单 Excel（公开，筛选参数同 /api/v1/tasks）",
        parameters: taskFilterParameters,
        responses: {
          "200": { description: "Excel 文件", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {} } },
          "400": error("查询参数无效"),
        },
      },
    },
    "/api/v1/reports/annual/{year}.docx": {
      get: {
        summary: "年度工作情况报告 Word 文件（审核人、领导）",
        security: [{ session: [] }],
        parameters: [{ name: "year", in: "path", required: true, schema: { type: "integer", minimum: 2024, maximum: 2035 } }],
        responses: {
          "200": { description: "Word 文件（GB/T 9704 版式）", content: { "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {} } },
          "401": error("未登录"),
          "403": error("角色无权下载"),
          "404": error("年份无效"),
        },
      },
    },
    "/api/v1/progress": {
      get: {
        summary: "季度进展报告（只读）",
        description: "令牌与领导只能读到审核通过的报告；审核人可读所有已提交的报告；填报人只能读本单位的报告。",
        security: [{ bearerToken: [] }, { session: [] }],
        parameters: [
          { name: "quarter", in: "query", schema: { type: "string", pattern: "^\\d{4}Q[1-4]$" }, description: "季度，如 2026Q3" },
          { name: "unit", in: "query", schema: { type: "string" }, description: "责任单位代码" },
          { name: "task", in: "query", schema: { type: "integer" }, description: "任务编号" },
          { name: "section", in: "query", schema: { type: "integer", minimum: 1, maximum: 5 } },
          { name: "city", in: "query", schema: { type: "string" }, description: "设区市代码" },
          { name: "status", in: "query", schema: { type: "string", enum: ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"] } },
        ],
        responses: {
          "200": { description: "报告列表（最多 1000 条）", content: json({ type: "object", properties: { data: { type: "array", items: progressSchema } } }) },
          "400": error("查询参数无效"),
          "401": error("未登录且无有效令牌"),
          "403": error("角色无权查看进展报告"),
        },
      },
    },
    "/api/v1/openapi.json": { get: { summary: "本文档", responses: { "200": { description: "OpenAPI 3.1" } } } },
  },
} as const;
