// Example requests per family for the editor (data only; the package does all the checking).

export const EXAMPLES = {
  "omni-video": {
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
      sound: "off",
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
    Empty: {},
  },
  text2video: {
    "kling-v3 with sound": { model_name: "kling-v3", prompt: "A lighthouse in a storm, waves crashing", mode: "pro", aspect_ratio: "16:9", duration: "10", sound: "on" },
    "Intelligent multi-shot": { model_name: "kling-v3", multi_shot: true, shot_type: "intelligence", prompt: "A chef cooks breakfast, then serves it", duration: "12" },
    "Legacy camera move (kling-v1)": {
      model_name: "kling-v1", prompt: "A mountain lake at dawn", mode: "std", duration: "5", cfg_scale: 0.5,
      camera_control: { type: "simple", config: { horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: 5 } },
    },
    "A request with mistakes": { model_name: "kling-v2-5-turbo", prompt: "A cat", duration: "7", sound: "on", cfg_scale: 2 },
  },
  image2video: {
    "Start frame (kling-v3)": { model_name: "kling-v3", image: "https://example.com/portrait.png", prompt: "<<<image_1>>> smiles and waves", mode: "std", duration: "5" },
    "Start and end frames": { model_name: "kling-v2-5-turbo", image: "https://example.com/a.png", image_tail: "https://example.com/b.png", prompt: "Morph", mode: "pro", duration: "5" },
    "Motion brush (kling-v1)": {
      model_name: "kling-v1", image: "https://example.com/field.png", prompt: "The balloon rises", mode: "pro", duration: "5",
      static_mask: "https://example.com/static.png",
      dynamic_masks: [{ mask: "https://example.com/balloon.png", trajectories: [{ x: 120, y: 80 }, { x: 140, y: 300 }] }],
    },
    "A request with mistakes": { model_name: "kling-v3", prompt: "x", duration: "5", aspect_ratio: "16:9" },
  },
  "omni-image": {
    "Portrait (kling-image-o1)": { model_name: "kling-image-o1", prompt: "A watercolor portrait of a fox", aspect_ratio: "1:1", n: 2 },
    "Series from a reference (kling-v3-omni)": {
      model_name: "kling-v3-omni", prompt: "A comic strip of <<<image_1>>> exploring a city", result_type: "series", series_amount: 4, resolution: "2k",
      aspect_ratio: "16:9", image_list: [{ image: "https://example.com/hero.png" }],
    },
    "A request with mistakes": { model_name: "kling-image-o1", prompt: "", resolution: "4k", result_type: "series", n: 12 },
  },
  "image-generation": {
    "Text to image (kling-v3)": { model_name: "kling-v3", prompt: "A red fox in a snowy forest, watercolor", resolution: "2k", aspect_ratio: "16:9", n: 2 },
    "Image to image (kling-v1-5, subject)": {
      model_name: "kling-v1-5", prompt: "The same cat as an astronaut", image: "https://example.com/cat.png", image_reference: "subject", image_fidelity: 0.6, human_fidelity: 0.4,
    },
    "Elements (kling-v3)": { model_name: "kling-v3", prompt: "The knight in a market at night", element_list: [{ element_id: "1234567890123456789" }] },
    "A request with mistakes": { model_name: "kling-v1", prompt: "", image: "https://example.com/a.png", negative_prompt: "blur", aspect_ratio: "21:9", n: 12 },
    Empty: {},
  },
};
