import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_LABELS, actionLabel, auditDifferences, differenceText, valueText } from "@/lib/audit/audit-labels";
import { auditRange } from "@/lib/audit/audit-query";
import { filterText } from "@/lib/exports/sheets";

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every action string the code writes into the audit log: `action: "…"`, the revisions' actions, the import kinds. */
function recordedActions(): string[] {
  const actions = new Set<string>();
  for (const file of [...sourceFiles("lib"), ...sourceFiles("app")]) {
    const text = readFileSync(file, "utf8");
    // Confirmed imports are audited as `import.<the batch kind>` (lib/imports/import-batches.ts).
    for (const match of text.matchAll(/\bconst KIND = "([a-z-]+)"/g)) actions.add(`import.${match[1]}`);
    if (!/recordAudit|revisionAndAudit|AuditLog|recordMeasureRevision|decideReport|decideMeasureList/.test(text)) continue;
    for (const match of text.matchAll(/\baction:\s*(?:[a-zA-Z.]+\s*\?\s*)?"([a-zA-Z_.]+)"(?:\s*:\s*"([a-zA-Z_.]+)")?/g)) {
      actions.add(match[1]!);
      if (match[2]) actions.add(match[2]);
    }
    for (const match of text.matchAll(/"((?:report|auth|observation|reminder|user|measureList)\.[a-zA-Z_]+)"/g)) actions.add(match[1]!);
  }
  // Words of import previews (create / update / skip rows) share the `action:` key without being audited.
  for (const word of ["create", "update", "skip"]) actions.delete(word);
  return [...actions].sort();
}

describe("the audit log in Chinese", () => {
  it("has a label for every action string the code records", () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(25);
    expect(actions.filter((action) => !(action in ACTION_LABELS))).toEqual([]);
  });

  it("reads an action missing from the table as Chinese words, not as its code", () => {
    expect(actionLabel("report.accept")).toBe("审核通过进展报告");
    expect(actionLabel("user.resetPassword", "User")).toBe("重置密码账号");
    expect(actionLabel("conflict.decide", "ObservationConflict")).toBe("裁定指标数值冲突");
    expect(actionLabel("mystery.thing")).toBe("其他操作（mystery.thing）");
  });

  it("shows only the fields that changed, in Chinese, figures one per indicator", () => {
    const before = {
      status: "SUBMITTED",
      percent: 50,
      progress: "推进中",
      figures: [
        { indicator: "PM25", value: "31", period: "2026", note: "" },
        { indicator: "FOREST", value: "63.1", period: "2025", note: "" },
      ],
      evidence: [{ id: 1, fileName: "佐证.pdf", sha256: "ab" }],
    };
    const after = {
      ...before,
      status: "ACCEPTED",
      reviewComment: "同意",
      figures: [{ indicator: "PM25", value: "30.2", period: "2026", note: "" }, before.figures[1]],
      version: 4,
    };
    const names = { indicators: new Map([["PM25", "细颗粒物（PM2.5）平均浓度"]]) };
    expect(auditDifferences(before, after, names)).toEqual([
      { field: "状态", before: "已提交待审核", after: "已通过" },
      { field: "指标数值：细颗粒物（PM2.5）平均浓度", before: "31（2026）", after: "30.2（2026）" },
      { field: "审核意见", before: "—", after: "同意" },
    ]);
  });

  it("shows every field of a creation, yes/no, roles and moments in China time", () => {
    const changes = auditDifferences(null, {
      username: "ganzhou.li",
      role: "STAFF",
      active: true,
      lockedUntil: "2026-12-01T16:30:00.000Z",
    });
    expect(differenceText(changes)).toBe(
      ["账号：— → ganzhou.li", "角色：— → 填报人", "启用：— → 是", "锁定至：— → 2026/12/2 00:30:00"].join("\n"),
    );
    expect(valueText([{ id: 3, fileName: "方案.docx" }])).toBe("方案.docx");
  });

  it("filters a China-time day from its 00:00 to the next day's 00:00 there", () => {
    expect(auditRange({ from: "2026-12-02", to: "2026-12-02" })).toEqual({
      since: new Date("2026-12-01T16:00:00Z"),
      until: new Date("2026-12-02T16:00:00Z"),
    });
  });
});

describe("export captions", () => {
  it("name units and quarters in Chinese, never the codes of the address", () => {
    const names = new Map([
      ["jiujiang", "九江市"],
      ["fgw", "省发改委"],
    ]);
    expect(filterText(new URLSearchParams("unit=fgw&city=jiujiang&quarter=2026Q3&section=2&page=3"), names)).toBe(
      "筛选条件：单位 省发改委，设区市 九江市，2026年第三季度，第2篇",
    );
    expect(filterText(new URLSearchParams("unit=atlantis"), names)).toBe("筛选条件：单位 （未知单位）");
    expect(filterText(new URLSearchParams(""), names)).toBe("筛选条件：全部");
  });
});
