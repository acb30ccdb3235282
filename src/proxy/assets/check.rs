//! The lookups behind ownership, and the check of a create's references.
//!
//! Cost upstream: a user's ids of one kind are found by walking the account's task list of that
//! family, `ceil(tasks of the family in the account / page size)` calls (page size 500 for
//! elements, 1000 for voices; at most `MAX_LOOKUP_PAGES`), then believed for `OWNED_TTL_MS`
//! (owned.rs) or until the user creates or deletes one through this proxy. Presets are read the
//! same way (at most `MAX_PRESET_PAGES` pages) and kept `PRESETS_TTL_MS` for everybody.

use super::owned::{Owned, OwnedIds};
use super::scan::{self, Ref};
use super::Asset;
use crate::proxy::config::ProxyConfig;
use crate::proxy::forward::{failure, send};
use crate::proxy::host::ProxyHost;
use crate::proxy::owner::Owner;
use crate::proxy::reply::{refuse, refuse_with};
use crate::proxy::state::ProxyState;
use crate::transport::{HttpResponse, Method};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// Upstream pages one ownership lookup reads at most (20,000 element or 40,000 voice tasks): a
/// user's ids made before that are not found (README "Elements and voices").
pub const MAX_LOOKUP_PAGES: u32 = 40;
/// Preset pages read at most.
pub const MAX_PRESET_PAGES: u32 = 4;
/// How long the presets are believed.
pub const PRESETS_TTL_MS: u64 = 10 * 60_000;
/// A missing id is looked up afresh when the user had tasks of its family still running, at
/// most this often per user and kind (a running task's ids appear when it succeeds).
pub const REFRESH_MIN_MS: u64 = 2_000;

/// Reads up to `max_pages` pages of a list and gathers what `scan::page` finds.
async fn walk<H: ProxyHost>(cfg: &ProxyConfig, host: &H, asset: Asset, base: &str, owner: Option<&Owner>, max_pages: u32) -> Result<Owned, HttpResponse> {
    let mut all = Owned::default();
    let size = asset.page_size();
    for page in 1..=max_pages {
        let path = format!("{base}?pageNum={page}&pageSize={size}");
        let r = send(cfg, host, Method::Get, path, None).await.map_err(|f| failure(host, f))?;
        let found = scan::page(&r.body, asset, owner).filter(|p| r.status == 200 && p.code == Some(0));
        let Some(p) = found else {
            return Err(refuse(host, 502, 5000, "upstream_bad_answer", "Kling's list could not be read to check ownership"));
        };
        all.ids.extend(p.found.ids);
        all.bound_voices.extend(p.found.bound_voices);
        all.pending |= p.found.pending;
        if p.entries < size as usize {
            return Ok(all);
        }
    }
    all.truncated = true;
    Ok(all)
}

/// `owner`'s ids of `asset`: from the cache unless `fresh`, else by walking the family's list.
pub async fn owned_ids<H: ProxyHost>(
    cfg: &ProxyConfig,
    state: &ProxyState,
    host: &H,
    owner: &Owner,
    asset: Asset,
    fresh: bool,
) -> Result<Rc<Owned>, HttpResponse> {
    if !fresh {
        if let Some(o) = state.owned.get(owner.prefix(), asset, host.now_ms()) {
            return Ok(o);
        }
    }
    let base = asset.family_path();
    let mut owned = walk(cfg, host, asset, base, Some(owner), MAX_LOOKUP_PAGES).await?;
    owned.walked_ms = host.now_ms();
    let owned = Rc::new(owned);
    state.owned.put(owner.prefix(), asset, owned.clone());
    Ok(owned)
}

/// The preset ids of `asset` (everybody's).
pub async fn presets<H: ProxyHost>(cfg: &ProxyConfig, state: &ProxyState, host: &H, asset: Asset) -> Result<Rc<BTreeSet<String>>, HttpResponse> {
    let now = host.now_ms();
    if let Some((at, ids)) = state.presets.read.borrow().get(&asset) {
        if now.saturating_sub(*at) < PRESETS_TTL_MS {
            return Ok(ids.clone());
        }
    }
    let ids = Rc::new(walk(cfg, host, asset, asset.presets_path(), None, MAX_PRESET_PAGES).await?.ids);
    state.presets.read.borrow_mut().insert(asset, (now, ids.clone()));
    Ok(ids)
}

