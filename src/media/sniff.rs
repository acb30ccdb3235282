//! Names a file's format from its first bytes, for the "format not accepted" issue: images via
//! `imagesize`, plus the containers a user is likely to drop on a video field by mistake.

/// The format of a file starting with `head`, or "unknown".
pub(crate) fn format(head: &[u8]) -> &'static str {
    if let Ok(t) = imagesize::image_type(head) {
        return image_name(&t);
    }
    if head.get(4..8) == Some(b"ftyp") {
        return match head.get(8..12) {
            Some(b"qt  ") => "mov",
            Some(b"heic" | b"heix" | b"mif1" | b"msf1") => "heic",
            Some(b"avif" | b"avis") => "avif",
            _ => "mp4",
        };
    }
    if head.starts_with(&[0x1a, 0x45, 0xdf, 0xa3]) {
        return "webm";
    }
    if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"AVI ") {
        return "avi";
    }
    if head.starts_with(&[0x47]) && head.get(188) == Some(&0x47) {
        return "ts";
    }
    "unknown"
}

/// The name of an image type `imagesize` recognised (only the formats its enabled features know).
pub(crate) fn image_name(t: &imagesize::ImageType) -> &'static str {
    match t {
        imagesize::ImageType::Jpeg => "jpeg",
        imagesize::ImageType::Png => "png",
        imagesize::ImageType::Webp => "webp",
        imagesize::ImageType::Gif => "gif",
        imagesize::ImageType::Bmp => "bmp",
        #[allow(unreachable_patterns)]
        _ => "unknown",
    }
}
