/** The form as the action wrapper reads it: repeated fields (ticked checkboxes) become one array, in linear time. */
import { describe, expect, it } from "vitest";
import { formInput } from "@/lib/core/action";

describe("formInput", () => {
  it("collects a repeated field into an array and skips React's own fields", () => {
    const form = new FormData();
    form.append("units", "fgw");
    form.append("units", "slt");
    form.append("units", "kjt");
    form.append("message", "请尽快报送");
    form.append("$ACTION_REF_1", "");
    expect(formInput(form)).toEqual({ units: ["fgw", "slt", "kjt"], message: "请尽快报送" });
  });

  it("reads a field repeated 30,000 times (a 1 MB request) in well under the minutes copying took", () => {
    const form = new FormData();
    for (let index = 0; index < 30_000; index += 1) form.append("units", "fgw");
    const started = performance.now();
    const input = formInput(form);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(input.units).toHaveLength(30_000);
  });
});
