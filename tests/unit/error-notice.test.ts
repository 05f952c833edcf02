import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorNotice, errorDigest } from "@/components/ui/error-notice";

const render = (error: unknown) => renderToStaticMarkup(createElement(ErrorNotice, { error, retry: () => {} }));

describe("the error boundaries' notice", () => {
  it("shows a server error's digest as 错误编号, and never its message or stack", () => {
    const error = Object.assign(new Error('relation "Task" does not exist'), { digest: "2435670990" });
    const html = render(error);
    expect(html).toContain("页面出错了");
    expect(html).toMatch(/错误编号：<code[^>]*>2435670990<\/code>/);
    expect(html).toContain("重试");
    expect(html).not.toContain("relation");
    expect(html).not.toContain(".ts:");
  });

  it("says a failure in the browser (no digest) may be a dropped connection, without a number", () => {
    const html = render(new TypeError("Failed to fetch"));
    expect(html).toContain("可能是网络连接中断");
    expect(html).not.toContain("错误编号");
    expect(html).not.toContain("Failed to fetch");
  });

  it("reads a digest only when it is a string", () => {
    expect(errorDigest(Object.assign(new Error("x"), { digest: "123" }))).toBe("123");
    expect(errorDigest({ digest: 123 })).toBeUndefined();
    expect(errorDigest("a thrown string")).toBeUndefined();
    expect(errorDigest(null)).toBeUndefined();
  });
});
