//! The benchmark's request: a realistic full Omni-Video request on kling-v3-omni — a first
//! frame and two reference images, one element, three shots, sound, watermark, callback and an
//! external task id — valid, with no warnings, so every check runs and the body is written.

export const OMNI_VIDEO_REQUEST = Object.freeze({
  model_name: "kling-v3-omni",
  multi_shot: true,
  shot_type: "customize",
  multi_prompt: [
    {
      index: 1,
      prompt:
        "Wide establishing shot at dawn: the lighthouse keeper <<<element_1>>> walks along the wet pier, " +
        "gulls circling overhead, soft mist rolling in from the sea, warm light from the lamp room.",
      duration: "3",
    },
    {
      index: 2,
      prompt:
        "Medium shot inside the lamp room: <<<element_1>>> polishes the great lens shown in <<<image_2>>>, " +
        "dust sparkling in the beam, slow push-in, the brass fittings catching the light.",
      duration: "4",
    },
    {
      index: 3,
      prompt:
        "Close-up from the gallery outside, styled like <<<image_3>>>: the keeper looks out at a ship on the " +
        "horizon, wind in his coat, the camera cranes up to reveal the coastline. 灯塔守护者。",
      duration: "3",
    },
  ],
  image_list: [
    { image_url: "https://cdn.example.com/projects/8841/lighthouse-first-frame.png", type: "first_frame" },
    { image_url: "https://cdn.example.com/projects/8841/refs/fresnel-lens-closeup.jpg" },
    { image_url: "https://cdn.example.com/projects/8841/refs/style-board-painterly-coast.jpg" },
  ],
  element_list: [{ element_id: "829836802793406551" }],
  sound: "on",
  mode: "pro",
  duration: "10",
  watermark_info: { enabled: true },
  callback_url: "https://hooks.example.com/kling/callback?project=8841",
  external_task_id: "project-8841-shot-0007-take-3",
});

/** A fresh mutable copy (zod and the library must not see a frozen object as special). */
export function omniVideoRequest() {
  return structuredClone(OMNI_VIDEO_REQUEST);
}
