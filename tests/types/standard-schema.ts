// The Standard Schema objects as form libraries type them: against @standard-schema/spec's own
// interfaces (the package copies them, so it needs no dependency; structural types must match),
// a react-hook-form-like generic consumer, TanStack Form's shape, the input / output inference,
// a synchronous validate, and the options and field names checked by the compiler.

import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";
import {
  createRequestSchema, dependentFields, KlingClient, imageToVideoSchema, omniImageSchema, omniVideoSchema, textToVideoSchema, validateOmniVideo,
} from "kling-wasm";
import type {
  ImageToVideoBody, ImageToVideoRequest, OmniImageBody, OmniImageRequest, OmniVideoBody, OmniVideoRequest, RequestSchemaIssue, TextToVideoBody,
  TextToVideoRequest,
} from "kling-wasm";

/** A react-hook-form-like consumer: any Standard Schema, its input and output inferred. */
function useResolver<T extends StandardSchemaV1>(s: T): (values: StandardSchemaV1.InferInput<T>) => StandardSchemaV1.InferOutput<T> | undefined {
  return (values) => {
    const r = s["~standard"].validate(values);
    return r instanceof Promise || r.issues ? undefined : r.value;
  };
}
useResolver(omniVideoSchema);
useResolver(textToVideoSchema);
useResolver(imageToVideoSchema);
useResolver(omniImageSchema);
// @ts-expect-error a validate function is no Standard Schema (the runtime error the issue hit)
useResolver(validateOmniVideo);

/** react-hook-form's own signature: `Input extends FieldValues` (a record of any). */
declare function standardSchemaResolver<Input extends Record<string, any>, Context, Output>(schema: StandardSchemaV1<Input, Output>): (values: Input, context: Context) => Output;
export const resolved: OmniVideoBody = standardSchemaResolver(omniVideoSchema)({ prompt: "x" }, undefined);

/** TanStack Form's validators take a StandardSchemaV1 of the form's values. */
declare function tanstackValidators<TValues>(v: { onChange?: StandardSchemaV1<TValues, unknown> }): void;
tanstackValidators<OmniVideoRequest>({ onChange: omniVideoSchema });

// Typed as both specs, with the family's request and body types.
export const both: [StandardSchemaV1<OmniVideoRequest, OmniVideoBody>, StandardJSONSchemaV1<OmniVideoRequest, OmniVideoBody>] = [omniVideoSchema, omniVideoSchema];
export const others: [
  StandardSchemaV1<TextToVideoRequest, TextToVideoBody>,
  StandardSchemaV1<ImageToVideoRequest, ImageToVideoBody>,
  StandardSchemaV1<OmniImageRequest, OmniImageBody>,
] = [textToVideoSchema, imageToVideoSchema, omniImageSchema];
// @ts-expect-error the text2video schema is not an omni-video one
export const wrong: StandardSchemaV1<OmniVideoRequest, OmniVideoBody> = textToVideoSchema;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const input: Same<StandardSchemaV1.InferInput<typeof omniVideoSchema>, OmniVideoRequest> = true;
export const output: Same<StandardSchemaV1.InferOutput<typeof omniVideoSchema>, OmniVideoBody> = true;

// The body: model_name always named, durations as digit strings, no null.
declare const body: OmniVideoBody;
export const model: "kling-v3-omni" | "kling-video-o1" = body.model_name;
export const seconds: string | undefined = body.duration;
// @ts-expect-error the body's duration is digits, never a number
export const asNumber: number | undefined = body.duration;
// @ts-expect-error no null in a body
export const asNull: null = body.prompt;
export const shot: string | undefined = body.multi_prompt?.[0]?.duration;
export const id: string | number | bigint | undefined = body.element_list?.[0]?.element_id;
// A form's submitted value (the body) is a request the client takes as it is.
export const created = (client: KlingClient) => client.createOmniVideo(body);

// validate is synchronous: its result is used without await.
const r = omniVideoSchema["~standard"].validate({ prompt: "x" });
if (r.issues) {
  const first: RequestSchemaIssue | undefined = r.issues[0];
  const path: ReadonlyArray<string | number> | undefined = first?.path;
  const code: string | undefined = first?.code;
  const rule: string | undefined = first?.rule;
  void [path, code, rule];
} else {
  const value: OmniVideoBody = r.value;
  void value;
}
export const warnings: RequestSchemaIssue[] = omniVideoSchema.warnings({});
export const doc: Record<string, unknown> = omniVideoSchema["~standard"].jsonSchema.output({ target: "draft-07" });

// createRequestSchema: typed by family, options checked.
export const zh: StandardSchemaV1<TextToVideoRequest, TextToVideoBody> = createRequestSchema("text2video", {
  locale: "zh",
  rules: { "TV-2-cfg_scale": "warning", "GEN-REF-UNUSED": "off" },
  elementTypes: { "829836802793406551": "video_refer" },
});
// @ts-expect-error a misspelt rule id
createRequestSchema("text2video", { rules: { "TV-99": "off" } });
// @ts-expect-error no such family
createRequestSchema("omni", {});
// @ts-expect-error a locale it has no messages in
createRequestSchema("omni-image", { locale: "fr" });

// dependentFields: the family's field names, in and out.
export const deps: Array<keyof OmniVideoRequest> = dependentFields("omni-video", "model_name");
// @ts-expect-error cfg_scale is no omni-video field
dependentFields("omni-video", "cfg_scale");
