// The Omni-Video form on react-hook-form: the package's Standard Schema is the resolver (one
// line, as with zod), issue paths such as ["image_list", 0, "image_url"] land on the fields of the
// same names, a model change re-validates what depends on the model, and warnings show beside
// the fields without blocking submit.

import { useEffect } from "react";
import { get, useFieldArray, useForm } from "react-hook-form";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { dependentFields, omniVideoSchema } from "kling-wasm";
import { type Start, useChoices, warningsByField } from "./kling";
import { Field, isShownInForm, Messages, Options, Status, TaskView, useTaskRun } from "./ui";

/** An empty <select> or text box reads ""; the request leaves that field out instead. */
const orUndefined = (v: unknown) => (v === "" ? undefined : v);

export function RhfForm({ start }: { start: Start }) {
  const form = useForm({
    resolver: standardSchemaResolver(omniVideoSchema),
    mode: "onChange",
    defaultValues: { prompt: "", image_list: [] },
  });
  const { register, control, handleSubmit, trigger, formState } = form;
  const images = useFieldArray({ control, name: "image_list" });
  const values = form.watch();
  const choices = useChoices(values.model_name, start);
  const warnings = warningsByField(values, start);
  const { run, submit } = useTaskRun();

  // What was typed while the module loaded is checked once it is ready (the resolver answered
  // `not_ready` until then, a root error that the status line explains).
  useEffect(() => {
    if (start.state !== "ready") return;
    form.clearErrors("root");
    const typed = Object.keys(form.formState.dirtyFields) as (keyof typeof values)[];
    if (typed.length) void trigger(typed);
  }, [start.state, form, trigger]);

  /** RHF keeps the first error per field under its dotted name. */
  const errorsAt = (name: string): string[] => {
    const message = (get(formState.errors, name) as { message?: unknown } | undefined)?.message;
    return typeof message === "string" && message ? [message] : [];
  };
  const maxImages = choices?.field("image_list")?.max ?? null;

  return (
    <form data-form="rhf" noValidate onSubmit={handleSubmit((body) => submit(body))}>
      <h2>react-hook-form</h2>
      <Field name="model_name" label="Model" errors={errorsAt("model_name")} warnings={warnings.get("model_name")}>
        <select
          disabled={!choices}
          {...register("model_name", {
            setValueAs: orUndefined,
            // RHF re-validates only the edited field; these fields' validity depends on the model.
            onChange: () => trigger(dependentFields("omni-video", "model_name")),
          })}
        >
          {choices ? (
            <Options choice={{ values: [...choices.models] }} current={values.model_name} empty={`API default (${choices.defaultModel})`} />
          ) : (
            <option value="">loading…</option>
          )}
        </select>
      </Field>
      <Field name="mode" label="Mode" errors={errorsAt("mode")} warnings={warnings.get("mode")}>
        <select disabled={!choices} {...register("mode", { setValueAs: orUndefined })}>
          <Options choice={choices?.field("mode")} current={values.mode} empty={choices ? `API default (${choices.defaultMode})` : "loading…"} />
        </select>
      </Field>
      <Field name="sound" label="Sound" errors={errorsAt("sound")} warnings={warnings.get("sound")}>
        <select disabled={!choices} {...register("sound", { setValueAs: orUndefined })}>
          <Options choice={choices?.field("sound")} current={values.sound} empty={choices ? "left out" : "loading…"} />
        </select>
      </Field>
      <Field name="aspect_ratio" label="Aspect ratio" errors={errorsAt("aspect_ratio")} warnings={warnings.get("aspect_ratio")}>
        <select disabled={!choices} {...register("aspect_ratio", { setValueAs: orUndefined })}>
          <Options choice={choices?.field("aspect_ratio")} current={values.aspect_ratio} empty={choices ? "choose…" : "loading…"} />
        </select>
      </Field>
      <Field name="duration" label="Duration" errors={errorsAt("duration")} warnings={warnings.get("duration")}>
        <select disabled={!choices} {...register("duration", { setValueAs: orUndefined })}>
          <Options choice={choices?.field("duration")} current={values.duration} empty={choices ? "API default" : "loading…"} suffix=" s" />
        </select>
      </Field>
      <Field name="prompt" label="Prompt" errors={errorsAt("prompt")} warnings={warnings.get("prompt")}>
        <textarea rows={3} {...register("prompt")} placeholder="a red fox in snow; refer to images as <<<image_1>>>" />
      </Field>
      <fieldset>
        <legend>Images</legend>
        <div className="field" data-field="image_list">
          <Messages errors={errorsAt("image_list")} warnings={warnings.get("image_list")} />
        </div>
        {images.fields.map((item, i) => (
          <div className="item field" key={item.id} data-field={`image_list.${i}`}>
            <Field name={`image_list.${i}.image_url`} label={`<<<image_${i + 1}>>> URL`} errors={errorsAt(`image_list.${i}.image_url`)} warnings={warnings.get(`image_list.${i}.image_url`)}>
              <input {...register(`image_list.${i}.image_url`)} placeholder="https://…" />
            </Field>
            <Field name={`image_list.${i}.type`} label="Use" errors={errorsAt(`image_list.${i}.type`)} warnings={warnings.get(`image_list.${i}.type`)}>
              <select disabled={!choices} {...register(`image_list.${i}.type`, { setValueAs: orUndefined })}>
                <Options choice={choices?.field("image_list.type")} current={values.image_list?.[i]?.type} empty="reference image" />
              </select>
            </Field>
            {/* Messages about the item itself, e.g. an image no prompt refers to. */}
            <Messages errors={errorsAt(`image_list.${i}`)} warnings={warnings.get(`image_list.${i}`)} />
            <button type="button" onClick={() => images.remove(i)}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" disabled={maxImages !== null && images.fields.length >= maxImages} onClick={() => images.append({ image_url: "" })}>
          Add image
        </button>
      </fieldset>
      <Status values={values} start={start} shown={isShownInForm} />
      <button type="submit" disabled={start.state !== "ready" || formState.isSubmitting || run.state === "running"}>
        {start.state === "ready" ? "Create task" : "Loading the validator…"}
      </button>
      <TaskView run={run} />
    </form>
  );
}
