//! Fragmented MP4: sums the video track's sample count and duration over moof boxes
//! (moof/traf/tfhd + trun, ISO 14496-12 §8.8), so duration and frame rate come out exact when
//! every fragment was read. `mp4parse` does not parse moof boxes; these are a few fixed fields.

use super::boxes::{be_u32, child, children, version_flags};

/// Totals over the fragments read so far, for one track.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FragSum {
    pub fragments: u32,
    pub samples: u64,
    /// Total sample duration in the track's media timescale.
    pub units: u64,
}

// tfhd flags
const BASE_DATA_OFFSET: u32 = 0x01;
const SAMPLE_DESCRIPTION_INDEX: u32 = 0x02;
const DEFAULT_DURATION: u32 = 0x08;
// trun flags
const DATA_OFFSET: u32 = 0x01;
const FIRST_SAMPLE_FLAGS: u32 = 0x04;
const SAMPLE_DURATION: u32 = 0x100;
const PER_SAMPLE_FIELDS: [u32; 4] = [0x100, 0x200, 0x400, 0x800];

impl FragSum {
    /// Adds one moof box's payload for `track_id`; `trex_duration` is the moov's default.
    pub fn add_moof(&mut self, moof: &[u8], track_id: u32, trex_duration: u32) {
        self.fragments = self.fragments.saturating_add(1);
        for (_, traf) in children(moof).filter(|(k, _)| k == b"traf") {
            let Some(tfhd) = child(traf, b"tfhd") else { continue };
            let Some((_, flags)) = version_flags(tfhd) else { continue };
            if be_u32(tfhd, 4) != Some(track_id) {
                continue;
            }
            let mut at = 8;
            if flags & BASE_DATA_OFFSET != 0 {
                at += 8;
            }
            if flags & SAMPLE_DESCRIPTION_INDEX != 0 {
                at += 4;
            }
            let default = if flags & DEFAULT_DURATION != 0 { be_u32(tfhd, at).unwrap_or(trex_duration) } else { trex_duration };
            for (_, trun) in children(traf).filter(|(k, _)| k == b"trun") {
                self.add_trun(trun, default);
            }
        }
    }

    fn add_trun(&mut self, trun: &[u8], default: u32) {
        let (Some((_, flags)), Some(count)) = (version_flags(trun), be_u32(trun, 4)) else { return };
        let mut at = 8usize;
        if flags & DATA_OFFSET != 0 {
            at += 4;
        }
        if flags & FIRST_SAMPLE_FLAGS != 0 {
            at += 4;
        }
        let stride = 4 * PER_SAMPLE_FIELDS.iter().filter(|&&f| flags & f != 0).count();
        if flags & SAMPLE_DURATION == 0 || stride == 0 {
            self.samples = self.samples.saturating_add(u64::from(count));
            self.units = self.units.saturating_add(u64::from(count).saturating_mul(u64::from(default)));
            return;
        }
        // Per-sample durations: only as many samples as the box really holds (a hostile count
        // cannot make this loop run past the data).
        let held = trun.len().saturating_sub(at) / stride;
        let n = (count as usize).min(held);
        for i in 0..n {
            let d = be_u32(trun, at + i * stride).unwrap_or(0);
            self.units = self.units.saturating_add(u64::from(d));
        }
        self.samples = self.samples.saturating_add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        [&(body.len() as u32 + 8).to_be_bytes()[..], kind, body].concat()
    }

    #[test]
    fn sums_default_and_per_sample_durations() {
        // tfhd: flags 0x08 (default duration 512), track 1; trun: 3 samples, no per-sample fields.
        let tfhd = bx(b"tfhd", &[&[0, 0, 0, 0x08][..], &1u32.to_be_bytes(), &512u32.to_be_bytes()].concat());
        let trun = bx(b"trun", &[&[0, 0, 0, 0][..], &3u32.to_be_bytes()].concat());
        // trun with per-sample durations 100, 200 (flags 0x100), but a count claiming 1000 samples.
        let trun2 = bx(b"trun", &[&[0, 0, 1, 0][..], &1000u32.to_be_bytes(), &100u32.to_be_bytes(), &200u32.to_be_bytes()].concat());
        let other = bx(b"traf", &bx(b"tfhd", &[&[0, 0, 0, 0][..], &2u32.to_be_bytes()].concat()));
        let moof = [bx(b"traf", &[tfhd, trun, trun2].concat()), other].concat();
        let mut sum = FragSum::default();
        sum.add_moof(&moof, 1, 7);
        assert_eq!(sum, FragSum { fragments: 1, samples: 5, units: 3 * 512 + 300 });
    }
}
