import { describe, expect, it } from "vitest";
import { safeRedirectPath, safeRedirectUrl } from "@/lib/auth/safe-redirect";

/** Where a browser on https://meili.example would go for `target` (location.assign resolves it so). */
const destination = (target: string) => new URL(target, "https://meili.example/login").host;

describe("where signing in may lead", () => {
  it.each([
    ["/tasks", "/tasks"],
    ["/tasks/24", "/tasks/24"],
    ["/review?quarter=2026Q3&unit=fgw", "/review?quarter=2026Q3&unit=fgw"],
    ["/tasks?q=%E6%B0%B4", "/tasks?q=%E6%B0%B4"],
    ["/reports/12#evidence", "/reports/12#evidence"],
    ["/account/password", "/account/password"],
    ["/", "/"],
    // A path that reaches elsewhere on the site is made plain, still on the site.
    ["/tasks/../review", "/review"],
    ["/a%2Fb", "/a%2Fb"],
  ])("keeps the same-site path %s", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  const hostile = [
    "//evil.example",
    "//evil.example/tasks",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "/%2F%2Fevil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%252F%252Fevil.example",
    "/%255Cevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    " //evil.example",
    "\t//evil.example",
    "/ /evil.example",
    "/\u3000/evil.example",
    "/\uFF0Fevil.example",
    "/\u2215evil.example",
    "/..//evil.example",
    "/tasks/..//evil.example",
    "https://evil.example",
    "http://evil.example/tasks",
    "https:evil.example",
    "http:evil.example",
    "https:/evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "evil.example",
    "tasks",
    "@evil.example",
    "/%E0%A4%A", // malformed escape
    "",
    `/${"a".repeat(2001)}`,
  ];
  it.each(hostile.map((target) => [JSON.stringify(target), target]))("refuses %s and leads home instead", (_label, target) => {
    expect(safeRedirectPath(target)).toBe("/");
    expect(destination(safeRedirectPath(target))).toBe("meili.example");
  });

  it("refuses what is not one string, and takes a fallback of the caller's", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(42)).toBe("/");
    expect(safeRedirectPath(["//evil.example", "/tasks"])).toBe("/");
    expect(safeRedirectPath(["/tasks", "//evil.example"])).toBe("/tasks");
    expect(safeRedirectPath("//evil.example", "/login")).toBe("/login");
  });

  it("would really have left the site for the spellings browsers read as another host", () => {
    // The table above is not hypothetical: resolved as a browser does, these leave the site.
    for (const target of ["//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "http:evil.example"]) {
      expect(destination(target)).toBe("evil.example");
    }
  });
});

describe("next-auth's redirect callback", () => {
  const base = "https://meili.example";
  it("keeps this site's own absolute URLs and paths", () => {
    expect(safeRedirectUrl("https://meili.example/tasks/24?x=1", base)).toBe("https://meili.example/tasks/24?x=1");
    expect(safeRedirectUrl("/login", base)).toBe("https://meili.example/login");
  });
  it.each([
    "https://evil.example/login",
    "https://meili.example.evil.example/",
    "//evil.example",
    "/\\evil.example",
    "https://meili.example//evil.example",
    "javascript:alert(1)",
    "not a url",
  ])("sends %s home", (url) => {
    expect(safeRedirectUrl(url, base)).toBe("https://meili.example/");
  });
});
