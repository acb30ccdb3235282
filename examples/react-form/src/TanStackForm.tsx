// The same Omni-Video form on TanStack Form: the package's Standard Schema is the form-level
// onChange validator, which TanStack spreads over the fields by issue path (["image_list", 0,
// "image_url"] → the field "image_list[0].image_url"). A model change validates and marks the
// fields that depend on the model, so their errors show at once; warnings show beside the fields.

import { useEffect } from "react";
import { useForm, useStore, type AnyFieldApi } from "@tanstack/react-form";
import { dependentFields, omniVideoSchema, type OmniVideoRequest } from "kling-wasm";
import { type Start, useChoices, warningsByField } from "./kling";
import { Field, isShownInForm, Messages, Options, Status, TaskView, useTaskRun } from "./ui";

const EMPTY: OmniVideoRequest = { prompt: "", image_list: [] };

/** The messages of a field once the user has been there (or tried to submit). */
function errorsOf(field: AnyFieldApi): string[] {
  const { meta } = field.state;
  if (!meta.isTouched && field.form.state.submissionAttempts === 0) return [];
  return meta.errors.flatMap((e: unknown) => (e && typeof e === "object" && "message" in e && typeof e.message === "string" ? [e.message] : []));
}

/** An empty <select> or text box reads ""; the request leaves that field out instead. */
const orUndefined = <T extends string>(v: string) => (v === "" ? undefined : (v as T));

