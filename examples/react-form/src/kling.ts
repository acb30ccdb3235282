// What both forms share: the client (through the signing proxy at /kling), the start-up state,
// the choices a model offers (from capabilities(), never a list written here) and the warnings.

import { useEffect, useMemo, useState } from "react";
import { capabilities, isReady, KlingClient, omniVideoSchema, ready, type FieldChoice } from "kling-wasm";

/** Talks to the signing proxy of server.mjs; the page never holds a Kling key. Works before `ready`: its calls wait. */
export const client = new KlingClient({ baseUrl: "/kling", auth: { kind: "proxy" } });

export type Start = { state: "loading" } | { state: "ready" } | { state: "failed"; error: string };

/**
 * The package's non-blocking start: the page renders at once and the wasm loads beside it.
 * Until `ready` settles, validate answers a `not_ready` issue and capabilities() throws, so the
 * forms take input but show no choices and submit nothing.
 */
export function useKlingStart(): Start {
  const [start, setStart] = useState<Start>(() => (isReady() ? { state: "ready" } : { state: "loading" }));
  useEffect(() => {
    let live = true;
    ready.then(
      () => live && setStart({ state: "ready" }),
      (e: unknown) => live && setStart({ state: "failed", error: String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return start;
}

/** What one model offers on Omni-Video: the model list, the API's defaults, each field's choices. */
export interface Choices {
  models: readonly string[];
  defaultModel: string;
  defaultMode: string;
  /** A field's choice ("duration", "image_list", "image_list.type", …) for the chosen model. */
  field(name: string): FieldChoice | undefined;
}

/** The choices for `model` (left out: the API's default model), or null before the module is ready. */
export function useChoices(model: string | null | undefined, start: Start): Choices | null {
  return useMemo(() => {
    if (start.state !== "ready") return null;
    const endpoint = capabilities().endpoints.find((e) => e.family === "omni-video");
    if (!endpoint) return null;
    const row = endpoint.choices.find((c) => c.model === (model || endpoint.default_model));
    return {
      models: endpoint.models,
      // null only on the model-less families (custom-element, custom-voice), never on omni-video.
      defaultModel: endpoint.default_model ?? "",
      defaultMode: endpoint.default_mode ?? "",
      field: (name) => row?.fields[name],
    };
  }, [model, start.state]);
}

/** The key a field shows its messages under: an issue path joined with dots ("image_list.0.image_url"). */
export function pathKey(path: ReadonlyArray<PropertyKey | { key: PropertyKey }>): string {
  return path.map((s) => String(typeof s === "object" ? s.key : s)).join(".");
}

/** Warnings never fail validation; a form asks for them beside its errors: key → messages. */
export function warningsByField(values: unknown, start: Start): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  if (start.state !== "ready") return byField; // before `ready`, warnings() has none to give
  for (const w of omniVideoSchema.warnings(values)) {
    const key = pathKey(w.path);
    byField.set(key, [...(byField.get(key) ?? []), w.message]);
  }
  return byField;
}

/** One whole-request check for the form's status line (the forms show the same issues at their fields). */
export function summarise(values: unknown, start: Start): { state: "loading" | "failed" | "valid" | "invalid"; errors: { key: string; message: string }[] } {
  if (start.state !== "ready") return { state: start.state, errors: [] };
  const result = omniVideoSchema["~standard"].validate(values);
  if (!result.issues) return { state: "valid", errors: [] };
  return { state: "invalid", errors: result.issues.map((i) => ({ key: pathKey(i.path ?? []), message: i.message })) };
}
