//! Resource limits of the reader.

/// Upper bounds on what the reader accepts. Exceeding one is an error naming
/// the limit and the byte offset where it was reached. docs/limits.md lists
/// every bound gmseal enforces and the test that proves it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest file, in bytes (default 2 GiB). `verify_file` checks it
    /// before reading anything.
    pub max_file_size: usize,
    /// Deepest nesting of arrays and dictionaries (default 64). The parser
    /// recurses once per level: keep this in the hundreds at most.
    pub max_depth: usize,
    /// Most objects in the document, and in one object stream (default 1,000,000).
    pub max_objects: usize,
    /// Most cross-reference entries over all sections (default 4,000,000).
    /// A document holds about 64 bytes per entry while it is open (a
    /// compressed cross-reference stream needs about one byte of file per
    /// thousand entries): lower this for services that read untrusted files.
    pub max_xref_entries: usize,
    /// Largest decoded stream, in bytes (default 256 MiB). It also bounds
    /// the cache of decoded object streams, and the bytes of object streams
    /// decoded again after that cache dropped them.
    pub max_decompressed_size: usize,
    /// Longest string or name, in bytes after decoding (default 16 MiB).
    pub max_string_length: usize,
    /// Most revisions (cross-reference sections in the `/Prev` chain; default 10,000).
    pub max_revisions: usize,
    /// Most bytes the verifier hashes for the `/ByteRange`s of all the
    /// signatures of one document together (default 16 GiB: eight signatures
    /// over a 2 GiB file). Each signature may cover nearly the whole file, so
    /// without it a file with many signatures costs signatures × file size;
    /// the signatures past the budget are indeterminate (`pdf.limit-exceeded`).
    pub max_hashed_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_size: 2 << 30,
            max_depth: 64,
            max_objects: 1_000_000,
            max_xref_entries: 4_000_000,
            max_decompressed_size: 256 << 20,
            max_string_length: 16 << 20,
            max_revisions: 10_000,
            max_hashed_bytes: 16 << 30,
        }
    }
}
