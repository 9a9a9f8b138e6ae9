import { describe, expect, it } from "vitest";
import { emptyLocalResponse, mergeResumeData } from "../client/src/features/respond/local-response.ts";

describe("resuming a response", () => {
  const local = (data: Record<string, unknown>, dirty: boolean) => ({ ...emptyLocalResponse("r-1"), data, dirty });

  it("prefers answers this device has not sent yet over the server's draft", () => {
    expect(mergeResumeData({ a: 1, b: 2 }, local({ b: 3, c: 4 }, true))).toEqual({ a: 1, b: 3, c: 4 });
  });

  it("takes the server's copy when this device has nothing unsent", () => {
    expect(mergeResumeData({ a: 1, b: 5 }, local({ a: 1 }, false))).toEqual({ a: 1, b: 5 });
  });

  it("falls back to this device's copy when the server has none", () => {
    expect(mergeResumeData(undefined, local({ a: 2 }, false))).toEqual({ a: 2 });
    expect(mergeResumeData(undefined, null)).toEqual({});
  });
});
