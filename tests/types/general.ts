// KlingClient's calls around the task families as a TypeScript user writes them (issue 16):
// presets, deletions and account costs with their result types; `@ts-expect-error` lines prove
// the arguments are typed and element ids are strings.

import { KlingClient } from "kling-wasm";
import type { AccountCosts, AccountCostsQuery, DeleteResult, KlingElement, KlingVoice, ResourcePack } from "kling-wasm";

export async function around(client: KlingClient): Promise<string[]> {
  const elements: KlingElement[] = await client.listPresetElements({ pageSize: 100 });
  const voices: KlingVoice[] = await client.listPresetVoices(undefined, { timeoutMs: 5000 });
  const ids: string[] = elements.map((e) => e.element_id).concat(voices.map((v) => v.voice_id));
  const voice: KlingVoice | undefined = elements[0]?.element_voice_info;
  const kind: "image_refer" | "video_refer" | undefined = elements[0]?.reference_type;
  const gone: DeleteResult = await client.deleteCustomElement(1152921504606846977n);
  await client.deleteCustomElement(ids[0] ?? "1");
  await client.deleteCustomVoice(voice?.voice_id ?? "v");
  const query: AccountCostsQuery = { start_time: Date.now() - 86_400_000, end_time: Date.now() };
  const costs: AccountCosts = await client.getAccountCosts(query, { signal: AbortSignal.timeout(5000) });
  const packs: ResourcePack[] = costs.resource_pack_subscribe_infos;
  const stale: 43200000 = costs.balances_max_age_ms;
  // @ts-expect-error element ids are strings: a number past 2^53 has lost its digits
  const n: number = elements[0]!.element_id;
  // @ts-expect-error element ids are strings or BigInts
  await client.deleteCustomElement(1152921504606846977);
  // @ts-expect-error start_time and end_time are required
  await client.getAccountCosts({ start_time: 0 });
  // @ts-expect-error the times are numbers (ms)
  await client.getAccountCosts({ start_time: "0", end_time: 1 });
  return [...ids, gone.task_id, String(packs.length + stale + n), kind ?? ""];
}
