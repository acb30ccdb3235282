//! The typings of the package's plain-JS schema modules (json-schema.js, standard-schema.js),
//! written by scripts/build.mjs through scripts/pkg-files.mjs; the other typings are in pkg-dts.mjs.

import { HEAD } from "./pkg-dts.mjs";

export const JSON_SCHEMA_DTS = `${HEAD} requestJsonSchema (json-schema.js).

/** A JSON Schema document: a plain object, in the draft its \`$schema\` names. */
export type JsonSchemaDocument = { $schema: string; [keyword: string]: unknown };
export interface RequestJsonSchemaOptions {
  /** The JSON Schema draft; default "draft-2020-12". */
  target?: "draft-2020-12" | "draft-07";
}
/**
 * The JSON Schema of a request of \`family\`, a fresh copy each call. Sound: it never refuses a
 * request validate() accepts with the default rules; the cross-field rules JSON Schema cannot say
 * are named in its \`description\`. Throws KlingError code "config_error" for an unknown family or target.
 */
export declare function requestJsonSchema(
  family: "omni-video" | "text2video" | "image2video" | "omni-image" | "image-generation" | "custom-element" | "custom-voice",
  options?: RequestJsonSchemaOptions,
): JsonSchemaDocument;
`;

export const STANDARD_SCHEMA_DTS = `${HEAD} The Standard Schema objects (standard-schema.js).
import type {
  CustomElementRequest, CustomVoiceRequest, Endpoint, ImageGenerationRequest, ImageToVideoRequest, IssueCode, OmniImageRequest, OmniVideoRequest,
  RequestByFamily, RuleId, TextToVideoRequest, ValidateOptions,
} from "./kling_wasm.js";
import type { JsonSchemaDocument } from "./json-schema.js";

// Standard Schema v1 and Standard JSON Schema v1 (https://standardschema.dev), as
// @standard-schema/spec 1.1.0 declares them; the spec asks implementers to copy them, so the
// package needs no dependency. Structural types: a form library's own copy accepts these objects.
/** The Standard Typed interface, the base of the two specs. */
export interface StandardTypedV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardTypedV1.Props<Input, Output>;
}
export declare namespace StandardTypedV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly types?: Types<Input, Output> | undefined;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardTypedV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  type InferOutput<Schema extends StandardTypedV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}
/** The Standard Schema interface. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) => Result<Output> | Promise<Result<Output>>;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> extends StandardTypedV1.Types<Input, Output> {}
  type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>;
  type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>;
}
/** The Standard JSON Schema interface. */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardJSONSchemaV1.Props<Input, Output>;
}
export declare namespace StandardJSONSchemaV1 {
  interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    readonly jsonSchema: StandardJSONSchemaV1.Converter;
  }
  interface Converter {
    readonly input: (options: StandardJSONSchemaV1.Options) => Record<string, unknown>;
    readonly output: (options: StandardJSONSchemaV1.Options) => Record<string, unknown>;
  }
  type Target = "draft-2020-12" | "draft-07" | "openapi-3.0" | ({} & string);
  interface Options {
    readonly target: Target;
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  interface Types<Input = unknown, Output = Input> extends StandardTypedV1.Types<Input, Output> {}
  type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>;
  type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>;
}

/**
 * A request value as the body sends it (what a successful validate gives): no null, durations
 * as digit strings (the body writer turns every "duration" into one), lists mutable (JSON.parse).
 */
export type Sent<T> = T extends string | number | bigint | boolean
  ? T
  : T extends readonly (infer Item)[]
    ? Sent<Item>[]
    : { [K in keyof T]: K extends "duration" ? Extract<NonNullable<T[K]>, string> : Sent<NonNullable<T[K]>> };
/** The body of a request of type \`R\`: \`Sent<R>\` with model_name always named (the families
 *  without a model, custom elements and voices, send none). */
export type BodyOf<R> = "model_name" extends keyof R
  ? Sent<Omit<R, "model_name">> & { model_name: NonNullable<R[Extract<"model_name", keyof R>]> }
  : Sent<R>;
export type OmniVideoBody = BodyOf<OmniVideoRequest>;
export type TextToVideoBody = BodyOf<TextToVideoRequest>;
export type ImageToVideoBody = BodyOf<ImageToVideoRequest>;
export type OmniImageBody = BodyOf<OmniImageRequest>;
export type ImageGenerationBody = BodyOf<ImageGenerationRequest>;
export type CustomElementBody = BodyOf<CustomElementRequest>;
export type CustomVoiceBody = BodyOf<CustomVoiceRequest>;
/** Each family's body type, by family id. */
export interface BodyByFamily {
  "omni-video": OmniVideoBody;
  text2video: TextToVideoBody;
  image2video: ImageToVideoBody;
  "omni-image": OmniImageBody;
  "image-generation": ImageGenerationBody;
  "custom-element": CustomElementBody;
  "custom-voice": CustomVoiceBody;
}

/** An issue of validate() (an error) or warnings(): the Report issue at an array path. */
export interface RequestSchemaIssue extends StandardSchemaV1.Issue {
  readonly message: string;
  /** ["image_list", 0, "image_url"]; [] for the request as a whole. */
  readonly path: ReadonlyArray<string | number>;
  readonly code: IssueCode | "not_ready" | "load_failed";
  readonly rule: RuleId | "GEN-READY";
  readonly params?: Record<string, unknown>;
}
/** What validate() returns, synchronously: the body as a value, or the errors (no \`value\` key). */
export type RequestSchemaResult<Output> = StandardSchemaV1.SuccessResult<Output> | { readonly issues: ReadonlyArray<RequestSchemaIssue> };
export interface RequestSchemaProps<Input, Output> extends StandardSchemaV1.Props<Input, Output>, StandardJSONSchemaV1.Props<Input, Output> {
  readonly vendor: "kling-wasm";
  /** Synchronous, never throws: { value } (the body as sent) or { issues } (errors only). */
  readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) => RequestSchemaResult<Output>;
  readonly jsonSchema: {
    /** The JSON Schema of what validate accepts (requestJsonSchema's, less the keywords of rules turned down); target "draft-2020-12" or "draft-07", else it throws KlingError "config_error". */
    readonly input: (options: StandardJSONSchemaV1.Options) => JsonSchemaDocument;
    /** The JSON Schema of the body validate gives. */
    readonly output: (options: StandardJSONSchemaV1.Options) => JsonSchemaDocument;
  };
}
/** A request family as a Standard Schema (and Standard JSON Schema), for form libraries. */
export interface RequestSchema<Input, Output> extends StandardSchemaV1<Input, Output>, StandardJSONSchemaV1<Input, Output> {
  readonly "~standard": RequestSchemaProps<Input, Output>;
  /** The warnings validate() leaves out (it never fails on them), in its issue shape: show them beside their fields. */
  warnings(value: unknown): RequestSchemaIssue[];
}
/** The schema of \`family\`'s requests. */
export type RequestSchemaOf<F extends Endpoint> = RequestSchema<RequestByFamily[F], BodyByFamily[F]>;

export declare const omniVideoSchema: RequestSchemaOf<"omni-video">;
export declare const textToVideoSchema: RequestSchemaOf<"text2video">;
export declare const imageToVideoSchema: RequestSchemaOf<"image2video">;
export declare const omniImageSchema: RequestSchemaOf<"omni-image">;
export declare const imageGenerationSchema: RequestSchemaOf<"image-generation">;
export declare const customElementSchema: RequestSchemaOf<"custom-element">;
export declare const customVoiceSchema: RequestSchemaOf<"custom-voice">;
/**
 * A schema of \`family\`'s requests validated with \`options\` (as validate* take them). The options
 * are checked now: a bad one throws KlingError "config_error".
 */
export declare function createRequestSchema<F extends Endpoint>(family: F, options?: ValidateOptions): RequestSchemaOf<F>;
/**
 * The other top-level fields whose issues can change when \`field\` changes (re-validate them:
 * react-hook-form's \`trigger(dependentFields("omni-video", "model_name"))\`), from the schema tables.
 */
export declare function dependentFields<F extends Endpoint>(family: F, field: keyof RequestByFamily[F] & string): Array<keyof RequestByFamily[F] & string>;
`;
