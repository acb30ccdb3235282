#!/usr/bin/env bash
# Generates the media fixture corpus for tests/media_*.rs with Debian's ffmpeg into
# tests/fixtures/media/generated/ (gitignored). Idempotent: a file that exists is kept, each file
# is written to a temporary name and renamed, and a lock keeps two runs from racing. Clips are
# tiny in bytes (solid or test-pattern sources, ultrafast presets, low bitrates), so the corpus
# builds in seconds. The 200 MB files for the read-budget test are made by that test itself.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/media/generated"
mkdir -p "$out"
exec 9>"$out/.lock"
flock 9

# Bump when a recipe changes: files made by an older recipe are then made again.
version=2
if [ "$(cat "$out/.version" 2>/dev/null)" != "$version" ]; then
  find "$out" -mindepth 1 -maxdepth 1 ! -name .lock -delete
fi

command -v ffmpeg >/dev/null || { echo "make-media-fixtures: ffmpeg not found (apt-get install ffmpeg)" >&2; exit 1; }

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

# make NAME ARGS...: runs ffmpeg with ARGS writing to a temporary file, then renames it to NAME.
make() {
  local name="$1"; shift
  if [ -s "$out/$name" ]; then return 0; fi
  local tmp="$out/.tmp.$$.$name"
  ff "$@" "$tmp"
  mv -f "$tmp" "$out/$name"
}

# video NAME SIZE RATE DURATION CODEC [extra ffmpeg output args...]
# A solid colour at SIZE/RATE/DURATION (a few bytes a frame; the probe reads headers only), or
# the moving test pattern when SRC=testsrc2 is set, so some clips carry real picture content.
video() {
  local name="$1" size="$2" rate="$3" dur="$4" codec="$5"; shift 5
  local src="${SRC:-color=c=0x3060a0}"
  local enc=()
  case "$codec" in
    h264) enc=(-c:v libx264 -preset ultrafast -crf 45 -pix_fmt yuv420p) ;;
    hevc) enc=(-c:v libx265 -preset ultrafast -crf 45 -pix_fmt yuv420p -tag:v hvc1 -x265-params log-level=error) ;;
    mpeg4) enc=(-c:v mpeg4 -q:v 31) ;;
  esac
  local sep="="; case "$src" in *=*) sep=":" ;; esac
  make "$name" -f lavfi -i "$src${sep}size=$size:rate=$rate:duration=$dur" -threads 2 "${enc[@]}" "$@"
}

fast=(-movflags +faststart)

# Frame rates (mp4, h264, moov at the end unless named "front").
video fps_23.976.mp4   640x360   24000/1001 5 h264
video fps_24.mp4       1280x720  24         5 h264 "${fast[@]}"
SRC=testsrc2 video fps_25.mp4       1280x720  25         5 h264
video fps_29.97.mp4    1280x720  30000/1001 5 h264 "${fast[@]}"
video fps_30.mov       1280x720  30         5 h264
video fps_50.mp4       1280x720  50         3 h264
video fps_59.94.mp4    1280x720  60000/1001 5 h264 "${fast[@]}"
video fps_60.mov       1280x720  60         3 h264 "${fast[@]}"
video fps_15.mp4       1280x720  15         5 h264
video fps_120.mp4      1280x720  120        3 h264
# Durations.
video dur_2.9.mp4      1280x720  25         2.9  h264
video dur_3.mp4        1280x720  25         3    h264 "${fast[@]}"
video dur_10.mov       1280x720  24         10   h264
video dur_10.5.mp4     1280x720  24         10.5 h264 "${fast[@]}"
# Sizes, portrait and rotated.
video size_640x360.mp4   640x360   25 3 h264
video size_720x1280.mp4  720x1280  25 3 h264 "${fast[@]}"
video size_1920x1080.mov 1920x1080 25 3 h264
video size_2160x3840.mp4 2160x3840 24 3 h264
video size_4096x2160.mp4 4096x2160 24 3 h264 "${fast[@]}"
video size_718x1280.mp4  718x1280  25 3 h264
video size_1920x720.mp4  1920x720  30 3 h264 "${fast[@]}"
# Rotation metadata (the tkhd matrix) survives only a stream copy in this ffmpeg (5.1).
rotate() { make "$2" -i "$out/$1" -c copy -metadata:s:v:0 rotate="$3" "${@:4}"; }
rotate dur_3.mp4        rot_90.mp4   90
rotate fps_30.mov       rot_180.mov  180
rotate size_1920x720.mp4 rot_270.mp4 270 "${fast[@]}"
rotate fps_29.97.mp4    rot_90_end.mp4 90
# Custom-element refer videos (§8.3: 1080p, 3–8 s, 16:9 or 9:16): one of each kind, and one
# past each limit.
video el_1920x1080_5s.mp4 1920x1080 25 5 h264 "${fast[@]}"
video el_1080x1920_5s.mov 1080x1920 30 5 h264
video el_1280x720_5s.mp4  1280x720  25 5 h264 "${fast[@]}"
video el_1920x1080_9s.mp4 1920x1080 25 9 h264
video el_1440x1080_5s.mp4 1440x1080 25 5 h264 "${fast[@]}"
# Other codecs.
SRC=testsrc2 video codec_hevc.mp4    1280x720  30 3 hevc "${fast[@]}"
video codec_hevc.mov    1280x720  25 3 hevc
SRC=testsrc2 video codec_mpeg4.mp4   1280x720  25 3 mpeg4
video codec_mpeg4.mov   1280x720  30000/1001 3 mpeg4 "${fast[@]}"
# Fragmented: empty moov + fragments (no mehd), and moov with the first fragment.
video frag_empty_moov.mp4 1280x720 25 5 h264 -g 25 -movflags frag_keyframe+empty_moov
video frag_keyframe.mp4   1280x720 30 4 h264 -g 30 -movflags frag_keyframe
# Audio and video together, and audio only.
make av_aac.mp4 -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=4" -f lavfi -i "sine=frequency=440:duration=4" \
  -c:v libx264 -preset ultrafast -crf 45 -pix_fmt yuv420p -c:a aac -b:a 32k -shortest
