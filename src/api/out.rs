//! The body writer's output: pieces of text that, wherever they repeat the request text at the
//! same place, are not copied one by one but gathered into one span of it and copied at once.
//! A body is mostly its request, so a few copies make it: each copy is a wasm `memory.copy`,
//! which costs a call into the engine (≈ 13 ns in V8, whatever the length), more than the
//! bytes of a key or a comma.

/// Text written so far, plus a pending span `[from, to)` of the request text that continues it.
pub struct Out<'t> {
    text: &'t str,
    buf: String,
    from: usize,
    to: usize,
    /// `[at, from, to]` for each span of the request text copied into the body, `at` where it
    /// starts in the body (byte offsets). The bindings give them to JS, which makes those
    /// stretches of the body by slicing the request string it still holds and decodes only the
    /// rest: most of a body is no UTF-8 decode then (≈ 1 µs of 17 on the benchmark request).
    spans: Vec<u32>,
}

impl<'t> Out<'t> {
    /// Output for a body made from the request `text`.
    pub fn new(text: &'t str) -> Self {
        // Sized once for the whole body: growing would copy it, holding old and new at once.
        // A body outgrows its request only by model_name (< 64 bytes) and per value: a number
        // duration becoming a string (+2) or a float's serde_json form (`1e15` is written
        // `1000000000000000.0`: +14 at most, for >= 5 bytes of source with its comma). So by at
        // most 3× a short text, and by 16 bytes per value (`json::MAX_VALUES`) a long one.
        let slack = (3 * text.len()).min(16 * crate::json::MAX_VALUES) + 64;
        // Room for a dozen spans at once (a body breaks its request's text where a field is left
        // out or rewritten: model_name, durations, ids), instead of 4, 8, 16 triples by regrowth.
        Out { text, buf: String::with_capacity(text.len() + slack), from: 0, to: 0, spans: Vec::with_capacity(36) }
    }

    /// Bytes written so far (the pending span included).
    pub fn written(&self) -> usize {
        self.buf.len() + (self.to - self.from)
    }

    /// The body, and where in it the request text was copied (`spans` above).
    pub fn finish(mut self) -> (String, Vec<u32>) {
        self.flush();
        (self.buf, self.spans)
    }

    fn flush(&mut self) {
        if self.from < self.to {
            // (u32: a body is far below 4 GiB; wasm memory is.)
            self.spans.extend([self.buf.len() as u32, self.from as u32, self.to as u32]);
            self.buf.push_str(self.text.get(self.from..self.to).unwrap_or(""));
        }
        self.from = self.to;
    }

    /// Writes `s`, which may be a slice of the request text (a string the reader borrowed).
    pub fn src(&mut self, s: &str) {
        // Where `s` sits in the text, if it is a slice of it (same memory, so same bytes).
        let at = (s.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        if at > self.text.len() || self.text.len() - at < s.len() {
            return self.lit(s);
        }
        if at != self.to {
            self.flush();
            self.from = at;
        }
        self.to = at + s.len();
    }

    /// Writes `s`: gathered when the request text has the same bytes next, else copied.
    pub fn lit(&mut self, s: &str) {
        let next = self.text.as_bytes().get(self.to..self.to + s.len());
        if next == Some(s.as_bytes()) {
            self.to += s.len();
        } else {
            self.flush();
            self.buf.push_str(s);
        }
    }

    /// Writes `s` as a JSON string literal, escaped straight into the body.
    pub fn str_lit(&mut self, s: &str) {
        self.flush();
        crate::json::write_str(&mut self.buf, s);
    }

    /// One ASCII punctuation byte (`{`, `"`, `,` …), as `lit`, without a slice compare.
    #[inline(always)]
    pub fn punct(&mut self, c: u8) {
        if self.text.as_bytes().get(self.to) == Some(&c) {
            self.to += 1;
        } else {
            self.flush();
            self.buf.push(char::from(c));
        }
    }
}
