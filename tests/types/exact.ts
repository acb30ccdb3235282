// Under `exactOptionalPropertyTypes` (tests/types/tsconfig.exact.json): an optional request field
// is `?: T | null | undefined`, so a variable that may be undefined can fill it (`{ mode }`), as
// the runtime reads undefined as not given.

import { buildTextToVideoBody, validateImageToVideo, validateOmniVideo } from "kling-wasm";
import type { OmniVideoRequest, ValidateOptions } from "kling-wasm";

export function fromForm(mode: "std" | "pro" | undefined, prompt: string | undefined, duration: 5 | 10 | undefined): OmniVideoRequest {
  const req: OmniVideoRequest = { mode, prompt, duration, model_name: undefined, image_list: undefined, watermark_info: { enabled: undefined } };
  validateOmniVideo({ mode, prompt });
  validateImageToVideo({ image: prompt, dynamic_masks: [{ mask: "https://example.com/m.png", trajectories: [{ x: 1, y: 2 }] }], cfg_scale: undefined });
  buildTextToVideoBody({ prompt: prompt ?? "", duration });
  return req;
}

// Required fields stay required: undefined is not a value for them.
// @ts-expect-error a shot's prompt is required
validateOmniVideo({ multi_prompt: [{ index: 1, prompt: undefined, duration: 2 }] });

// The options read undefined as left out too: `{ locale }` from a setting that may be unset.
export function optionsFrom(locale: "en" | "zh" | undefined): ValidateOptions {
  return { locale, rules: { "OV-9": "off" }, elementTypes: undefined };
}
