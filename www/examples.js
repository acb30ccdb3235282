// Example Omni-Video requests for the editor (data only; the package does all the checking).

export const EXAMPLES = {
  "Text to video (kling-v3-omni)": {
    model_name: "kling-v3-omni",
    prompt: "A paper boat drifts down a rainy street at dusk, cinematic, shallow depth of field",
    mode: "pro",
    aspect_ratio: "16:9",
    duration: "5",
    sound: "on",
  },
  "Multi-shot story": {
    model_name: "kling-v3-omni",
    multi_shot: true,
    shot_type: "customize",
    aspect_ratio: "9:16",
    duration: "9",
    multi_prompt: [
      { index: 1, prompt: "A fox wakes up in a snowy forest", duration: "3" },
      { index: 2, prompt: "The fox runs across a frozen lake", duration: "3" },
      { index: 3, prompt: "The fox watches the sunrise from a hill", duration: "3" },
    ],
  },
  "Reference images and an element": {
    model_name: "kling-v3-omni",
    prompt: "<<<element_1>>> wears the jacket from <<<image_1>>> and walks through <<<image_2>>>",
    aspect_ratio: "1:1",
    duration: "8",
    image_list: [{ image_url: "https://example.com/jacket.png" }, { image_url: "https://example.com/market.jpg" }],
    element_list: [{ element_id: "829364517283645190" }],
  },
  "Edit a video (refer_type base)": {
    model_name: "kling-v3-omni",
    prompt: "Make it snow in <<<video_1>>>",
    video_list: [{ video_url: "https://example.com/street.mp4", refer_type: "base", keep_original_sound: "yes" }],
  },
  "A request with mistakes": {
    model_name: "kling-video-o1",
    multi_shot: true,
    prompt: "",
    aspect_ratio: "4:3",
    duration: "12",
    image_list: [{ image_url: "data:image/png;base64,iVBORw0KGgo=", type: "end_frame" }],
    colour: "red",
  },
};
