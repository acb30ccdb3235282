// The page's own words in English and Chinese. Issue messages come from the package in the
// chosen locale; field names stay the API's own.

const LABELS = {
  en: {
    title: "Kling request editor", example: "Example", refs: "use {list}",
    raw: "Request JSON", rawHint: "(edit either side; both stay in sync)", issues: "Issues", body: "Body to send", none: "No issues.",
    valid: "valid", errors: "error(s)", warnings: "warning(s)", fix: "Fix the errors to see the body.", default: "(left out: API default {model})",
    notOffered: "not offered by {model}", shotSum: "shots add up to {sum} s · duration {total} s", add: "add", remove: "remove",
    file: "file…", pickImage: "Choose or drop an image: it is checked here and sent as base64",
    pickVideo: "Choose or drop a video to check it here",
    videoNeedsUrl: "The API needs a URL for reference videos: upload the file and paste its URL (the emulator's result videos at /files/… work).",
    submit: "Create task", cancel: "Cancel", send: "Send", status: "Status", task: "Task", result: "Result",
    waiting: "sending…", openVideo: "open", code: "code", requestId: "request id", taskJson: "Task JSON",
    pickElement: "elements…", pickVoice: "voices…", elementLibrary: "Elements", voiceLibrary: "Voices", presets: "Presets",
    mineElement: "My elements", mineVoice: "My voices", newElement: "Create element…", newVoice: "Create voice…",
    use: "use", close: "Close", loading: "loading…", noneYet: "none yet", create: "Create", listFailed: "could not load: {error}",
    account: "Units left", accountAge: "balances may be up to {hours} h old", accountOff: "account: not available ({error})",
    noPacks: "no active resource pack", delete: "delete",
    costPriced: "≈ {units} units · ${usd} ({basis})", costUnpriced: "No price: {reason}", costInvalid: "Price: fix the errors first",
  },
  zh: {
    title: "可灵请求编辑器", example: "示例", refs: "可用 {list}",
    raw: "请求 JSON", rawHint: "（两边都可编辑，自动同步）", issues: "问题", body: "要发送的请求体", none: "没有问题。",
    valid: "有效", errors: "个错误", warnings: "个警告", fix: "修正错误后显示请求体。", default: "（不填：API 默认 {model}）",
    notOffered: "{model} 不支持", shotSum: "分镜合计 {sum} 秒 · 总时长 {total} 秒", add: "添加", remove: "删除",
    file: "文件…", pickImage: "选择或拖入图片：在本地检查，并以 base64 发送",
    pickVideo: "选择或拖入视频，在本地检查",
    videoNeedsUrl: "参考视频须为 URL：请上传文件后粘贴其地址（模拟器 /files/… 下的结果视频可用）。",
    submit: "创建任务", cancel: "取消", send: "发送", status: "状态", task: "任务", result: "结果",
    waiting: "发送中…", openVideo: "打开", code: "错误码", requestId: "请求 ID", taskJson: "任务 JSON",
    pickElement: "主体…", pickVoice: "音色…", elementLibrary: "主体库", voiceLibrary: "音色库", presets: "官方预设",
    mineElement: "我的主体", mineVoice: "我的音色", newElement: "新建主体…", newVoice: "新建音色…",
    use: "使用", close: "关闭", loading: "加载中…", noneYet: "暂无", create: "创建", listFailed: "加载失败：{error}",
    account: "剩余额度", accountAge: "余额可能有最长 {hours} 小时的延迟", accountOff: "账户信息不可用（{error}）",
    noPacks: "没有生效中的资源包", delete: "删除",
    costPriced: "约 {units} 单位 · ${usd}（{basis}）", costUnpriced: "无法计价：{reason}", costInvalid: "价格：请先修正错误",
  },
};

let current = "en";

export const locale = () => current;

export function setLocale(value) {
  current = LABELS[value] ? value : "en";
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-title]")) el.title = t(el.dataset.tTitle);
}

/** The label `key` in the current language, with `{name}` filled from `params`. */
export function t(key, params = {}) {
  const text = LABELS[current][key] ?? LABELS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}
