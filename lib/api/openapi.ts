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

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "美丽江西建设重点任务 API",
    version: "1.0.0",
    description:
      "《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号）重点任务、责任单位与目标指标的只读数据接口。本组接口公开，无需登录。",
  },
  servers: [{ url: "/" }],
  paths: {
    "/api/v1/tasks": {
      get: {
        summary: "重点任务清单",
        parameters: taskFilterParameters,
        responses: {
          "200": { description: "任务列表", content: json({ type: "object", properties: { data: { type: "array", items: taskSchema } } }) },
          "400": { description: "查询参数无效", content: json(errorSchema) },
        },
      },
    },
    "/api/v1/tasks/{number}": {
      get: {
        summary: "单项任务",
        parameters: [{ name: "number", in: "path", required: true, schema: { type: "integer" } }],
        responses: {
          "200": { description: "任务详情（含相关目标指标）", content: json({ type: "object", properties: { data: taskSchema } }) },
          "404": { description: "编号不存在或格式错误", content: json(errorSchema) },
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
    "/api/v1/openapi.json": { get: { summary: "本文档", responses: { "200": { description: "OpenAPI 3.1" } } } },
  },
} as const;
