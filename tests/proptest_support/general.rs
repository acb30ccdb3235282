//! Valid-request generators for the families of kling-api.md §8: image generation, custom
//! elements and custom voices, written from their rules (IG-*, EL-*, VC-*) and the map.

use super::*;
use kling_wasm::caps::{self, Elements};

/// callback_url and external_task_id (these families have no watermark_info), each or not.
fn task_tail(p: &mut Pick, g: &mut Gen) {
    if p.chance(1, 3) {
        g.set("callback_url", url(p, "cb"));
    }
    if p.chance(1, 3) {
        g.set("external_task_id", json!(format!("job-{}", p.below(1000))));
        g.limited.push(("/external_task_id".into(), 256));
    }
}

fn set_enum(g: &mut Gen, key: &str, v: &str) {
    g.set(key, json!(v));
    g.enums.push(format!("/{key}"));
}

/// `POST /v1/images/generations`: a model, then only what it takes (IG-1 … IG-7).
pub fn image_generation(p: &mut Pick) -> Gen {
    let mut g = Gen::default();
    let names = caps::models_for(Endpoint::ImageGeneration);
    let name = if p.chance(3, 4) { Some(p.one(&names)) } else { None };
    if let Some(m) = name {
        set_enum(&mut g, "model_name", m);
    }
    let c = caps::model(name.unwrap_or(Endpoint::ImageGeneration.default_model())).expect("a model of the map");
    g.set("prompt", json!(words(p, 8)));
    g.required.push("/prompt".into());
    g.limited.push(("/prompt".into(), 2500));
    let with_image = c.needs_image || p.chance(1, 2);
    if with_image {
        g.set("image", image(p));
        if c.needs_image {
            g.required.push("/image".into());
        }
        if c.image_reference {
            let r = p.one(&["subject", "face"]);
            set_enum(&mut g, "image_reference", r);
            g.required.push("/image_reference".into());
            if r == "subject" && p.chance(1, 2) {
                g.set("human_fidelity", json!(p.below(101) as f64 / 100.0));
            }
        }
        if p.chance(1, 2) {
            g.set("image_fidelity", json!(p.below(11) as f64 / 10.0));
        }
    } else if p.chance(1, 2) {
        g.set("negative_prompt", json!(words(p, 4)));
        g.limited.push(("/negative_prompt".into(), 2500));
    }
    if c.elements != Elements::None && p.chance(1, 2) {
        let n = p.range(1, 10 - usize::from(with_image));
        let items: Vec<Value> = (0..n).map(|_| json!({"element_id": element_id(p)})).collect();
        for i in 0..n {
            g.required.push(format!("/element_list/{i}/element_id"));
        }
        g.set("element_list", Value::Array(items));
    }
    let resolutions: &[&str] = if with_image && c.model == "kling-v2" { &["1k"] } else { c.resolutions };
    if p.chance(1, 2) {
        set_enum(&mut g, "resolution", p.one(resolutions));
    }
    if p.chance(1, 2) {
        g.set("n", json!(p.range(1, 9)));
    }
    let aspects = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"];
    let aspects: Vec<&str> = aspects.into_iter().filter(|a| c.image_aspects.is_empty() || c.image_aspects.contains(a)).collect();
    if p.chance(1, 2) {
        set_enum(&mut g, "aspect_ratio", p.one(&aspects));
    }
    task_tail(p, &mut g);
    g
}

/// `POST /v1/general/advanced-custom-elements`: a multi-image or a video character element.
pub fn custom_element(p: &mut Pick) -> Gen {
    let mut g = Gen::default();
    g.set("element_name", json!(p.one(&["Mia", "红色跑车", "Dr. Who 🙂", "a"])));
    g.set("element_description", json!(words(p, 4).chars().take(100).collect::<String>()));
    for f in ["element_name", "element_description", "reference_type"] {
        g.required.push(format!("/{f}"));
    }
    g.limited.push(("/element_name".into(), 20));
    g.limited.push(("/element_description".into(), 100));
    if p.chance(1, 2) {
        set_enum(&mut g, "reference_type", "image_refer");
        g.required.push("/element_image_list".into());
        let n = p.range(1, 3);
        let refer: Vec<Value> = (0..n).map(|i| json!({"image_url": format!("https://example.com/view-{i}.png")})).collect();
        g.set("element_image_list", json!({"frontal_image": "https://example.com/front.png", "refer_images": refer}));
    } else {
        set_enum(&mut g, "reference_type", "video_refer");
        g.required.push("/element_video_list".into());
        let url = p.one(&["https://example.com/clip.mp4", "https://example.com/a/clip.MOV", "https://example.com/signed?sig=1"]);
        g.set("element_video_list", json!({"refer_videos": [{"video_url": url}]}));
        if p.chance(1, 2) {
            g.set("element_voice_id", json!(format!("voice-{}", p.below(100))));
        }
    }
    if p.chance(1, 2) {
        let n = p.range(1, 3);
        let tags: Vec<Value> = (0..n).map(|i| json!({"tag_id": format!("o_10{}", i + 1)})).collect();
        g.set("tag_list", Value::Array(tags));
    }
    task_tail(p, &mut g);
    g
}

/// `POST /v1/general/custom-voices`: a name and one source (VC-1).
pub fn custom_voice(p: &mut Pick) -> Gen {
    let mut g = Gen::default();
    g.set("voice_name", json!(p.one(&["Narrator", "旁白", "v"])));
    g.required.push("/voice_name".into());
    g.limited.push(("/voice_name".into(), 20));
    if p.chance(1, 2) {
        g.set("voice_url", json!(p.one(&["https://example.com/a.mp3", "https://example.com/b.wav", "https://example.com/c"])));
    } else {
        g.set("video_id", json!(format!("{}", 800_000 + p.below(1000))));
    }
    task_tail(p, &mut g);
    g
}
