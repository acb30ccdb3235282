// The §8 request types (image generation, custom elements, custom voices) as strict TypeScript
// sees them: what the runtime accepts compiles, each typical mistake is a compile error
// (`@ts-expect-error` fails the check when it is not), and their Standard Schema objects are
// typed with their request and body types (no model_name in the element and voice bodies).

import type { StandardSchemaV1 } from "@standard-schema/spec";
import {
  buildCustomElementBody, buildCustomVoiceBodyJson, buildImageGenerationBody, createRequestSchema, customElementSchema, customVoiceSchema,
  dependentFields, imageGenerationSchema, requestJsonSchema, validateAndBuildCustomElement, validateAndBuildCustomVoiceJson,
  validateAndBuildImageGeneration, validateCustomElement, validateCustomElementJson, validateCustomVoice, validateImageGeneration,
  validateImageGenerationJson,
} from "kling-wasm";
import type {
  CustomElementBody, CustomElementRequest, CustomVoiceBody, CustomVoiceRequest, ImageGenerationBody, ImageGenerationRequest, RequestByFamily,
} from "kling-wasm";

export const ig: ImageGenerationRequest = {
  model_name: "kling-v3", prompt: "a fox", image: "https://example.com/a.png", element_list: [{ element_id: 829836802793406551n }, { element_id: "160" }],
  resolution: "2k", n: 4, aspect_ratio: "21:9", callback_url: null,
};
export const legacy: ImageGenerationRequest = { model_name: "kling-v1-5", prompt: "x", image: "i", image_reference: "subject", image_fidelity: 0.5, human_fidelity: 0.45 };
export const element: CustomElementRequest = {
  element_name: "Fox", element_description: "A plush fox", reference_type: "image_refer",
  element_image_list: { frontal_image: "https://example.com/f.png", refer_images: [{ image_url: "https://example.com/s.png" }] },
  tag_list: [{ tag_id: "o_103" }],
};
export const videoElement: CustomElementRequest = {
  element_name: "Anna", element_description: "A presenter", reference_type: "video_refer",
  element_video_list: { refer_videos: [{ video_url: "https://example.com/a.mp4" }] }, element_voice_id: "oversea_female1",
};
export const voice: CustomVoiceRequest = { voice_name: "Narrator", voice_url: "https://example.com/a.mp3" };
export const byFamily: [RequestByFamily["image-generation"], RequestByFamily["custom-element"], RequestByFamily["custom-voice"]] = [ig, element, voice];
export const results = [
  validateImageGeneration(ig), validateCustomElement(element), validateCustomVoice(voice), validateImageGenerationJson("{}"), validateCustomElementJson("{}"),
  validateAndBuildImageGeneration(legacy), validateAndBuildCustomElement(videoElement), validateAndBuildCustomVoiceJson("{}"),
  buildImageGenerationBody(ig), buildCustomElementBody(element), buildCustomVoiceBodyJson("{}"),
];

// Wrong literals and fields are compile errors.
// @ts-expect-error "4k" is no image-generation resolution (omni-image's)
export const badResolution: ImageGenerationRequest = { prompt: "x", resolution: "4k" };
// @ts-expect-error "auto" is no image-generation aspect ratio
export const badAspect: ImageGenerationRequest = { prompt: "x", aspect_ratio: "auto" };
// @ts-expect-error kling-v3-omni is an omni-image model
export const badModel: ImageGenerationRequest = { prompt: "x", model_name: "kling-v3-omni" };
// @ts-expect-error image_reference is "subject" or "face"
export const badReference: ImageGenerationRequest = { prompt: "x", image_reference: "body" };
// @ts-expect-error reference_type is "image_refer" or "video_refer"
export const badType: CustomElementRequest = { element_name: "n", element_description: "d", reference_type: "audio_refer" };
// @ts-expect-error tag ids are o_101 … o_108
export const badTag: CustomElementRequest = { element_name: "n", element_description: "d", reference_type: "image_refer", tag_list: [{ tag_id: "o_109" }] };
// @ts-expect-error element and voice requests name no model
export const modelOnElement: CustomElementRequest = { element_name: "n", element_description: "d", reference_type: "image_refer", model_name: "kling-v3" };
// @ts-expect-error voice_name is required
export const noName: CustomVoiceRequest = { voice_url: "https://example.com/a.mp3" };
// @ts-expect-error video_id is a string
export const numericVideo: CustomVoiceRequest = { voice_name: "n", video_id: 12 };

// The Standard Schema objects: request in, body out; the libraries' bodies have no model_name.
export const schemas: [
  StandardSchemaV1<ImageGenerationRequest, ImageGenerationBody>,
  StandardSchemaV1<CustomElementRequest, CustomElementBody>,
  StandardSchemaV1<CustomVoiceRequest, CustomVoiceBody>,
] = [imageGenerationSchema, customElementSchema, createRequestSchema("custom-voice", { locale: "zh" })];
// @ts-expect-error the custom-voice schema is not an image-generation one
export const wrongSchema: StandardSchemaV1<ImageGenerationRequest, ImageGenerationBody> = customVoiceSchema;
declare const igBody: ImageGenerationBody;
export const igModel: string = igBody.model_name;
declare const voiceBody: CustomVoiceBody;
export const voiceName: string = voiceBody.voice_name;
// @ts-expect-error no model_name in a voice body
export const voiceModel = voiceBody.model_name;
// @ts-expect-error no null in a body
export const voiceNull: null = voiceBody.voice_url;
export const deps: Array<"element_image_list" | "element_video_list" | "element_voice_id" | keyof CustomElementRequest> = dependentFields("custom-element", "reference_type");
// @ts-expect-error a field the family lacks
dependentFields("custom-voice", "prompt");
export const docs = [requestJsonSchema("image-generation"), requestJsonSchema("custom-element", { target: "draft-07" }), requestJsonSchema("custom-voice")];