export function TanStackForm({ start }: { start: Start }) {
  const { run, submit } = useTaskRun();
  const form = useForm({
    defaultValues: EMPTY,
    validators: { onChange: omniVideoSchema },
    onSubmit: async ({ value }) => {
      // TanStack hands over the form's values; the schema gives the request as the body sends it.
      const result = omniVideoSchema["~standard"].validate(value);
      if (!result.issues) await submit(result.value);
    },
  });
  const values = useStore(form.store, (s) => s.values);
  const choices = useChoices(values.model_name, start);
  const warnings = warningsByField(values, start);

  // What was typed while the module loaded is checked once it is ready.
  useEffect(() => {
    if (start.state === "ready") void form.validate("change");
  }, [start.state, form]);

  const maxImages = choices?.field("image_list")?.max ?? null;

  return (
    <form
      data-form="tanstack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.handleSubmit();
      }}
    >
      <h2>TanStack Form</h2>
      <form.Field
        name="model_name"
        listeners={{
          // Fields whose validity depends on the model: validate them now and show their errors.
          onChange: () => {
            for (const name of dependentFields("omni-video", "model_name")) void form.validateField(name, "change");
          },
        }}
      >
        {(field) => (
          <Field name="model_name" label="Model" errors={errorsOf(field)} warnings={warnings.get("model_name")}>
            <select disabled={!choices} value={field.state.value ?? ""} onBlur={field.handleBlur} onChange={(e) => field.handleChange(orUndefined(e.target.value))}>
              {choices ? (
                <Options choice={{ values: [...choices.models] }} current={field.state.value} empty={`API default (${choices.defaultModel})`} />
              ) : (
                <option value="">loading…</option>
              )}
            </select>
          </Field>
        )}
      </form.Field>
      <form.Field name="mode">
        {(field) => (
          <Field name="mode" label="Mode" errors={errorsOf(field)} warnings={warnings.get("mode")}>
            <select disabled={!choices} value={field.state.value ?? ""} onBlur={field.handleBlur} onChange={(e) => field.handleChange(orUndefined(e.target.value))}>
              <Options choice={choices?.field("mode")} current={field.state.value} empty={choices ? `API default (${choices.defaultMode})` : "loading…"} />
            </select>
          </Field>
        )}
      </form.Field>
      <form.Field name="sound">
        {(field) => (
          <Field name="sound" label="Sound" errors={errorsOf(field)} warnings={warnings.get("sound")}>
            <select disabled={!choices} value={field.state.value ?? ""} onBlur={field.handleBlur} onChange={(e) => field.handleChange(orUndefined(e.target.value))}>
              <Options choice={choices?.field("sound")} current={field.state.value} empty={choices ? "left out" : "loading…"} />
            </select>
          </Field>
        )}
      </form.Field>
      <form.Field name="aspect_ratio">
        {(field) => (
          <Field name="aspect_ratio" label="Aspect ratio" errors={errorsOf(field)} warnings={warnings.get("aspect_ratio")}>
            <select disabled={!choices} value={field.state.value ?? ""} onBlur={field.handleBlur} onChange={(e) => field.handleChange(orUndefined(e.target.value))}>
              <Options choice={choices?.field("aspect_ratio")} current={field.state.value} empty={choices ? "choose…" : "loading…"} />
            </select>
          </Field>
        )}
      </form.Field>
      <form.Field name="duration">
        {(field) => (
          <Field name="duration" label="Duration" errors={errorsOf(field)} warnings={warnings.get("duration")}>
            <select disabled={!choices} value={field.state.value ?? ""} onBlur={field.handleBlur} onChange={(e) => field.handleChange(orUndefined(e.target.value))}>
              <Options choice={choices?.field("duration")} current={field.state.value} empty={choices ? "API default" : "loading…"} suffix=" s" />
            </select>
          </Field>
        )}
      </form.Field>
      <form.Field name="prompt">
        {(field) => (
          <Field name="prompt" label="Prompt" errors={errorsOf(field)} warnings={warnings.get("prompt")}>
            <textarea
              rows={3}
              value={field.state.value ?? ""}
              onBlur={field.handleBlur}
              onChange={(e) => field.handleChange(e.target.value)}
              placeholder="a red fox in snow; refer to images as <<<image_1>>>"
            />
          </Field>
        )}
      </form.Field>
      <form.Field name="image_list" mode="array">
        {(list) => (
          <fieldset>
            <legend>Images</legend>
            <div className="field" data-field="image_list">
              <Messages errors={errorsOf(list)} warnings={warnings.get("image_list")} />
            </div>
            {(list.state.value ?? []).map((_, i) => (
              <div className="item field" key={i} data-field={`image_list.${i}`}>
                <form.Field name={`image_list[${i}].image_url`}>
                  {(field) => (
                    <Field name={`image_list.${i}.image_url`} label={`<<<image_${i + 1}>>> URL`} errors={errorsOf(field)} warnings={warnings.get(`image_list.${i}.image_url`)}>
                      <input value={field.state.value ?? ""} onBlur={field.handleBlur} onChange={(e) => field.handleChange(e.target.value)} placeholder="https://…" />
                    </Field>
                  )}
                </form.Field>
                <form.Field name={`image_list[${i}].type`}>
                  {(field) => (
                    <Field name={`image_list.${i}.type`} label="Use" errors={errorsOf(field)} warnings={warnings.get(`image_list.${i}.type`)}>
                      <select disabled={!choices} value={field.state.value ?? ""} onBlur={field.handleBlur} onChange={(e) => field.handleChange(orUndefined(e.target.value))}>
                        <Options choice={choices?.field("image_list.type")} current={field.state.value} empty="reference image" />
                      </select>
                    </Field>
                  )}
                </form.Field>
                {/* Messages about the item itself, e.g. an image no prompt refers to. */}
                <form.Field name={`image_list[${i}]`}>{(item) => <Messages errors={errorsOf(item)} warnings={warnings.get(`image_list.${i}`)} />}</form.Field>
                <button type="button" onClick={() => form.setFieldValue("image_list", (old) => (old ?? []).filter((_, j) => j !== i))}>
                  Remove
                </button>
              </div>
            ))}
            <button type="button" disabled={maxImages !== null && (list.state.value?.length ?? 0) >= maxImages} onClick={() => form.setFieldValue("image_list", (old) => [...(old ?? []), { image_url: "" }])}>
              Add image
            </button>
          </fieldset>
        )}
      </form.Field>
      <Status values={values} start={start} shown={isShownInForm} />
      <form.Subscribe selector={(s) => s.isSubmitting}>
        {(isSubmitting) => (
          <button type="submit" disabled={start.state !== "ready" || isSubmitting || run.state === "running"}>
            {start.state === "ready" ? "Create task" : "Loading the validator…"}
          </button>
        )}
      </form.Subscribe>
      <TaskView run={run} />
    </form>
  );
}