make audio_only.mp4 -f lavfi -i "sine=frequency=440:duration=4" -c:a aac -b:a 32k
make audio_only.m4a -f lavfi -i "sine=frequency=440:duration=4" -c:a aac -b:a 32k -f mp4

# Truncated copies: moov at the end cut off, and a moov-front file cut inside mdat.
cut_copy() { # cut_copy SRC NAME BYTES
  if [ -s "$out/$2" ]; then return 0; fi
  head -c "$3" "$out/$1" >"$out/.tmp.$$.$2" && mv -f "$out/.tmp.$$.$2" "$out/$2"
}
half() { echo $(( $(stat -c %s "$out/$1") / 2 )); }
cut_copy fps_25.mp4 trunc_no_moov.mp4 "$(half fps_25.mp4)"
cut_copy fps_24.mp4 trunc_mdat.mp4 "$(half fps_24.mp4)"

# Images: every format at a few sizes and aspect ratios (a solid colour: tiny files).
image() { # image NAME SIZE [extra output args]
  local name="$1" size="$2"; shift 2
  # format=rgb24 keeps odd sizes (a yuv420p source would round them to even).
  make "$name" -f lavfi -i "color=c=0xd05020:size=$size,format=rgb24" -frames:v 1 "$@"
}
for s in 300x300 1024x768 299x400 400x299 1000x400 1001x400 400x1000 400x1001 1920x1080 3000x4000; do
  image "img_$s.png" "$s"
  image "img_$s.jpg" "$s" -q:v 8 -pix_fmt yuvj444p
done
image img_1024x768.jpeg 1024x768 -q:v 8 -pix_fmt yuvj444p -f image2 -c:v mjpeg
image img_800x600.webp 800x600 -c:v libwebp -quality 30
image img_800x600.gif  800x600
image img_320x240.bmp  320x240 -pix_fmt bgr24
image img_200x200.webp 200x200 -c:v libwebp -quality 30
# Corrupt images: a truncated PNG header, a JPEG cut after SOI, an empty file, text.
cut_copy img_1024x768.png corrupt_trunc.png 20
cut_copy img_1024x768.jpg corrupt_trunc.jpg 6
[ -e "$out/corrupt_empty.png" ] || : >"$out/corrupt_empty.png"
[ -s "$out/corrupt_text.jpg" ] || printf 'this is not an image at all\n' >"$out/corrupt_text.jpg"

rm -f "$out"/.tmp.*
echo "$version" >"$out/.version"
echo "make-media-fixtures: $(ls "$out" | wc -l) files in $out"