/// Whether the operator shares `id` with every user.
fn shared(cfg: &ProxyConfig, r: &Ref) -> bool {
    let list = match r.asset {
        Asset::Element => &cfg.shared_element_ids,
        Asset::Voice => &cfg.shared_voice_ids,
    };
    list.contains(&r.id)
}

/// The ids of `asset` the request has looked up so far (each looked up at most twice: once,
/// and once afresh when a task of the user's was still running).
#[derive(Default)]
struct Seen {
    owned: HashMap<Asset, (Rc<Owned>, bool)>,
}

/// Whether `owner` owns (or may use, `usable`) `id` of `asset`, looking up at most what is needed.
pub async fn owns<H: ProxyHost>(
    cfg: &ProxyConfig,
    state: &ProxyState,
    host: &H,
    owner: &Owner,
    asset: Asset,
    id: &str,
    usable: bool,
) -> Result<bool, HttpResponse> {
    owns_in(cfg, state, host, owner, asset, id, usable, &mut Seen::default()).await
}

#[allow(clippy::too_many_arguments)]
async fn owns_in<H: ProxyHost>(
    cfg: &ProxyConfig,
    state: &ProxyState,
    host: &H,
    owner: &Owner,
    asset: Asset,
    id: &str,
    usable: bool,
    seen: &mut Seen,
) -> Result<bool, HttpResponse> {
    // Voices bound to the user's elements are theirs to use too.
    let kinds: &[Asset] = if usable && asset == Asset::Voice { &[Asset::Voice, Asset::Element] } else { &[asset] };
    for &kind in kinds {
        let (owned, refreshed) = match seen.owned.get(&kind) {
            Some(o) => o.clone(),
            None => (owned_ids(cfg, state, host, owner, kind, false).await?, false),
        };
        let has = |o: &Owned| if kind == asset { o.ids.contains(id) } else { o.bound_voices.contains(id) };
        let mut current = owned;
        if !has(&current) && !refreshed && current.pending && host.now_ms().saturating_sub(current.walked_ms) >= REFRESH_MIN_MS {
            current = owned_ids(cfg, state, host, owner, kind, true).await?;
            seen.owned.insert(kind, (current.clone(), true));
        } else {
            seen.owned.insert(kind, (current.clone(), refreshed));
        }
        if has(&current) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The answer to a reference (`deleting` false) or deletion of an id that is not the caller's:
/// a create may name presets and shared ids too, a deletion only the caller's own.
pub fn not_owner<H: ProxyHost>(host: &H, asset: Asset, id: &str, pointer: &str, deleting: bool) -> HttpResponse {
    let message = if deleting {
        format!("{} {} is not one of yours (or no longer exists): only your own can be deleted", asset.noun(), shown(id))
    } else {
        format!("{} {} is not one of yours (nor a preset, nor shared by this service)", asset.noun(), shown(id))
    };
    refuse_with(host, 403, 1201, "not_owner", &message, &[("id", id), ("pointer", pointer)])
}

fn shown(id: &str) -> String {
    id.chars().take(64).collect()
}

/// Refuses a create body that references an element or voice id the caller may not use: not
/// shared by the operator, not a preset, not theirs. Ids are checked in that order (the cheap
/// ones first); the first refused one is answered.
pub async fn check_refs<H: ProxyHost>(cfg: &ProxyConfig, state: &ProxyState, host: &H, text: &str, owner: &Owner) -> Result<(), HttpResponse> {
    // Not an object: the create refuses it itself.
    let Some(refs) = scan::refs(text) else { return Ok(()) };
    let mut seen = Seen::default();
    for r in &refs {
        if shared(cfg, r) {
            continue;
        }
        let ok = r.asset.is_id(&r.id)
            && (presets(cfg, state, host, r.asset).await?.contains(&r.id) || owns_in(cfg, state, host, owner, r.asset, &r.id, true, &mut seen).await?);
        if !ok {
            return Err(not_owner(host, r.asset, &r.id, &r.pointer, false));
        }
    }
    Ok(())
}
