// The pieces both forms draw with: a field with its messages, the options of a choice, the
// status line, and a task's progress after submit.

import { useState, type ReactNode } from "react";
import { KlingError, type FieldChoice, type OmniVideoRequest, type Task } from "kling-wasm";
import { client, summarise, type Start } from "./kling";

/** The errors and then the warnings at one field. */
export function Messages(props: { errors?: readonly string[] | undefined; warnings?: readonly string[] | undefined }) {
  return (
    <>
      {props.errors?.map((m) => (
        <p className="msg error" key={m}>
          {m}
        </p>
      ))}
      {props.warnings?.map((m) => (
        <p className="msg warning" key={m}>
          {m}
        </p>
      ))}
    </>
  );
}

/** A labelled control with its messages under it; `name` is the issue path joined with dots. */
export function Field(props: { name: string; label: string; errors?: readonly string[] | undefined; warnings?: readonly string[] | undefined; children: ReactNode }) {
  return (
    <div className="field" data-field={props.name}>
      <label>
        <span>{props.label}</span>
        {props.children}
      </label>
      <Messages errors={props.errors} warnings={props.warnings} />
    </div>
  );
}

/**
 * The <option>s of a choice from capabilities(): an empty one (left out: the API's default) when
 * `empty` is given, the model's values, and the current value when the model does not offer it,
 * so a value the model change made invalid stays visible beside its error.
 */
export function Options(props: { choice: FieldChoice | undefined; current: unknown; empty?: string; suffix?: string }) {
  const values = (props.choice?.values ?? []).map(String);
  const current = props.current === undefined || props.current === null || props.current === "" ? null : String(props.current);
  const stale = current !== null && !values.includes(current) ? [current] : [];
  return (
    <>
      {props.empty !== undefined && <option value="">{props.empty}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
          {props.suffix ?? ""}
        </option>
      ))}
      {stale.map((v) => (
        <option key={`stale-${v}`} value={v}>
          {v}
          {props.suffix ?? ""} (not offered by this model)
        </option>
      ))}
    </>
  );
}

/** Whether both forms show an issue at this key at a field (the status line lists the others). */
export function isShownInForm(key: string): boolean {
  return /^(model_name|mode|sound|aspect_ratio|duration|prompt|image_list(\.\d+(\.(image_url|type))?)?)$/.test(key);
}

/** The form's status: loading, or what a whole-request check finds; issues no field shows are listed here. */
export function Status(props: { values: unknown; start: Start; shown: (key: string) => boolean }) {
  const s = summarise(props.values, props.start);
  const others = s.errors.filter((e) => !props.shown(e.key));
  const text =
    s.state === "loading"
      ? "Loading the validator… you can type; choices and checks appear once it is ready."
      : s.state === "failed"
        ? "The validator failed to load; reload the page."
        : s.state === "valid"
          ? "Ready to submit."
          : `${s.errors.length} issue${s.errors.length === 1 ? "" : "s"} to fix before submitting.`;
  return (
    <div className="status" data-state={s.state} role="status">
      <p>{text}</p>
      {others.map((e) => (
        <p className="msg error" key={`${e.key}:${e.message}`}>
          {e.key ? `${e.key}: ` : ""}
          {e.message}
        </p>
      ))}
    </div>
  );
}

export type Run =
  | { state: "idle" }
  | { state: "running"; status: string; taskId?: string }
  | { state: "done"; taskId: string; urls: string[] }
  | { state: "failed"; message: string };

/** Creates the task through the proxy and waits for it; the view follows every status change. */
export function useTaskRun() {
  const [run, setRun] = useState<Run>({ state: "idle" });
  async function submit(request: OmniVideoRequest) {
    setRun({ state: "running", status: "creating" });
    try {
      const task: Task = await client.createOmniVideo(request);
      setRun({ state: "running", status: task.task_status, taskId: task.task_id });
      const done = await client.waitForTask("omni-video", task.task_id, {
        onProgress: (t) => setRun({ state: "running", status: t.task_status, taskId: t.task_id }),
      });
      setRun({ state: "done", taskId: done.task_id, urls: done.task_result.videos.map((v) => v.url) });
    } catch (e) {
      setRun({ state: "failed", message: e instanceof KlingError ? `${e.code}: ${e.message}` : String(e) });
    }
  }
  return { run, submit };
}

export function TaskView({ run }: { run: Run }) {
  if (run.state === "idle") return null;
  return (
    <div className="task" data-task={run.state}>
      {run.state === "running" && (
        <p>
          Task {run.taskId ?? "…"}: {run.status}
        </p>
      )}
      {run.state === "failed" && <p className="msg error">{run.message}</p>}
      {run.state === "done" && (
        <>
          <p>
            Task {run.taskId}: <strong data-status="succeed">succeed</strong>
          </p>
          {run.urls.map((u) => (
            <a key={u} href={u} target="_blank" rel="noreferrer">
              {u}
            </a>
          ))}
        </>
      )}
    </div>
  );
}
