// Generated from src/schema/ by src/schema/gen/json_schema.rs: do not edit; refresh with
// `KLING_BLESS=1 cargo test --test schema_generated` (a test fails while it is stale).
// The request JSON Schemas (draft 2020-12) requestJsonSchema (js/json-schema.mjs) hands out:
// it strips the "x-kling-rule" tags (keyword -> the rule(s) it mirrors), converts to draft-07
// on request, and can drop the keywords of rules a caller turned down.
export const SCHEMAS = {
  "omni-video": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "OmniVideoRequest",
    "description": "The request body of POST /v1/videos/omni-video (kling-api.md §4.1). null reads as left out. Sound: it never refuses a request validate() accepts with the default rules. validate() also checks, beyond what this schema says: GEN-EMPTY: A string has content; an empty callback_url or external_task_id is dropped with a warning (here a string only needs one character, blank ones pass); GEN-INT64: Element ids keep their exact int64 digits (a JS number above 2^53 has lost them) (here an id given as a number above 2^53 passes); GEN-REF: A prompt reference <<<kind_N>>> points at an existing list item (here a reference whose number has more than 9 digits passes); GEN-DUPLICATE: No key twice in one object (only JSON text can carry this) (JSON Schema sees parsed values); OV-5: Each shot: index 1, 2, … in order, a prompt ≤ 512 characters, 1 ≤ duration ≤ the total (here not the shots' index order, nor a shot longer than the request); OV-6: The shots' durations add up to the request's duration (not here); OV-13: No video-character elements with a reference video (known from options.elementTypes) (not here).",
    "type": "object",
    "properties": {
      "model_name": {
        "description": "The model; left out, the API's old default applies (the body then names it, with a warning).",
        "enum": ["kling-v3-omni", "kling-video-o1", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-MODEL"]}
      },
      "multi_shot": {
        "description": "true: the shots of `multi_prompt` (or `intelligence` splitting).",
        "type": ["boolean", "null"],
        "x-kling-rule": {"type": "GEN-TYPE"}
      },
      "shot_type": {
        "description": "Required when multi_shot is true. Read only when multi_shot is true; otherwise ignored, whatever it holds."
      },
      "prompt": {
        "description": "≤ 2500 characters; needed unless the shots of multi_prompt carry the prompts.",
        "type": ["string", "null"],
        "maxLength": 2500,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      },
      "multi_prompt": {
        "description": "1–6 shots; required when multi_shot is true and shot_type is \"customize\". Read only when multi_shot is true; otherwise ignored, whatever it holds."
      },
      "image_list": {
        "type": ["array", "null"],
        "maxItems": 7,
        "items": {
          "type": "object",
          "properties": {
            "image_url": {
              "description": "An http(s) URL or raw base64 (no data: prefix).",
              "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
              "not": {"type": "null"},
              "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"], "not": "GEN-REQUIRED"}
            },
            "type": {
              "description": "Left out for a plain reference image, named <<<image_N>>>.",
              "enum": ["first_frame", "end_frame", null],
              "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
            }
          },
          "required": ["image_url"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "OV-11"}
      },
      "element_list": {
        "type": ["array", "null"],
        "maxItems": 7,
        "items": {
          "type": "object",
          "properties": {
            "element_id": {
              "description": "Exact digits: a string or BigInt, or a number while it is a safe integer.",
              "anyOf": [{"$ref": "#/$defs/element_id"}, {"type": "null"}],
              "not": {"type": "null"},
              "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-INT64"], "not": "GEN-REQUIRED"}
            }
          },
          "required": ["element_id"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "OV-11"}
      },
      "video_list": {
        "description": "At most one reference video.",
        "type": ["array", "null"],
        "maxItems": 1,
        "items": {
          "type": "object",
          "properties": {
            "video_url": {
              "anyOf": [{"$ref": "#/$defs/http_url"}, {"type": "null"}],
              "not": {"type": "null"},
              "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"], "not": "GEN-REQUIRED"}
            },
            "refer_type": {
              "description": "\"base\" (the API default) edits this video; \"feature\" takes its style or motion.",
              "enum": ["feature", "base", null],
              "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
            },
            "keep_original_sound": {"enum": ["yes", "no", null], "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM", "OV-16"]}}
          },
          "required": ["video_url"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "OV-14"}
      },
      "sound": {
        "description": "\"on\" only on models with sound.",
        "enum": ["on", "off", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "mode": {
        "description": "std (720p) or pro (1080p); a fixed-mode model ignores it.",
        "enum": ["std", "pro", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "aspect_ratio": {
        "description": "Required unless a first_frame image or a base video sets the shape.",
        "enum": ["16:9", "9:16", "1:1", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "duration": {
        "description": "Whole seconds; sent as a string.",
        "anyOf": [{"$ref": "#/$defs/duration"}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-DURATION"]}
      },
      "watermark_info": {
        "type": ["object", "null"],
        "properties": {
          "enabled": {
            "description": "true: Kling also makes a watermarked copy.",
            "type": ["boolean", "null"],
            "x-kling-rule": {"type": "GEN-TYPE"}
          }
        },
        "additionalProperties": false,
        "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
      },
      "callback_url": {
        "description": "Where Kling posts status changes; \"\" is dropped.",
        "anyOf": [{"$ref": "#/$defs/http_url"}, {"const": ""}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      "external_task_id": {
        "description": "Unique per account; lets a create be found again. \"\" is dropped.",
        "type": ["string", "null"],
        "maxLength": 256,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      }
    },
    "additionalProperties": false,
    "allOf": [
      {
        "allOf": [
          {
            "if": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
            "then": {
              "required": ["shot_type"],
              "properties": {
                "shot_type": {
                  "description": "Required when multi_shot is true.",
                  "enum": ["customize", "intelligence", null],
                  "not": {"type": "null"},
                  "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM", "OV-1"], "not": "OV-1"}
                }
              },
              "if": {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}},
              "then": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "minLength": 1}}},
              "else": {
                "required": ["multi_prompt"],
                "properties": {
                  "multi_prompt": {
                    "description": "1–6 shots; required when multi_shot is true and shot_type is \"customize\".",
                    "type": ["array", "null"],
                    "minItems": 1,
                    "maxItems": 6,
                    "items": {
                      "type": "object",
                      "properties": {
                        "index": {
                          "description": "1, 2, … in order.",
                          "type": ["integer", "null"],
                          "not": {"type": "null"},
                          "x-kling-rule": {"type": ["GEN-TYPE", "GEN-RANGE"], "not": "GEN-REQUIRED"}
                        },
                        "prompt": {
                          "description": "≤ 512 characters.",
                          "type": ["string", "null"],
                          "minLength": 1,
                          "maxLength": 512,
                          "not": {"type": "null"},
                          "x-kling-rule": {
                            "type": "GEN-TYPE",
                            "minLength": "GEN-EMPTY",
                            "maxLength": "GEN-LENGTH",
                            "not": "GEN-REQUIRED"
                          }
                        },
                        "duration": {
                          "description": "Whole seconds, 1 … the request's duration; the shots add up to it.",
                          "anyOf": [
                            {
                              "type": "string",
                              "pattern": "^(?:0{0,3}(?:1|2|3|4|5|6|7|8|9)|0{0,2}(?:10|11|12|13|14|15))$"
                            },
                            {"type": "integer", "minimum": 1, "maximum": 15}
                          ],
                          "not": {"type": "null"},
                          "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-DURATION", "OV-5"], "not": "GEN-REQUIRED"}
                        }
                      },
                      "required": ["index", "prompt", "duration"],
                      "additionalProperties": false,
                      "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
                    },
                    "not": {"type": "null"},
                    "x-kling-rule": {"type": "GEN-TYPE", "minItems": "OV-1", "maxItems": "OV-1", "not": "OV-1"}
                  }
                },
                "x-kling-rule": {"required": "OV-1"}
              },
              "x-kling-rule": {"required": "OV-1", "then": "OV-1"}
            },
            "else": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "minLength": 1}}},
            "x-kling-rule": {"else": "OV-2"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "OV-1", "GEN-RANGE", "GEN-REQUIRED", "GEN-EMPTY", "GEN-DURATION", "OV-5"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
            "then": {
              "if": {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}},
              "then": {"$ref": "#/$defs/prompt_refs"},
              "else": {"$ref": "#/$defs/shot_prompt_refs"}
            },
            "else": {"$ref": "#/$defs/prompt_refs"}
          }
        ],
        "x-kling-rule": {
          "allOf": [
            "GEN-TYPE",
            "GEN-ENUM",
            "OV-1",
            "GEN-EMPTY",
            "GEN-IMAGE",
            "GEN-REQUIRED",
            "GEN-INT64",
            "GEN-URL",
            "OV-16",
            "GEN-RANGE",
            "GEN-DURATION",
            "OV-5"
          ]
        }
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}}
              ]
            },
            "x-kling-rule": {"not": "OV-1-intelligence"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "OV-1"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                {
                  "required": ["image_list"],
                  "properties": {
                    "image_list": {
                      "type": "array",
                      "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "end_frame"}}}
                    }
                  }
                }
              ]
            },
            "x-kling-rule": {"not": "OV-3"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM"]}
      },
      {
        "allOf": [
          {
            "if": {
              "required": ["image_list"],
              "properties": {
                "image_list": {
                  "type": "array",
                  "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "end_frame"}}}
                }
              }
            },
            "then": {
              "required": ["image_list"],
              "properties": {
                "image_list": {
                  "type": "array",
                  "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "first_frame"}}}
                }
              }
            },
            "x-kling-rule": {"then": "OV-7"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {
                  "required": ["video_list"],
                  "properties": {
                    "video_list": {
                      "type": "array",
                      "minItems": 1,
                      "maxItems": 1,
                      "items": {"type": "object", "properties": {"refer_type": {"enum": ["base", null]}}}
                    }
                  }
                },
                {
                  "required": ["image_list"],
                  "properties": {
                    "image_list": {
                      "type": "array",
                      "contains": {
                        "type": "object",
                        "required": ["type"],
                        "properties": {"type": {"enum": ["first_frame", "end_frame"]}}
                      }
                    }
                  }
                }
              ]
            },
            "x-kling-rule": {"not": "OV-8"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED", "GEN-ENUM", "OV-16", "GEN-IMAGE"]}
      },
      {
        "allOf": [
          {
            "properties": {
              "image_list": {
                "type": ["array", "null"],
                "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "first_frame"}}},
                "minContains": 0,
                "maxContains": 1,
                "x-kling-rule": {"type": "GEN-TYPE", "contains": "OV-10", "minContains": "OV-10", "maxContains": "OV-10"}
              }
            }
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM"]}
      },
      {
        "allOf": [
          {
            "properties": {
              "image_list": {
                "type": ["array", "null"],
                "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "end_frame"}}},
                "minContains": 0,
                "maxContains": 1,
                "x-kling-rule": {"type": "GEN-TYPE", "contains": "OV-10", "minContains": "OV-10", "maxContains": "OV-10"}
              }
            }
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
            "then": {
              "allOf": [
                {
                  "properties": {"image_list": {"type": ["array", "null"], "maxItems": 4, "x-kling-rule": {"type": "GEN-TYPE"}}}
                },
                {
                  "properties": {"element_list": {"type": ["array", "null"], "maxItems": 4, "x-kling-rule": {"type": "GEN-TYPE"}}}
                }
              ]
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED", "GEN-ENUM", "OV-16", "GEN-IMAGE", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {
              "required": ["image_list"],
              "properties": {
                "image_list": {
                  "type": "array",
                  "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "first_frame"}}}
                }
              }
            },
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 3, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-12"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
                {"required": ["sound"], "properties": {"sound": {"const": "on"}}}
              ]
            },
            "x-kling-rule": {"not": "OV-15"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED", "GEN-ENUM", "OV-16"]}
      },
      {
        "allOf": [
          {
            "anyOf": [
              {"required": ["aspect_ratio"], "properties": {"aspect_ratio": {"not": {"type": "null"}}}},
              {
                "required": ["image_list"],
                "properties": {
                  "image_list": {
                    "type": "array",
                    "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "first_frame"}}}
                  }
                }
              },
              {
                "required": ["video_list"],
                "properties": {
                  "video_list": {
                    "type": "array",
                    "contains": {"type": "object", "properties": {"refer_type": {"enum": ["base", null]}}}
                  }
                }
              }
            ],
            "x-kling-rule": {"anyOf": "OV-17"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-URL", "OV-16"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 1}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 6, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 2}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 5, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 3}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 4, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 4}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 3, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 5}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 2, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 6}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 1, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 7}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 0, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {
              "allOf": [
                {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
                {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 1}}}
              ]
            },
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 3, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED", "GEN-ENUM", "OV-16", "GEN-IMAGE", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {
              "allOf": [
                {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
                {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 2}}}
              ]
            },
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 2, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED", "GEN-ENUM", "OV-16", "GEN-IMAGE", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {
              "allOf": [
                {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
                {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 3}}}
              ]
            },
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 1, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED", "GEN-ENUM", "OV-16", "GEN-IMAGE", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {
              "allOf": [
                {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
                {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 4}}}
              ]
            },
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 0, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OV-11"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED", "GEN-ENUM", "OV-16", "GEN-IMAGE", "GEN-INT64"]}
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v3-omni"}}},
        "then": {
          "allOf": [
            {
              "if": {
                "required": ["video_list"],
                "properties": {
                  "video_list": {
                    "type": "array",
                    "contains": {"type": "object", "properties": {"refer_type": {"enum": ["base", null]}}}
                  }
                }
              },
              "else": {
                "if": {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
                "then": {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:3|4|5|6|7|8|9)|0{0,2}(?:10))$"},
                        {"enum": [3, 4, 5, 6, 7, 8, 9, 10]}
                      ]
                    }
                  }
                },
                "else": {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:3|4|5|6|7|8|9)|0{0,2}(?:10|11|12|13|14|15))$"},
                        {"enum": [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]}
                      ]
                    }
                  }
                },
                "x-kling-rule": {"then": "OV-19", "else": "OV-19"}
              }
            }
          ],
          "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED", "GEN-ENUM", "OV-16", "GEN-DURATION"]}
        }
      },
      {
        "if": {"properties": {"model_name": {"enum": ["kling-video-o1", null]}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "OV-4"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {
                        "required": ["image_list"],
                        "properties": {
                          "image_list": {
                            "type": "array",
                            "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "end_frame"}}}
                          }
                        }
                      },
                      {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 3}}}
                    ]
                  },
                  "x-kling-rule": {"not": "OV-9"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {
                        "required": ["image_list"],
                        "properties": {
                          "image_list": {
                            "type": "array",
                            "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "first_frame"}}}
                          }
                        }
                      },
                      {
                        "required": ["image_list"],
                        "properties": {
                          "image_list": {
                            "type": "array",
                            "contains": {"type": "object", "required": ["type"], "properties": {"type": {"const": "end_frame"}}}
                          }
                        }
                      }
                    ]
                  },
                  "then": {
                    "properties": {"element_list": {"type": ["array", "null"], "maxItems": 0, "x-kling-rule": {"type": "GEN-TYPE"}}}
                  },
                  "x-kling-rule": {"then": "OV-12"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-ENUM", "GEN-INT64"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "required": ["video_list"],
                    "properties": {
                      "video_list": {
                        "type": "array",
                        "contains": {"type": "object", "properties": {"refer_type": {"enum": ["base", null]}}}
                      }
                    }
                  },
                  "else": {
                    "if": {
                      "allOf": [
                        {
                          "not": {
                            "required": ["image_list"],
                            "properties": {
                              "image_list": {
                                "type": "array",
                                "contains": {
                                  "not": {
                                    "type": "object",
                                    "required": ["type"],
                                    "properties": {"type": {"const": "first_frame"}}
                                  }
                                }
                              }
                            }
                          }
                        },
                        {
                          "not": {
                            "required": ["element_list"],
                            "properties": {"element_list": {"type": "array", "minItems": 1}}
                          }
                        },
                        {
                          "not": {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}}
                        }
                      ]
                    },
                    "then": {
                      "properties": {
                        "duration": {
                          "anyOf": [
                            {"not": {"$ref": "#/$defs/duration"}},
                            {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                            {"enum": [5, 10]}
                          ]
                        }
                      }
                    },
                    "else": {
                      "properties": {
                        "duration": {
                          "anyOf": [
                            {"not": {"$ref": "#/$defs/duration"}},
                            {"type": "string", "pattern": "^(?:0{0,3}(?:3|4|5|6|7|8|9)|0{0,2}(?:10))$"},
                            {"enum": [3, 4, 5, 6, 7, 8, 9, 10]}
                          ]
                        }
                      }
                    },
                    "x-kling-rule": {"then": "OV-18", "else": "OV-18"}
                  }
                }
              ],
              "x-kling-rule": {
                "allOf": [
                  "GEN-TYPE",
                  "GEN-EMPTY",
                  "GEN-URL",
                  "GEN-REQUIRED",
                  "GEN-ENUM",
                  "OV-16",
                  "GEN-IMAGE",
                  "GEN-INT64",
                  "GEN-DURATION"
                ]
              }
            }
          ]
        }
      }
    ],
    "$defs": {
      "http_url": {
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$"
      },
      "image": {
        "description": "An http(s) URL, or raw base64 (no data: prefix) of a JPEG or PNG image.",
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$|^(?:(?:/9j/|iVBORw0KGg[o-r])[A-Za-z0-9+/]*|(?:_9j_|iVBORw0KGg[o-r])[A-Za-z0-9_-]*)={0,2}$"
      },
      "element_id": {
        "description": "int64 digits (leading zeros allowed), 1 … 2^63 − 1, or a whole number; keep ids above 2^53 as strings.",
        "anyOf": [
          {
            "type": "string",
            "pattern": "^0*(?:[1-9][0-9]{0,17}|[1-8][0-9]{18}|9[0-1][0-9]{17}|92[0-1][0-9]{16}|922[0-2][0-9]{15}|9223[0-2][0-9]{14}|92233[0-6][0-9]{13}|922337[0-1][0-9]{12}|92233720[0-2][0-9]{10}|922337203[0-5][0-9]{9}|9223372036[0-7][0-9]{8}|92233720368[0-4][0-9]{7}|922337203685[0-3][0-9]{6}|9223372036854[0-6][0-9]{5}|92233720368547[0-6][0-9]{4}|922337203685477[0-4][0-9]{3}|9223372036854775[0-7][0-9]{2}|922337203685477580[0-6]|9223372036854775807)$"
          },
          {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}
        ]
      },
      "duration": {
        "description": "Whole seconds: 1–4 digits, or a whole number; the body sends it as a string.",
        "anyOf": [{"type": "string", "pattern": "^[0-9]{1,4}$"}, {"type": "integer", "minimum": 0, "maximum": 4294967295}]
      },
      "prompt_refs": {
        "type": "object",
        "allOf": [
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?(?:0+|0*(?:[8-9]|[1-9][0-9]{1,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:1)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:2)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:3)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:4)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 4}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:5)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 5}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:6)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 6}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:7)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 7}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?(?:0+|0*(?:[8-9]|[1-9][0-9]{1,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:1)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:2)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:3)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:4)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 4}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:5)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 5}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:6)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 6}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:7)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 7}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?(?:0+|0*(?:[2-9]|[1-9][0-9]{1,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?0*(?:1)>>>"}}},
            "then": {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          }
        ]
      },
      "shot_prompt_refs": {
        "type": "object",
        "allOf": [
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?(?:0+|0*(?:[8-9]|[1-9][0-9]{1,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:1)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:2)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:3)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:4)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 4}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:5)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 5}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:6)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 6}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:7)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 7}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?(?:0+|0*(?:[8-9]|[1-9][0-9]{1,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:1)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:2)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:3)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:4)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 4}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:5)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 5}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:6)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 6}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:7)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 7}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?(?:0+|0*(?:[2-9]|[1-9][0-9]{1,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?0*(?:1)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["video_list"], "properties": {"video_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          }
        ]
      }
    },
    "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
  },
  "text2video": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "TextToVideoRequest",
    "description": "The request body of POST /v1/videos/text2video (kling-api.md §5.1). null reads as left out. Sound: it never refuses a request validate() accepts with the default rules. validate() also checks, beyond what this schema says: GEN-EMPTY: A string has content; an empty callback_url or external_task_id is dropped with a warning (here a string only needs one character, blank ones pass); GEN-REF: A prompt reference <<<kind_N>>> points at an existing list item (here a reference whose number has more than 9 digits passes); GEN-DUPLICATE: No key twice in one object (only JSON text can carry this) (JSON Schema sees parsed values); TV-5: The prompt / multi_prompt rules of OV-1, OV-2, OV-5 and OV-6 (here not the shots' index order, a shot longer than the request, nor the sum of the shots).",
    "type": "object",
    "properties": {
      "model_name": {
        "description": "The model; left out, the API's old default applies (the body then names it, with a warning).",
        "enum": [
          "kling-v3",
          "kling-v2-6",
          "kling-v2-5-turbo",
          "kling-v2-1-master",
          "kling-v2-master",
          "kling-v1-6",
          "kling-v1",
          null
        ],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-MODEL", "TV-1"]}
      },
      "multi_shot": {
        "description": "true: the shots of `multi_prompt` (or `intelligence` splitting).",
        "type": ["boolean", "null"],
        "x-kling-rule": {"type": "GEN-TYPE"}
      },
      "shot_type": {
        "description": "Required when multi_shot is true. Read only when multi_shot is true; otherwise ignored, whatever it holds."
      },
      "prompt": {
        "description": "≤ 2500 characters; needed unless the shots of multi_prompt carry the prompts.",
        "type": ["string", "null"],
        "maxLength": 2500,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      },
      "multi_prompt": {
        "description": "1–6 shots; required when multi_shot is true and shot_type is \"customize\". Read only when multi_shot is true; otherwise ignored, whatever it holds."
      },
      "negative_prompt": {"type": ["string", "null"], "maxLength": 2500, "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}},
      "voice_list": {
        "description": "At most 2 voices, named <<<voice_N>>> in prompts; needs sound \"on\".",
        "type": ["array", "null"],
        "maxItems": 2,
        "items": {
          "type": "object",
          "properties": {
            "voice_id": {
              "type": ["string", "null"],
              "minLength": 1,
              "not": {"type": "null"},
              "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY", "not": "GEN-REQUIRED"}
            }
          },
          "required": ["voice_id"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "TV-4"}
      },
      "sound": {
        "description": "\"on\" only on models with sound.",
        "enum": ["on", "off", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "cfg_scale": {
        "description": "[0, 1]; kling-v1.x only by default (§12).",
        "type": ["number", "null"],
        "minimum": 0,
        "maximum": 1,
        "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
      },
      "mode": {
        "description": "std (720p) or pro (1080p); a fixed-mode model ignores it.",
        "enum": ["std", "pro", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "aspect_ratio": {
        "description": "\"16:9\" is the API's default.",
        "enum": ["16:9", "9:16", "1:1", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "duration": {
        "description": "Whole seconds; sent as a string.",
        "anyOf": [{"$ref": "#/$defs/duration"}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-DURATION"]}
      },
      "camera_control": {
        "description": "Legacy; text2video kling-v1 std 5 s, image2video kling-v1-5 pro 5 s.",
        "type": ["object", "null"],
        "properties": {
          "type": {
            "description": "Required on image2video.",
            "enum": ["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward", null],
            "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
          },
          "config": {
            "description": "Required for \"simple\", with exactly one non-zero axis; left out or all zero for the others.",
            "type": ["object", "null"],
            "properties": {
              "horizontal": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "vertical": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "pan": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "tilt": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "roll": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "zoom": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              }
            },
            "additionalProperties": false,
            "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
          }
        },
        "additionalProperties": false,
        "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
      },
      "watermark_info": {
        "type": ["object", "null"],
        "properties": {
          "enabled": {
            "description": "true: Kling also makes a watermarked copy.",
            "type": ["boolean", "null"],
            "x-kling-rule": {"type": "GEN-TYPE"}
          }
        },
        "additionalProperties": false,
        "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
      },
      "callback_url": {
        "description": "Where Kling posts status changes; \"\" is dropped.",
        "anyOf": [{"$ref": "#/$defs/http_url"}, {"const": ""}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      "external_task_id": {
        "description": "Unique per account; lets a create be found again. \"\" is dropped.",
        "type": ["string", "null"],
        "maxLength": 256,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      }
    },
    "additionalProperties": false,
    "allOf": [
      {
        "allOf": [
          {
            "if": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
            "then": {
              "required": ["shot_type"],
              "properties": {
                "shot_type": {
                  "description": "Required when multi_shot is true.",
                  "enum": ["customize", "intelligence", null],
                  "not": {"type": "null"},
                  "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM", "TV-5"], "not": "TV-5"}
                }
              },
              "if": {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}},
              "then": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "minLength": 1}}},
              "else": {
                "required": ["multi_prompt"],
                "properties": {
                  "multi_prompt": {
                    "description": "1–6 shots; required when multi_shot is true and shot_type is \"customize\".",
                    "type": ["array", "null"],
                    "minItems": 1,
                    "maxItems": 6,
                    "items": {
                      "type": "object",
                      "properties": {
                        "index": {
                          "description": "1, 2, … in order.",
                          "type": ["integer", "null"],
                          "not": {"type": "null"},
                          "x-kling-rule": {"type": ["GEN-TYPE", "GEN-RANGE"], "not": "GEN-REQUIRED"}
                        },
                        "prompt": {
                          "description": "≤ 512 characters.",
                          "type": ["string", "null"],
                          "minLength": 1,
                          "maxLength": 512,
                          "not": {"type": "null"},
                          "x-kling-rule": {
                            "type": "GEN-TYPE",
                            "minLength": "GEN-EMPTY",
                            "maxLength": "GEN-LENGTH",
                            "not": "GEN-REQUIRED"
                          }
                        },
                        "duration": {
                          "description": "Whole seconds, 1 … the request's duration; the shots add up to it.",
                          "anyOf": [
                            {
                              "type": "string",
                              "pattern": "^(?:0{0,3}(?:1|2|3|4|5|6|7|8|9)|0{0,2}(?:10|11|12|13|14|15))$"
                            },
                            {"type": "integer", "minimum": 1, "maximum": 15}
                          ],
                          "not": {"type": "null"},
                          "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-DURATION", "TV-5"], "not": "GEN-REQUIRED"}
                        }
                      },
                      "required": ["index", "prompt", "duration"],
                      "additionalProperties": false,
                      "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
                    },
                    "not": {"type": "null"},
                    "x-kling-rule": {"type": "GEN-TYPE", "minItems": "TV-5", "maxItems": "TV-5", "not": "TV-5"}
                  }
                },
                "x-kling-rule": {"required": "TV-5"}
              },
              "x-kling-rule": {"required": "TV-5", "then": "TV-5"}
            },
            "else": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "minLength": 1}}},
            "x-kling-rule": {"else": "TV-5"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "TV-5", "GEN-RANGE", "GEN-REQUIRED", "GEN-EMPTY", "GEN-DURATION"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
            "then": {
              "if": {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}},
              "then": {"$ref": "#/$defs/prompt_refs"},
              "else": {"$ref": "#/$defs/shot_prompt_refs"}
            },
            "else": {"$ref": "#/$defs/prompt_refs"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "TV-5", "GEN-EMPTY", "GEN-REQUIRED", "GEN-RANGE", "GEN-DURATION"]}
      },
      {
        "allOf": [
          {
            "properties": {
              "camera_control": {
                "type": ["object", "null"],
                "allOf": [
                  {
                    "if": {"required": ["type"], "properties": {"type": {"const": "simple"}}},
                    "then": {
                      "required": ["config"],
                      "properties": {
                        "config": {
                          "type": "object",
                          "anyOf": [
                            {
                              "required": ["horizontal"],
                              "properties": {
                                "horizontal": {"not": {"enum": [0, null]}},
                                "vertical": {"enum": [0, null]},
                                "pan": {"enum": [0, null]},
                                "tilt": {"enum": [0, null]},
                                "roll": {"enum": [0, null]},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["vertical"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"not": {"enum": [0, null]}},
                                "pan": {"enum": [0, null]},
                                "tilt": {"enum": [0, null]},
                                "roll": {"enum": [0, null]},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["pan"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"enum": [0, null]},
                                "pan": {"not": {"enum": [0, null]}},
                                "tilt": {"enum": [0, null]},
                                "roll": {"enum": [0, null]},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["tilt"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"enum": [0, null]},
                                "pan": {"enum": [0, null]},
                                "tilt": {"not": {"enum": [0, null]}},
                                "roll": {"enum": [0, null]},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["roll"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"enum": [0, null]},
                                "pan": {"enum": [0, null]},
                                "tilt": {"enum": [0, null]},
                                "roll": {"not": {"enum": [0, null]}},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["zoom"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"enum": [0, null]},
                                "pan": {"enum": [0, null]},
                                "tilt": {"enum": [0, null]},
                                "roll": {"enum": [0, null]},
                                "zoom": {"not": {"enum": [0, null]}}
                              }
                            }
                          ]
                        }
                      },
                      "x-kling-rule": {"required": "GEN-CAMERA"}
                    },
                    "x-kling-rule": {"then": "GEN-CAMERA"}
                  },
                  {
                    "if": {
                      "allOf": [
                        {"required": ["type"], "properties": {"type": {"not": {"type": "null"}}}},
                        {"not": {"required": ["type"], "properties": {"type": {"const": "simple"}}}}
                      ]
                    },
                    "then": {
                      "properties": {
                        "config": {
                          "type": ["object", "null"],
                          "properties": {
                            "horizontal": {"enum": [0, null]},
                            "vertical": {"enum": [0, null]},
                            "pan": {"enum": [0, null]},
                            "tilt": {"enum": [0, null]},
                            "roll": {"enum": [0, null]},
                            "zoom": {"enum": [0, null]}
                          }
                        }
                      }
                    },
                    "x-kling-rule": {"then": "GEN-CAMERA"}
                  }
                ]
              }
            }
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {
                  "anyOf": [
                    {
                      "allOf": [
                        {"not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}}},
                        {
                          "required": ["prompt"],
                          "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*[0-9]{1,9}>>>"}}
                        }
                      ]
                    },
                    {
                      "allOf": [
                        {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                        {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}},
                        {
                          "required": ["prompt"],
                          "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*[0-9]{1,9}>>>"}}
                        }
                      ]
                    },
                    {
                      "allOf": [
                        {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                        {"required": ["shot_type"], "properties": {"shot_type": {"const": "customize"}}},
                        {
                          "required": ["multi_prompt"],
                          "properties": {
                            "multi_prompt": {
                              "type": "array",
                              "contains": {
                                "type": "object",
                                "required": ["prompt"],
                                "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*[0-9]{1,9}>>>"}}
                              }
                            }
                          }
                        }
                      ]
                    }
                  ]
                },
                {"not": {"required": ["sound"], "properties": {"sound": {"const": "on"}}}}
              ]
            },
            "x-kling-rule": {"not": "TV-4"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "TV-5", "GEN-RANGE", "GEN-REQUIRED", "GEN-EMPTY", "GEN-DURATION"]}
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v3"}}},
        "then": {
          "allOf": [
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:3|4|5|6|7|8|9)|0{0,2}(?:10|11|12|13|14|15))$"},
                        {"enum": [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]}
                      ],
                      "x-kling-rule": {"anyOf": "TV-2"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-2-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-6"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-6"}}},
        "then": {
          "allOf": [
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "TV-2"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "if": {"required": ["sound"], "properties": {"sound": {"const": "on"}}},
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "TV-3"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "if": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "TV-3"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-2-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-6"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-5-turbo"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "TV-2"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-2-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-6"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-1-master"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "TV-2"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-2-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-6"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-master"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "TV-2"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-2-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-6"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v1-6"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "TV-2"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "TV-6"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            }
          ]
        }
      },
      {
        "if": {"properties": {"model_name": {"enum": ["kling-v1", null]}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "TV-2"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "TV-2"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "if": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "then": {
                    "allOf": [
                      {"properties": {"mode": {"enum": ["std", null]}}},
                      {
                        "properties": {
                          "duration": {
                            "anyOf": [
                              {"not": {"$ref": "#/$defs/duration"}},
                              {"type": "string", "pattern": "^(?:0{0,3}(?:5))$"},
                              {"enum": [5]}
                            ]
                          }
                        }
                      }
                    ]
                  },
                  "x-kling-rule": {"then": "TV-6"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE", "GEN-DURATION"]}
            }
          ]
        }
      }
    ],
    "$defs": {
      "http_url": {
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$"
      },
      "image": {
        "description": "An http(s) URL, or raw base64 (no data: prefix) of a JPEG or PNG image.",
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$|^(?:(?:/9j/|iVBORw0KGg[o-r])[A-Za-z0-9+/]*|(?:_9j_|iVBORw0KGg[o-r])[A-Za-z0-9_-]*)={0,2}$"
      },
      "element_id": {
        "description": "int64 digits (leading zeros allowed), 1 … 2^63 − 1, or a whole number; keep ids above 2^53 as strings.",
        "anyOf": [
          {
            "type": "string",
            "pattern": "^0*(?:[1-9][0-9]{0,17}|[1-8][0-9]{18}|9[0-1][0-9]{17}|92[0-1][0-9]{16}|922[0-2][0-9]{15}|9223[0-2][0-9]{14}|92233[0-6][0-9]{13}|922337[0-1][0-9]{12}|92233720[0-2][0-9]{10}|922337203[0-5][0-9]{9}|9223372036[0-7][0-9]{8}|92233720368[0-4][0-9]{7}|922337203685[0-3][0-9]{6}|9223372036854[0-6][0-9]{5}|92233720368547[0-6][0-9]{4}|922337203685477[0-4][0-9]{3}|9223372036854775[0-7][0-9]{2}|922337203685477580[0-6]|9223372036854775807)$"
          },
          {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}
        ]
      },
      "duration": {
        "description": "Whole seconds: 1–4 digits, or a whole number; the body sends it as a string.",
        "anyOf": [{"type": "string", "pattern": "^[0-9]{1,4}$"}, {"type": "integer", "minimum": 0, "maximum": 4294967295}]
      },
      "prompt_refs": {
        "type": "object",
        "allOf": [
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?(?:0+|0*(?:[3-9]|[1-9][0-9]{1,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*(?:1)>>>"}}},
            "then": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*(?:2)>>>"}}},
            "then": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          }
        ]
      },
      "shot_prompt_refs": {
        "type": "object",
        "allOf": [
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?(?:0+|0*(?:[3-9]|[1-9][0-9]{1,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*(?:1)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*(?:2)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          }
        ]
      }
    },
    "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
  },
  "image2video": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "ImageToVideoRequest",
    "description": "The request body of POST /v1/videos/image2video (kling-api.md §6.1). null reads as left out. Sound: it never refuses a request validate() accepts with the default rules. validate() also checks, beyond what this schema says: GEN-EMPTY: A string has content; an empty callback_url or external_task_id is dropped with a warning (here a string only needs one character, blank ones pass); GEN-INT64: Element ids keep their exact int64 digits (a JS number above 2^53 has lost them) (here an id given as a number above 2^53 passes); GEN-REF: A prompt reference <<<kind_N>>> points at an existing list item (here a reference whose number has more than 9 digits passes); GEN-DUPLICATE: No key twice in one object (only JSON text can carry this) (JSON Schema sees parsed values); IV-3: Multi-shot: kling-v3 only, no image_tail, and the prompt rules of OV-1, OV-2, OV-5, OV-6 (here not the shots' index order, a shot longer than the request, nor the sum of the shots).",
    "type": "object",
    "properties": {
      "model_name": {
        "description": "The model; left out, the API's old default applies (the body then names it, with a warning).",
        "enum": [
          "kling-v3",
          "kling-v2-6",
          "kling-v2-5-turbo",
          "kling-v2-1-master",
          "kling-v2-1",
          "kling-v2-master",
          "kling-v1-6",
          "kling-v1-5",
          "kling-v1",
          null
        ],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-MODEL"]}
      },
      "image": {
        "description": "Start frame; <<<image_1>>> in a prompt.",
        "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
      },
      "image_tail": {
        "description": "End frame; <<<image_2>>> when image is given too.",
        "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
      },
      "multi_shot": {
        "description": "true: the shots of `multi_prompt` (or `intelligence` splitting).",
        "type": ["boolean", "null"],
        "x-kling-rule": {"type": "GEN-TYPE"}
      },
      "shot_type": {
        "description": "Required when multi_shot is true. Read only when multi_shot is true; otherwise ignored, whatever it holds."
      },
      "prompt": {
        "description": "≤ 2500 characters; needed unless the shots of multi_prompt carry the prompts.",
        "type": ["string", "null"],
        "maxLength": 2500,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      },
      "multi_prompt": {
        "description": "1–6 shots; required when multi_shot is true and shot_type is \"customize\". Read only when multi_shot is true; otherwise ignored, whatever it holds."
      },
      "negative_prompt": {"type": ["string", "null"], "maxLength": 2500, "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}},
      "element_list": {
        "description": "At most 3 elements (kling-v3); not with voice_list by default (IV-6).",
        "type": ["array", "null"],
        "maxItems": 3,
        "items": {
          "type": "object",
          "properties": {
            "element_id": {
              "description": "Exact digits: a string or BigInt, or a number while it is a safe integer.",
              "anyOf": [{"$ref": "#/$defs/element_id"}, {"type": "null"}],
              "not": {"type": "null"},
              "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-INT64"], "not": "GEN-REQUIRED"}
            }
          },
          "required": ["element_id"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "IV-4"}
      },
      "voice_list": {
        "description": "At most 2 voices, named <<<voice_N>>> in prompts; needs sound \"on\".",
        "type": ["array", "null"],
        "maxItems": 2,
        "items": {
          "type": "object",
          "properties": {
            "voice_id": {
              "type": ["string", "null"],
              "minLength": 1,
              "not": {"type": "null"},
              "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY", "not": "GEN-REQUIRED"}
            }
          },
          "required": ["voice_id"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "IV-5"}
      },
      "sound": {
        "description": "\"on\" only on models with sound.",
        "enum": ["on", "off", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "cfg_scale": {
        "description": "[0, 1]; kling-v1.x only by default (§12).",
        "type": ["number", "null"],
        "minimum": 0,
        "maximum": 1,
        "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
      },
      "mode": {
        "description": "std (720p) or pro (1080p); a fixed-mode model ignores it.",
        "enum": ["std", "pro", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "duration": {
        "description": "Whole seconds; sent as a string.",
        "anyOf": [{"$ref": "#/$defs/duration"}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-DURATION"]}
      },
      "static_mask": {
        "description": "Legacy motion brush: the area that stays still.",
        "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
      },
      "dynamic_masks": {
        "description": "Legacy motion brush: up to 6 moving areas.",
        "type": ["array", "null"],
        "maxItems": 6,
        "items": {
          "type": "object",
          "properties": {
            "mask": {
              "description": "An image of the same resolution as static_mask.",
              "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
              "not": {"type": "null"},
              "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"], "not": "GEN-REQUIRED"}
            },
            "trajectories": {
              "description": "2 to 77 points for a 5 s video.",
              "type": ["array", "null"],
              "minItems": 2,
              "maxItems": 77,
              "items": {
                "type": "object",
                "properties": {
                  "x": {
                    "type": ["integer", "null"],
                    "not": {"type": "null"},
                    "x-kling-rule": {"type": ["GEN-TYPE", "GEN-RANGE"], "not": "GEN-REQUIRED"}
                  },
                  "y": {
                    "type": ["integer", "null"],
                    "not": {"type": "null"},
                    "x-kling-rule": {"type": ["GEN-TYPE", "GEN-RANGE"], "not": "GEN-REQUIRED"}
                  }
                },
                "required": ["x", "y"],
                "additionalProperties": false,
                "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
              },
              "not": {"type": "null"},
              "x-kling-rule": {
                "type": "GEN-TYPE",
                "minItems": "GEN-MOTION-BRUSH",
                "maxItems": "GEN-MOTION-BRUSH",
                "not": "GEN-REQUIRED"
              }
            }
          },
          "required": ["mask", "trajectories"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "GEN-MOTION-BRUSH"}
      },
      "camera_control": {
        "description": "Legacy; text2video kling-v1 std 5 s, image2video kling-v1-5 pro 5 s.",
        "type": ["object", "null"],
        "properties": {
          "type": {
            "description": "Required on image2video.",
            "enum": ["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward", null],
            "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
          },
          "config": {
            "description": "Required for \"simple\", with exactly one non-zero axis; left out or all zero for the others.",
            "type": ["object", "null"],
            "properties": {
              "horizontal": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "vertical": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "pan": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "tilt": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "roll": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              },
              "zoom": {
                "type": ["number", "null"],
                "minimum": -10,
                "maximum": 10,
                "x-kling-rule": {"type": "GEN-TYPE", "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
              }
            },
            "additionalProperties": false,
            "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
          }
        },
        "additionalProperties": false,
        "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
      },
      "watermark_info": {
        "type": ["object", "null"],
        "properties": {
          "enabled": {
            "description": "true: Kling also makes a watermarked copy.",
            "type": ["boolean", "null"],
            "x-kling-rule": {"type": "GEN-TYPE"}
          }
        },
        "additionalProperties": false,
        "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
      },
      "callback_url": {
        "description": "Where Kling posts status changes; \"\" is dropped.",
        "anyOf": [{"$ref": "#/$defs/http_url"}, {"const": ""}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      "external_task_id": {
        "description": "Unique per account; lets a create be found again. \"\" is dropped.",
        "type": ["string", "null"],
        "maxLength": 256,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      }
    },
    "additionalProperties": false,
    "allOf": [
      {
        "allOf": [
          {
            "if": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
            "then": {
              "required": ["shot_type"],
              "properties": {
                "shot_type": {
                  "description": "Required when multi_shot is true.",
                  "enum": ["customize", "intelligence", null],
                  "not": {"type": "null"},
                  "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM", "IV-3"], "not": "IV-3"}
                }
              },
              "if": {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}},
              "then": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "minLength": 1}}},
              "else": {
                "required": ["multi_prompt"],
                "properties": {
                  "multi_prompt": {
                    "description": "1–6 shots; required when multi_shot is true and shot_type is \"customize\".",
                    "type": ["array", "null"],
                    "minItems": 1,
                    "maxItems": 6,
                    "items": {
                      "type": "object",
                      "properties": {
                        "index": {
                          "description": "1, 2, … in order.",
                          "type": ["integer", "null"],
                          "not": {"type": "null"},
                          "x-kling-rule": {"type": ["GEN-TYPE", "GEN-RANGE"], "not": "GEN-REQUIRED"}
                        },
                        "prompt": {
                          "description": "≤ 512 characters.",
                          "type": ["string", "null"],
                          "minLength": 1,
                          "maxLength": 512,
                          "not": {"type": "null"},
                          "x-kling-rule": {
                            "type": "GEN-TYPE",
                            "minLength": "GEN-EMPTY",
                            "maxLength": "GEN-LENGTH",
                            "not": "GEN-REQUIRED"
                          }
                        },
                        "duration": {
                          "description": "Whole seconds, 1 … the request's duration; the shots add up to it.",
                          "anyOf": [
                            {
                              "type": "string",
                              "pattern": "^(?:0{0,3}(?:1|2|3|4|5|6|7|8|9)|0{0,2}(?:10|11|12|13|14|15))$"
                            },
                            {"type": "integer", "minimum": 1, "maximum": 15}
                          ],
                          "not": {"type": "null"},
                          "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-DURATION", "IV-3"], "not": "GEN-REQUIRED"}
                        }
                      },
                      "required": ["index", "prompt", "duration"],
                      "additionalProperties": false,
                      "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
                    },
                    "not": {"type": "null"},
                    "x-kling-rule": {"type": "GEN-TYPE", "minItems": "IV-3", "maxItems": "IV-3", "not": "IV-3"}
                  }
                },
                "x-kling-rule": {"required": "IV-3"}
              },
              "x-kling-rule": {"required": "IV-3", "then": "IV-3"}
            },
            "else": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "minLength": 1}}},
            "x-kling-rule": {"else": "IV-3"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "IV-3", "GEN-RANGE", "GEN-REQUIRED", "GEN-EMPTY", "GEN-DURATION"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
            "then": {
              "if": {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}},
              "then": {"$ref": "#/$defs/prompt_refs"},
              "else": {"$ref": "#/$defs/shot_prompt_refs"}
            },
            "else": {"$ref": "#/$defs/prompt_refs"}
          }
        ],
        "x-kling-rule": {
          "allOf": [
            "GEN-TYPE",
            "GEN-ENUM",
            "IV-3",
            "GEN-EMPTY",
            "GEN-IMAGE",
            "GEN-INT64",
            "GEN-REQUIRED",
            "GEN-RANGE",
            "GEN-DURATION"
          ]
        }
      },
      {
        "allOf": [
          {
            "properties": {
              "camera_control": {
                "type": ["object", "null"],
                "allOf": [
                  {
                    "if": {"required": ["type"], "properties": {"type": {"const": "simple"}}},
                    "then": {
                      "required": ["config"],
                      "properties": {
                        "config": {
                          "type": "object",
                          "anyOf": [
                            {
                              "required": ["horizontal"],
                              "properties": {
                                "horizontal": {"not": {"enum": [0, null]}},
                                "vertical": {"enum": [0, null]},
                                "pan": {"enum": [0, null]},
                                "tilt": {"enum": [0, null]},
                                "roll": {"enum": [0, null]},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["vertical"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"not": {"enum": [0, null]}},
                                "pan": {"enum": [0, null]},
                                "tilt": {"enum": [0, null]},
                                "roll": {"enum": [0, null]},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["pan"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"enum": [0, null]},
                                "pan": {"not": {"enum": [0, null]}},
                                "tilt": {"enum": [0, null]},
                                "roll": {"enum": [0, null]},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["tilt"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"enum": [0, null]},
                                "pan": {"enum": [0, null]},
                                "tilt": {"not": {"enum": [0, null]}},
                                "roll": {"enum": [0, null]},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["roll"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"enum": [0, null]},
                                "pan": {"enum": [0, null]},
                                "tilt": {"enum": [0, null]},
                                "roll": {"not": {"enum": [0, null]}},
                                "zoom": {"enum": [0, null]}
                              }
                            },
                            {
                              "required": ["zoom"],
                              "properties": {
                                "horizontal": {"enum": [0, null]},
                                "vertical": {"enum": [0, null]},
                                "pan": {"enum": [0, null]},
                                "tilt": {"enum": [0, null]},
                                "roll": {"enum": [0, null]},
                                "zoom": {"not": {"enum": [0, null]}}
                              }
                            }
                          ]
                        }
                      },
                      "x-kling-rule": {"required": "GEN-CAMERA"}
                    },
                    "x-kling-rule": {"then": "GEN-CAMERA"}
                  },
                  {
                    "if": {
                      "allOf": [
                        {"required": ["type"], "properties": {"type": {"not": {"type": "null"}}}},
                        {"not": {"required": ["type"], "properties": {"type": {"const": "simple"}}}}
                      ]
                    },
                    "then": {
                      "properties": {
                        "config": {
                          "type": ["object", "null"],
                          "properties": {
                            "horizontal": {"enum": [0, null]},
                            "vertical": {"enum": [0, null]},
                            "pan": {"enum": [0, null]},
                            "tilt": {"enum": [0, null]},
                            "roll": {"enum": [0, null]},
                            "zoom": {"enum": [0, null]}
                          }
                        }
                      }
                    },
                    "x-kling-rule": {"then": "GEN-CAMERA"}
                  },
                  {"required": ["type"], "x-kling-rule": {"required": "GEN-REQUIRED"}}
                ]
              }
            }
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {
                  "anyOf": [
                    {
                      "allOf": [
                        {"not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}}},
                        {
                          "required": ["prompt"],
                          "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*[0-9]{1,9}>>>"}}
                        }
                      ]
                    },
                    {
                      "allOf": [
                        {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                        {"required": ["shot_type"], "properties": {"shot_type": {"const": "intelligence"}}},
                        {
                          "required": ["prompt"],
                          "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*[0-9]{1,9}>>>"}}
                        }
                      ]
                    },
                    {
                      "allOf": [
                        {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                        {"required": ["shot_type"], "properties": {"shot_type": {"const": "customize"}}},
                        {
                          "required": ["multi_prompt"],
                          "properties": {
                            "multi_prompt": {
                              "type": "array",
                              "contains": {
                                "type": "object",
                                "required": ["prompt"],
                                "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*[0-9]{1,9}>>>"}}
                              }
                            }
                          }
                        }
                      ]
                    }
                  ]
                },
                {"not": {"required": ["sound"], "properties": {"sound": {"const": "on"}}}}
              ]
            },
            "x-kling-rule": {"not": "IV-5"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "IV-3", "GEN-RANGE", "GEN-REQUIRED", "GEN-EMPTY", "GEN-DURATION"]}
      },
      {
        "allOf": [
          {
            "anyOf": [
              {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
              {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
            ],
            "x-kling-rule": {"anyOf": "IV-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}}
              ]
            },
            "x-kling-rule": {"not": "IV-3"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                {
                  "anyOf": [
                    {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                    {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                  ]
                }
              ]
            },
            "x-kling-rule": {"not": "IV-2"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"not": "IV-2"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM", "GEN-RANGE"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {
                  "anyOf": [
                    {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                    {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                  ]
                },
                {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"not": "IV-2"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE", "GEN-ENUM"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}}
              ]
            },
            "x-kling-rule": {"not": "IV-6"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v3"}}},
        "then": {
          "allOf": [
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:3|4|5|6|7|8|9)|0{0,2}(?:10|11|12|13|14|15))$"},
                        {"enum": [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-6"}}},
        "then": {
          "allOf": [
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "if": {"required": ["sound"], "properties": {"sound": {"const": "on"}}},
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-7"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "if": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-7"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "IV-3"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
                    ]
                  },
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"required": ["sound"], "properties": {"sound": {"const": "on"}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-7"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-5-turbo"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-5"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "IV-3"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
                    ]
                  },
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-1-master"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-5"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "IV-3"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-1"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-5"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "IV-3"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
                    ]
                  },
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-master"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-5"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["cfg_scale"], "properties": {"cfg_scale": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8-cfg_scale"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "IV-3"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v1-6"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-5"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "IV-3"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
                    ]
                  },
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v1-5"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-5"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "IV-3"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "if": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "then": {
                    "allOf": [
                      {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                      {
                        "properties": {
                          "duration": {
                            "anyOf": [
                              {"not": {"$ref": "#/$defs/duration"}},
                              {"type": "string", "pattern": "^(?:0{0,3}(?:5))$"},
                              {"enum": [5]}
                            ]
                          }
                        }
                      }
                    ]
                  },
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "camera_control": {
                      "type": ["object", "null"],
                      "properties": {"type": {"enum": ["simple", null]}},
                      "x-kling-rule": {"properties": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
                    ]
                  },
                  "then": {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "then": {
                    "allOf": [
                      {"properties": {"mode": {"enum": ["pro"]}}, "required": ["mode"]},
                      {
                        "properties": {
                          "duration": {
                            "anyOf": [
                              {"not": {"$ref": "#/$defs/duration"}},
                              {"type": "string", "pattern": "^(?:0{0,3}(?:5))$"},
                              {"enum": [5]}
                            ]
                          }
                        }
                      }
                    ]
                  },
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE", "GEN-ENUM", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            }
          ]
        }
      },
      {
        "if": {"properties": {"model_name": {"enum": ["kling-v1", null]}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"sound": {"not": {"enum": ["on"]}, "x-kling-rule": {"not": "GEN-CAPS"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "properties": {
                    "duration": {
                      "anyOf": [
                        {"not": {"$ref": "#/$defs/duration"}},
                        {"type": "string", "pattern": "^(?:0{0,3}(?:5)|0{0,2}(?:10))$"},
                        {"enum": [5, 10]}
                      ],
                      "x-kling-rule": {"anyOf": "IV-8"}
                    }
                  }
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-5"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["multi_shot"], "properties": {"multi_shot": {"const": true}}},
                  "x-kling-rule": {"not": "IV-3"}
                }
              ],
              "x-kling-rule": {"allOf": "GEN-TYPE"}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["camera_control"], "properties": {"camera_control": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-RANGE"]}
            },
            {
              "allOf": [
                {
                  "not": {
                    "allOf": [
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}},
                      {"not": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}}
                    ]
                  },
                  "x-kling-rule": {"not": "IV-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "allOf": [
                      {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                      {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
                    ]
                  },
                  "then": {
                    "allOf": [
                      {"properties": {"mode": {"enum": ["std", "pro", null]}}},
                      {
                        "properties": {
                          "duration": {
                            "anyOf": [
                              {"not": {"$ref": "#/$defs/duration"}},
                              {"type": "string", "pattern": "^(?:0{0,3}(?:5))$"},
                              {"enum": [5]}
                            ]
                          }
                        }
                      }
                    ]
                  },
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "if": {
                    "anyOf": [
                      {"required": ["static_mask"], "properties": {"static_mask": {"not": {"type": "null"}}}},
                      {"required": ["dynamic_masks"], "properties": {"dynamic_masks": {"type": "array", "minItems": 1}}}
                    ]
                  },
                  "then": {
                    "allOf": [
                      {"properties": {"mode": {"enum": ["std", "pro", null]}}},
                      {
                        "properties": {
                          "duration": {
                            "anyOf": [
                              {"not": {"$ref": "#/$defs/duration"}},
                              {"type": "string", "pattern": "^(?:0{0,3}(?:5))$"},
                              {"enum": [5]}
                            ]
                          }
                        }
                      }
                    ]
                  },
                  "x-kling-rule": {"then": "IV-8"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-RANGE", "GEN-ENUM", "GEN-DURATION"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IV-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            }
          ]
        }
      }
    ],
    "$defs": {
      "http_url": {
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$"
      },
      "image": {
        "description": "An http(s) URL, or raw base64 (no data: prefix) of a JPEG or PNG image.",
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$|^(?:(?:/9j/|iVBORw0KGg[o-r])[A-Za-z0-9+/]*|(?:_9j_|iVBORw0KGg[o-r])[A-Za-z0-9_-]*)={0,2}$"
      },
      "element_id": {
        "description": "int64 digits (leading zeros allowed), 1 … 2^63 − 1, or a whole number; keep ids above 2^53 as strings.",
        "anyOf": [
          {
            "type": "string",
            "pattern": "^0*(?:[1-9][0-9]{0,17}|[1-8][0-9]{18}|9[0-1][0-9]{17}|92[0-1][0-9]{16}|922[0-2][0-9]{15}|9223[0-2][0-9]{14}|92233[0-6][0-9]{13}|922337[0-1][0-9]{12}|92233720[0-2][0-9]{10}|922337203[0-5][0-9]{9}|9223372036[0-7][0-9]{8}|92233720368[0-4][0-9]{7}|922337203685[0-3][0-9]{6}|9223372036854[0-6][0-9]{5}|92233720368547[0-6][0-9]{4}|922337203685477[0-4][0-9]{3}|9223372036854775[0-7][0-9]{2}|922337203685477580[0-6]|9223372036854775807)$"
          },
          {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}
        ]
      },
      "duration": {
        "description": "Whole seconds: 1–4 digits, or a whole number; the body sends it as a string.",
        "anyOf": [{"type": "string", "pattern": "^[0-9]{1,4}$"}, {"type": "integer", "minimum": 0, "maximum": 4294967295}]
      },
      "prompt_refs": {
        "type": "object",
        "allOf": [
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?(?:0+|0*(?:[3-9]|[1-9][0-9]{1,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:1)>>>"}}},
            "then": {
              "anyOf": [
                {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:2)>>>"}}},
            "then": {
              "allOf": [
                {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?(?:0+|0*(?:[4-9]|[1-9][0-9]{1,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:1)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:2)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:3)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?(?:0+|0*(?:[3-9]|[1-9][0-9]{1,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*(?:1)>>>"}}},
            "then": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*(?:2)>>>"}}},
            "then": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          }
        ]
      },
      "shot_prompt_refs": {
        "type": "object",
        "allOf": [
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?(?:0+|0*(?:[3-9]|[1-9][0-9]{1,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:1)>>>"}}
                  }
                }
              }
            },
            "then": {
              "anyOf": [
                {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:2)>>>"}}
                  }
                }
              }
            },
            "then": {
              "allOf": [
                {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                {"required": ["image_tail"], "properties": {"image_tail": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?(?:0+|0*(?:[4-9]|[1-9][0-9]{1,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:1)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:2)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:3)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?(?:0+|0*(?:[3-9]|[1-9][0-9]{1,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*(?:1)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?0*(?:2)>>>"}}
                  }
                }
              }
            },
            "then": {"required": ["voice_list"], "properties": {"voice_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["multi_prompt"],
              "properties": {
                "multi_prompt": {
                  "type": "array",
                  "contains": {
                    "type": "object",
                    "required": ["prompt"],
                    "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
                  }
                }
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          }
        ]
      }
    },
    "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
  },
  "omni-image": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "OmniImageRequest",
    "description": "The request body of POST /v1/images/omni-image (kling-api.md §7.1). null reads as left out. Sound: it never refuses a request validate() accepts with the default rules. validate() also checks, beyond what this schema says: GEN-EMPTY: A string has content; an empty callback_url or external_task_id is dropped with a warning (here a string only needs one character, blank ones pass); GEN-INT64: Element ids keep their exact int64 digits (a JS number above 2^53 has lost them) (here an id given as a number above 2^53 passes); GEN-REF: A prompt reference <<<kind_N>>> points at an existing list item (here a reference whose number has more than 9 digits passes); GEN-DUPLICATE: No key twice in one object (only JSON text can carry this) (JSON Schema sees parsed values).",
    "type": "object",
    "properties": {
      "model_name": {
        "description": "The model; left out, the API's old default applies (the body then names it, with a warning).",
        "enum": ["kling-v3-omni", "kling-image-o1", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-MODEL"]}
      },
      "prompt": {
        "description": "≤ 2500 characters; <<<image_N>>>, and <<<element_N>>> or <<<object_N>>>.",
        "type": ["string", "null"],
        "minLength": 1,
        "maxLength": 2500,
        "not": {"type": "null"},
        "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY", "maxLength": "GEN-LENGTH", "not": "GEN-REQUIRED"}
      },
      "image_list": {
        "type": ["array", "null"],
        "maxItems": 10,
        "items": {
          "type": "object",
          "properties": {
            "image": {
              "description": "An http(s) URL or raw base64 (no data: prefix).",
              "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
              "not": {"type": "null"},
              "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"], "not": "GEN-REQUIRED"}
            }
          },
          "required": ["image"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "OI-1"}
      },
      "element_list": {
        "description": "Multi-image elements only.",
        "type": ["array", "null"],
        "maxItems": 10,
        "items": {
          "type": "object",
          "properties": {
            "element_id": {
              "description": "Exact digits: a string or BigInt, or a number while it is a safe integer.",
              "anyOf": [{"$ref": "#/$defs/element_id"}, {"type": "null"}],
              "not": {"type": "null"},
              "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-INT64"], "not": "GEN-REQUIRED"}
            }
          },
          "required": ["element_id"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "OI-1"}
      },
      "resolution": {
        "description": "\"1k\" is the API's default.",
        "enum": ["1k", "2k", "4k", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "result_type": {
        "description": "\"single\" (the API's default) or \"series\".",
        "enum": ["single", "series", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "n": {
        "description": "1 … 9 images, for single results.",
        "type": ["integer", "null"],
        "minimum": 1,
        "maximum": 9,
        "x-kling-rule": {"type": ["GEN-TYPE", "GEN-RANGE"], "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
      },
      "series_amount": {
        "description": "2 … 9 images, for series results (the API's default is 4).",
        "type": ["integer", "null"],
        "minimum": 2,
        "maximum": 9,
        "x-kling-rule": {"type": ["GEN-TYPE", "GEN-RANGE"], "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
      },
      "aspect_ratio": {
        "description": "\"auto\" (the API's default) lets the model pick.",
        "enum": ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "auto", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "watermark_info": {
        "type": ["object", "null"],
        "properties": {
          "enabled": {
            "description": "true: Kling also makes a watermarked copy.",
            "type": ["boolean", "null"],
            "x-kling-rule": {"type": "GEN-TYPE"}
          }
        },
        "additionalProperties": false,
        "x-kling-rule": {"type": "GEN-TYPE", "additionalProperties": "GEN-UNKNOWN"}
      },
      "callback_url": {
        "description": "Where Kling posts status changes; \"\" is dropped.",
        "anyOf": [{"$ref": "#/$defs/http_url"}, {"const": ""}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      "external_task_id": {
        "description": "Unique per account; lets a create be found again. \"\" is dropped.",
        "type": ["string", "null"],
        "maxLength": 256,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      }
    },
    "required": ["prompt"],
    "additionalProperties": false,
    "allOf": [
      {
        "allOf": [{"$ref": "#/$defs/prompt_refs"}],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 1}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 9, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 2}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 8, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 3}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 7, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 4}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 6, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 5}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 5, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 6}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 4, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 7}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 3, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 8}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 2, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 9}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 1, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 10}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 0, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "OI-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED", "GEN-INT64"]}
      },
      {
        "if": {"properties": {"model_name": {"enum": ["kling-image-o1", null]}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"resolution": {"not": {"enum": ["4k"]}, "x-kling-rule": {"not": "OI-2"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [{"properties": {"result_type": {"not": {"enum": ["series"]}, "x-kling-rule": {"not": "OI-3"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            }
          ]
        }
      }
    ],
    "$defs": {
      "http_url": {
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$"
      },
      "image": {
        "description": "An http(s) URL, or raw base64 (no data: prefix) of a JPEG or PNG image.",
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$|^(?:(?:/9j/|iVBORw0KGg[o-r])[A-Za-z0-9+/]*|(?:_9j_|iVBORw0KGg[o-r])[A-Za-z0-9_-]*)={0,2}$"
      },
      "element_id": {
        "description": "int64 digits (leading zeros allowed), 1 … 2^63 − 1, or a whole number; keep ids above 2^53 as strings.",
        "anyOf": [
          {
            "type": "string",
            "pattern": "^0*(?:[1-9][0-9]{0,17}|[1-8][0-9]{18}|9[0-1][0-9]{17}|92[0-1][0-9]{16}|922[0-2][0-9]{15}|9223[0-2][0-9]{14}|92233[0-6][0-9]{13}|922337[0-1][0-9]{12}|92233720[0-2][0-9]{10}|922337203[0-5][0-9]{9}|9223372036[0-7][0-9]{8}|92233720368[0-4][0-9]{7}|922337203685[0-3][0-9]{6}|9223372036854[0-6][0-9]{5}|92233720368547[0-6][0-9]{4}|922337203685477[0-4][0-9]{3}|9223372036854775[0-7][0-9]{2}|922337203685477580[0-6]|9223372036854775807)$"
          },
          {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}
        ]
      },
      "duration": {
        "description": "Whole seconds: 1–4 digits, or a whole number; the body sends it as a string.",
        "anyOf": [{"type": "string", "pattern": "^[0-9]{1,4}$"}, {"type": "integer", "minimum": 0, "maximum": 4294967295}]
      },
      "prompt_refs": {
        "type": "object",
        "allOf": [
          {
            "not": {
              "required": ["prompt"],
              "properties": {
                "prompt": {"type": "string", "pattern": "<<<image_\\+?(?:0+|0*(?:1[1-9]|[2-9][0-9]|[1-9][0-9]{2,8}))>>>"}
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:1)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:2)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:3)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:4)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 4}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:5)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 5}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:6)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 6}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:7)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 7}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:8)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 8}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {"required": ["prompt"], "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:9)>>>"}}},
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 9}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<image_\\+?0*(?:10)>>>"}}
            },
            "then": {"required": ["image_list"], "properties": {"image_list": {"type": "array", "minItems": 10}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {
                "prompt": {"type": "string", "pattern": "<<<element_\\+?(?:0+|0*(?:1[1-9]|[2-9][0-9]|[1-9][0-9]{2,8}))>>>"}
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:1)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:2)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:3)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:4)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 4}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:5)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 5}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:6)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 6}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:7)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 7}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:8)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 8}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:9)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 9}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<element_\\+?0*(?:10)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 10}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {
                "prompt": {"type": "string", "pattern": "<<<object_\\+?(?:0+|0*(?:1[1-9]|[2-9][0-9]|[1-9][0-9]{2,8}))>>>"}
              }
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:1)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:2)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 2}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:3)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 3}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:4)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 4}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:5)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 5}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:6)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 6}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:7)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 7}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:8)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 8}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:9)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 9}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "if": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<object_\\+?0*(?:10)>>>"}}
            },
            "then": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 10}}},
            "x-kling-rule": {"then": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<video_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          },
          {
            "not": {
              "required": ["prompt"],
              "properties": {"prompt": {"type": "string", "pattern": "<<<voice_\\+?(?:0+|0*(?:[1-9][0-9]{0,8}))>>>"}}
            },
            "x-kling-rule": {"not": "GEN-REF"}
          }
        ]
      }
    },
    "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
  },
  "image-generation": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "ImageGenerationRequest",
    "description": "The request body of POST /v1/images/generations (kling-api.md §8.1). null reads as left out. Sound: it never refuses a request validate() accepts with the default rules. validate() also checks, beyond what this schema says: GEN-EMPTY: A string has content; an empty callback_url or external_task_id is dropped with a warning (here a string only needs one character, blank ones pass); GEN-INT64: Element ids keep their exact int64 digits (a JS number above 2^53 has lost them) (here an id given as a number above 2^53 passes); GEN-DUPLICATE: No key twice in one object (only JSON text can carry this) (JSON Schema sees parsed values); IG-1: element_list only on models with elements (kling-v3); image + elements ≤ 10 (here not a video character element, whose kind only options.elementTypes tells).",
    "type": "object",
    "properties": {
      "model_name": {
        "description": "The model; left out, the API's old default applies (the body then names it, with a warning).",
        "enum": ["kling-v3", "kling-v2-1", "kling-v2", "kling-v2-new", "kling-v1-5", "kling-v1", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-MODEL"]}
      },
      "prompt": {
        "description": "≤ 2500 characters.",
        "type": ["string", "null"],
        "minLength": 1,
        "maxLength": 2500,
        "not": {"type": "null"},
        "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY", "maxLength": "GEN-LENGTH", "not": "GEN-REQUIRED"}
      },
      "negative_prompt": {
        "description": "≤ 2500 characters; not with image (image-to-image).",
        "type": ["string", "null"],
        "maxLength": 2500,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      },
      "image": {
        "description": "An http(s) URL or raw base64 (no data: prefix).",
        "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
      },
      "element_list": {
        "description": "kling-v3: multi-image elements; with image, 10 at most.",
        "type": ["array", "null"],
        "maxItems": 10,
        "items": {
          "type": "object",
          "properties": {
            "element_id": {
              "description": "Exact digits: a string or BigInt, or a number while it is a safe integer.",
              "anyOf": [{"$ref": "#/$defs/element_id"}, {"type": "null"}],
              "not": {"type": "null"},
              "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-INT64"], "not": "GEN-REQUIRED"}
            }
          },
          "required": ["element_id"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "IG-1"}
      },
      "image_reference": {
        "description": "kling-v1-5 only, and required there with image; \"face\" needs exactly one face in the image.",
        "enum": ["subject", "face", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "image_fidelity": {
        "description": "[0, 1], default 0.5; read only with image. Read only when image is set; otherwise ignored, whatever it holds."
      },
      "human_fidelity": {
        "description": "[0, 1], default 0.45; read only with image_reference \"subject\". Read only when image_reference is \"subject\"; otherwise ignored, whatever it holds."
      },
      "resolution": {
        "description": "\"1k\" is the API's default.",
        "enum": ["1k", "2k", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "n": {
        "description": "1 … 9 images; each uses a concurrency slot.",
        "type": ["integer", "null"],
        "minimum": 1,
        "maximum": 9,
        "x-kling-rule": {"type": ["GEN-TYPE", "GEN-RANGE"], "minimum": "GEN-RANGE", "maximum": "GEN-RANGE"}
      },
      "aspect_ratio": {
        "description": "\"16:9\" is the API's default; kling-v1 has no \"21:9\".",
        "enum": ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", null],
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"]}
      },
      "callback_url": {
        "description": "Where Kling posts status changes; \"\" is dropped.",
        "anyOf": [{"$ref": "#/$defs/http_url"}, {"const": ""}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      "external_task_id": {
        "description": "Unique per account; lets a create be found again. \"\" is dropped.",
        "type": ["string", "null"],
        "maxLength": 256,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      }
    },
    "required": ["prompt"],
    "additionalProperties": false,
    "allOf": [
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                {"required": ["negative_prompt"], "properties": {"negative_prompt": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"not": "IG-2"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
            "then": {
              "properties": {"element_list": {"type": ["array", "null"], "maxItems": 9, "x-kling-rule": {"type": "GEN-TYPE"}}}
            },
            "x-kling-rule": {"then": "IG-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-INT64", "GEN-REQUIRED"]}
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v3"}}},
        "then": {
          "allOf": [
            {
              "not": {"required": ["image_reference"], "properties": {"image_reference": {"not": {"type": "null"}}}},
              "x-kling-rule": {"not": "IG-3"}
            }
          ],
          "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-1"}}},
        "then": {
          "allOf": [
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IG-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["image_reference"], "properties": {"image_reference": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IG-3"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2"}}},
        "then": {
          "allOf": [
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IG-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["image_reference"], "properties": {"image_reference": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IG-3"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "if": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                  "then": {"properties": {"resolution": {"not": {"enum": ["2k"]}, "x-kling-rule": {"not": "IG-4"}}}},
                  "x-kling-rule": {"then": "IG-4"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v2-new"}}},
        "then": {
          "allOf": [
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IG-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["image_reference"], "properties": {"image_reference": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IG-3"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "allOf": [{"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}}],
                  "x-kling-rule": {"allOf": "IG-7"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"]}
            }
          ]
        }
      },
      {
        "if": {"required": ["model_name"], "properties": {"model_name": {"const": "kling-v1-5"}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"resolution": {"not": {"enum": ["2k"]}, "x-kling-rule": {"not": "IG-4"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IG-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "if": {"required": ["image"], "properties": {"image": {"not": {"type": "null"}}}},
                  "then": {"required": ["image_reference"], "properties": {"image_reference": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"then": "IG-3"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE", "GEN-ENUM"]}
            }
          ]
        }
      },
      {
        "if": {"properties": {"model_name": {"enum": ["kling-v1", null]}}},
        "then": {
          "allOf": [
            {
              "allOf": [{"properties": {"resolution": {"not": {"enum": ["2k"]}, "x-kling-rule": {"not": "IG-4"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [{"properties": {"aspect_ratio": {"not": {"enum": ["21:9"]}, "x-kling-rule": {"not": "IG-5"}}}}],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["element_list"], "properties": {"element_list": {"type": "array", "minItems": 1}}},
                  "x-kling-rule": {"not": "IG-1"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-INT64", "GEN-REQUIRED"]}
            },
            {
              "allOf": [
                {
                  "not": {"required": ["image_reference"], "properties": {"image_reference": {"not": {"type": "null"}}}},
                  "x-kling-rule": {"not": "IG-3"}
                }
              ],
              "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM"]}
            }
          ]
        }
      }
    ],
    "$defs": {
      "http_url": {
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$"
      },
      "image": {
        "description": "An http(s) URL, or raw base64 (no data: prefix) of a JPEG or PNG image.",
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$|^(?:(?:/9j/|iVBORw0KGg[o-r])[A-Za-z0-9+/]*|(?:_9j_|iVBORw0KGg[o-r])[A-Za-z0-9_-]*)={0,2}$"
      },
      "element_id": {
        "description": "int64 digits (leading zeros allowed), 1 … 2^63 − 1, or a whole number; keep ids above 2^53 as strings.",
        "anyOf": [
          {
            "type": "string",
            "pattern": "^0*(?:[1-9][0-9]{0,17}|[1-8][0-9]{18}|9[0-1][0-9]{17}|92[0-1][0-9]{16}|922[0-2][0-9]{15}|9223[0-2][0-9]{14}|92233[0-6][0-9]{13}|922337[0-1][0-9]{12}|92233720[0-2][0-9]{10}|922337203[0-5][0-9]{9}|9223372036[0-7][0-9]{8}|92233720368[0-4][0-9]{7}|922337203685[0-3][0-9]{6}|9223372036854[0-6][0-9]{5}|92233720368547[0-6][0-9]{4}|922337203685477[0-4][0-9]{3}|9223372036854775[0-7][0-9]{2}|922337203685477580[0-6]|9223372036854775807)$"
          },
          {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}
        ]
      },
      "duration": {
        "description": "Whole seconds: 1–4 digits, or a whole number; the body sends it as a string.",
        "anyOf": [{"type": "string", "pattern": "^[0-9]{1,4}$"}, {"type": "integer", "minimum": 0, "maximum": 4294967295}]
      }
    },
    "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
  },
  "custom-element": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "CustomElementRequest",
    "description": "The request body of POST /v1/general/advanced-custom-elements (kling-api.md §8.3). null reads as left out. Sound: it never refuses a request validate() accepts with the default rules. validate() also checks, beyond what this schema says: GEN-EMPTY: A string has content; an empty callback_url or external_task_id is dropped with a warning (here a string only needs one character, blank ones pass); GEN-DUPLICATE: No key twice in one object (only JSON text can carry this) (JSON Schema sees parsed values); EL-2: 1–3 refer images, each different from the frontal image (here not whether a refer image repeats the frontal image); EL-3: Exactly one refer video, an .mp4 or .mov where the URL names its type (here not the file type a video URL names); EL-VIDEO: A local refer video is mp4/mov, 1080p, 3–8 s, 16:9 or 9:16 and ≤ 200 MB (checked from the file, async) (checked from the file by the media entry, asynchronously).",
    "type": "object",
    "properties": {
      "element_name": {
        "description": "≤ 20 characters.",
        "type": ["string", "null"],
        "minLength": 1,
        "maxLength": 20,
        "not": {"type": "null"},
        "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY", "maxLength": "GEN-LENGTH", "not": "GEN-REQUIRED"}
      },
      "element_description": {
        "description": "≤ 100 characters.",
        "type": ["string", "null"],
        "minLength": 1,
        "maxLength": 100,
        "not": {"type": "null"},
        "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY", "maxLength": "GEN-LENGTH", "not": "GEN-REQUIRED"}
      },
      "reference_type": {
        "description": "\"image_refer\" (multi-image element) or \"video_refer\" (video character element).",
        "enum": ["image_refer", "video_refer", null],
        "not": {"type": "null"},
        "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM"], "not": "GEN-REQUIRED"}
      },
      "element_image_list": {
        "description": "Required for \"image_refer\".",
        "type": ["object", "null"],
        "properties": {
          "frontal_image": {
            "description": "The front view: an http(s) URL or raw base64.",
            "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
            "not": {"type": "null"},
            "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"], "not": "GEN-REQUIRED"}
          },
          "refer_images": {
            "description": "1–3 other views, each different from the front view.",
            "type": ["array", "null"],
            "minItems": 1,
            "maxItems": 3,
            "items": {
              "type": "object",
              "properties": {
                "image_url": {
                  "description": "An http(s) URL or raw base64 (no data: prefix).",
                  "anyOf": [{"$ref": "#/$defs/image"}, {"type": "null"}],
                  "not": {"type": "null"},
                  "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-IMAGE"], "not": "GEN-REQUIRED"}
                }
              },
              "required": ["image_url"],
              "additionalProperties": false,
              "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
            },
            "not": {"type": "null"},
            "x-kling-rule": {"type": "GEN-TYPE", "minItems": "EL-2", "maxItems": "EL-2", "not": "GEN-REQUIRED"}
          }
        },
        "required": ["frontal_image", "refer_images"],
        "additionalProperties": false,
        "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
      },
      "element_video_list": {
        "description": "Required for \"video_refer\".",
        "type": ["object", "null"],
        "properties": {
          "refer_videos": {
            "description": "Exactly one video of a realistic human character.",
            "type": ["array", "null"],
            "minItems": 1,
            "maxItems": 1,
            "items": {
              "type": "object",
              "properties": {
                "video_url": {
                  "description": "An .mp4 or .mov: 1080p, 3–8 s, 16:9 or 9:16, ≤ 200 MB.",
                  "anyOf": [{"$ref": "#/$defs/http_url"}, {"type": "null"}],
                  "not": {"type": "null"},
                  "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"], "not": "GEN-REQUIRED"}
                }
              },
              "required": ["video_url"],
              "additionalProperties": false,
              "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
            },
            "not": {"type": "null"},
            "x-kling-rule": {"type": "GEN-TYPE", "minItems": "EL-3", "maxItems": "EL-3", "not": "GEN-REQUIRED"}
          }
        },
        "required": ["refer_videos"],
        "additionalProperties": false,
        "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
      },
      "element_voice_id": {
        "description": "Binds an existing voice; video elements only.",
        "type": ["string", "null"],
        "minLength": 1,
        "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY"}
      },
      "tag_list": {
        "description": "Tags from §8.3, each at most once.",
        "type": ["array", "null"],
        "maxItems": 8,
        "items": {
          "type": "object",
          "properties": {
            "tag_id": {
              "description": "o_101 Hottest … o_108 Others.",
              "enum": ["o_101", "o_102", "o_103", "o_104", "o_105", "o_106", "o_107", "o_108", null],
              "not": {"type": "null"},
              "x-kling-rule": {"enum": ["GEN-TYPE", "GEN-ENUM", "EL-5"], "not": "GEN-REQUIRED"}
            }
          },
          "required": ["tag_id"],
          "additionalProperties": false,
          "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
        },
        "x-kling-rule": {"type": "GEN-TYPE", "maxItems": "EL-5"}
      },
      "callback_url": {
        "description": "Where Kling posts status changes; \"\" is dropped.",
        "anyOf": [{"$ref": "#/$defs/http_url"}, {"const": ""}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      "external_task_id": {
        "description": "Unique per account; lets a create be found again. \"\" is dropped.",
        "type": ["string", "null"],
        "maxLength": 256,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      }
    },
    "required": ["element_name", "element_description", "reference_type"],
    "additionalProperties": false,
    "allOf": [
      {
        "allOf": [
          {
            "if": {"required": ["reference_type"], "properties": {"reference_type": {"const": "image_refer"}}},
            "then": {"required": ["element_image_list"], "properties": {"element_image_list": {"not": {"type": "null"}}}},
            "x-kling-rule": {"then": "EL-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["reference_type"], "properties": {"reference_type": {"const": "image_refer"}}},
                {"required": ["element_video_list"], "properties": {"element_video_list": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"not": "EL-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED"]}
      },
      {
        "allOf": [
          {
            "if": {"required": ["reference_type"], "properties": {"reference_type": {"const": "video_refer"}}},
            "then": {"required": ["element_video_list"], "properties": {"element_video_list": {"not": {"type": "null"}}}},
            "x-kling-rule": {"then": "EL-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-EMPTY", "GEN-URL", "GEN-REQUIRED"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["reference_type"], "properties": {"reference_type": {"const": "video_refer"}}},
                {"required": ["element_image_list"], "properties": {"element_image_list": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"not": "EL-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-EMPTY", "GEN-IMAGE", "GEN-REQUIRED"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["reference_type"], "properties": {"reference_type": {"const": "image_refer"}}},
                {"required": ["element_voice_id"], "properties": {"element_voice_id": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"not": "EL-4"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "GEN-EMPTY"]}
      },
      {
        "allOf": [
          {
            "properties": {
              "tag_list": {
                "type": ["array", "null"],
                "uniqueItems": true,
                "x-kling-rule": {"type": "GEN-TYPE", "uniqueItems": "EL-5"}
              }
            }
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-ENUM", "EL-5", "GEN-REQUIRED"]}
      }
    ],
    "$defs": {
      "http_url": {
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$"
      },
      "image": {
        "description": "An http(s) URL, or raw base64 (no data: prefix) of a JPEG or PNG image.",
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$|^(?:(?:/9j/|iVBORw0KGg[o-r])[A-Za-z0-9+/]*|(?:_9j_|iVBORw0KGg[o-r])[A-Za-z0-9_-]*)={0,2}$"
      },
      "element_id": {
        "description": "int64 digits (leading zeros allowed), 1 … 2^63 − 1, or a whole number; keep ids above 2^53 as strings.",
        "anyOf": [
          {
            "type": "string",
            "pattern": "^0*(?:[1-9][0-9]{0,17}|[1-8][0-9]{18}|9[0-1][0-9]{17}|92[0-1][0-9]{16}|922[0-2][0-9]{15}|9223[0-2][0-9]{14}|92233[0-6][0-9]{13}|922337[0-1][0-9]{12}|92233720[0-2][0-9]{10}|922337203[0-5][0-9]{9}|9223372036[0-7][0-9]{8}|92233720368[0-4][0-9]{7}|922337203685[0-3][0-9]{6}|9223372036854[0-6][0-9]{5}|92233720368547[0-6][0-9]{4}|922337203685477[0-4][0-9]{3}|9223372036854775[0-7][0-9]{2}|922337203685477580[0-6]|9223372036854775807)$"
          },
          {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}
        ]
      },
      "duration": {
        "description": "Whole seconds: 1–4 digits, or a whole number; the body sends it as a string.",
        "anyOf": [{"type": "string", "pattern": "^[0-9]{1,4}$"}, {"type": "integer", "minimum": 0, "maximum": 4294967295}]
      }
    },
    "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
  },
  "custom-voice": {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "CustomVoiceRequest",
    "description": "The request body of POST /v1/general/custom-voices (kling-api.md §8.2). null reads as left out. Sound: it never refuses a request validate() accepts with the default rules. validate() also checks, beyond what this schema says: GEN-EMPTY: A string has content; an empty callback_url or external_task_id is dropped with a warning (here a string only needs one character, blank ones pass); GEN-DUPLICATE: No key twice in one object (only JSON text can carry this) (JSON Schema sees parsed values); VC-2: voice_url is an .mp3, .wav, .mp4 or .mov where the URL names its type (here not the file type a voice URL names).",
    "type": "object",
    "properties": {
      "voice_name": {
        "description": "≤ 20 characters.",
        "type": ["string", "null"],
        "minLength": 1,
        "maxLength": 20,
        "not": {"type": "null"},
        "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY", "maxLength": "GEN-LENGTH", "not": "GEN-REQUIRED"}
      },
      "voice_url": {
        "description": "An .mp3, .wav, .mp4 or .mov of one clean speaker, 5–30 s; or video_id.",
        "anyOf": [{"$ref": "#/$defs/http_url"}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      "video_id": {
        "description": "A video made by kling-v2-6 with sound on, the Avatar API or the Lip-Sync API; or voice_url.",
        "type": ["string", "null"],
        "minLength": 1,
        "x-kling-rule": {"type": "GEN-TYPE", "minLength": "GEN-EMPTY"}
      },
      "callback_url": {
        "description": "Where Kling posts status changes; \"\" is dropped.",
        "anyOf": [{"$ref": "#/$defs/http_url"}, {"const": ""}, {"type": "null"}],
        "x-kling-rule": {"anyOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      "external_task_id": {
        "description": "Unique per account; lets a create be found again. \"\" is dropped.",
        "type": ["string", "null"],
        "maxLength": 256,
        "x-kling-rule": {"type": "GEN-TYPE", "maxLength": "GEN-LENGTH"}
      }
    },
    "required": ["voice_name"],
    "additionalProperties": false,
    "allOf": [
      {
        "allOf": [
          {
            "anyOf": [
              {"required": ["voice_url"], "properties": {"voice_url": {"not": {"type": "null"}}}},
              {"required": ["video_id"], "properties": {"video_id": {"not": {"type": "null"}}}}
            ],
            "x-kling-rule": {"anyOf": "VC-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      },
      {
        "allOf": [
          {
            "not": {
              "allOf": [
                {"required": ["voice_url"], "properties": {"voice_url": {"not": {"type": "null"}}}},
                {"required": ["video_id"], "properties": {"video_id": {"not": {"type": "null"}}}}
              ]
            },
            "x-kling-rule": {"not": "VC-1"}
          }
        ],
        "x-kling-rule": {"allOf": ["GEN-TYPE", "GEN-EMPTY", "GEN-URL"]}
      }
    ],
    "$defs": {
      "http_url": {
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$"
      },
      "image": {
        "description": "An http(s) URL, or raw base64 (no data: prefix) of a JPEG or PNG image.",
        "type": "string",
        "pattern": "^https?://(?:[^/?#\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*@)?[^/?#@:\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^/?#@\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$|^(?:(?:/9j/|iVBORw0KGg[o-r])[A-Za-z0-9+/]*|(?:_9j_|iVBORw0KGg[o-r])[A-Za-z0-9_-]*)={0,2}$"
      },
      "element_id": {
        "description": "int64 digits (leading zeros allowed), 1 … 2^63 − 1, or a whole number; keep ids above 2^53 as strings.",
        "anyOf": [
          {
            "type": "string",
            "pattern": "^0*(?:[1-9][0-9]{0,17}|[1-8][0-9]{18}|9[0-1][0-9]{17}|92[0-1][0-9]{16}|922[0-2][0-9]{15}|9223[0-2][0-9]{14}|92233[0-6][0-9]{13}|922337[0-1][0-9]{12}|92233720[0-2][0-9]{10}|922337203[0-5][0-9]{9}|9223372036[0-7][0-9]{8}|92233720368[0-4][0-9]{7}|922337203685[0-3][0-9]{6}|9223372036854[0-6][0-9]{5}|92233720368547[0-6][0-9]{4}|922337203685477[0-4][0-9]{3}|9223372036854775[0-7][0-9]{2}|922337203685477580[0-6]|9223372036854775807)$"
          },
          {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}
        ]
      },
      "duration": {
        "description": "Whole seconds: 1–4 digits, or a whole number; the body sends it as a string.",
        "anyOf": [{"type": "string", "pattern": "^[0-9]{1,4}$"}, {"type": "integer", "minimum": 0, "maximum": 4294967295}]
      }
    },
    "x-kling-rule": {"type": "GEN-TYPE", "required": "GEN-REQUIRED", "additionalProperties": "GEN-UNKNOWN"}
  }
};
