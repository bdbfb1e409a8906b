//! Compressed inputs: gzip (`.gz`, multi-member as in WARC.gz files) and zstd (`.zst`,
//! multi-frame), recognised by extension or by their magic bytes, decoded as a stream.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::MultiGzDecoder;
use ruzstd::decoding::{FrameDecoder, StreamingDecoder};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    Gzip,
    Zstd,
}

/// The compression of a file from its extension (`news.jsonl.gz`).
pub fn by_extension(ext: &str) -> Option<Compression> {
    match ext {
        "gz" | "gzip" => Some(Compression::Gzip),
        "zst" | "zstd" => Some(Compression::Zstd),
        _ => None,
    }
}

/// The compression of a stream from its first bytes.
pub fn by_magic(head: &[u8]) -> Option<Compression> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some(Compression::Gzip)
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Some(Compression::Zstd)
    } else {
        None
    }
}

/// zstd frames one after another, as one stream.
struct ZstdFrames<R: BufRead> {
    inner: Option<StreamingDecoder<R, FrameDecoder>>,
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(dec) = self.inner.as_mut() else { return Ok(0) };
            let n = dec.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // End of a frame: another may follow.
            let (mut source, decoder) = self.inner.take().expect("decoder").into_parts();
            if source.fill_buf()?.is_empty() {
                return Ok(0);
            }
            self.inner = Some(StreamingDecoder::new_with_decoder(source, decoder).map_err(io::Error::other)?);
        }
    }
}

/// Wraps `reader` in the decoder for `c`.
pub fn decode<R: BufRead + 'static>(reader: R, c: Compression) -> io::Result<Box<dyn BufRead>> {
    Ok(match c {
        Compression::Gzip => Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(reader))),
        Compression::Zstd => {
            let dec = StreamingDecoder::new(reader).map_err(|e| io::Error::other(format!("zstd: {e}")))?;
            Box::new(BufReader::with_capacity(1 << 16, ZstdFrames { inner: Some(dec) }))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_members_are_one_stream() {
        let mut data = Vec::new();
        for part in ["first\n", "second\n"] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(part.as_bytes()).unwrap();
            data.extend(e.finish().unwrap());
        }
        assert_eq!(by_magic(&data), Some(Compression::Gzip));
        let mut out = String::new();
        decode(io::Cursor::new(data), Compression::Gzip).unwrap().read_to_string(&mut out).unwrap();
        assert_eq!(out, "first\nsecond\n");
    }

    #[test]
    fn zstd_frames_are_one_stream() {
        // Two raw-block zstd frames written by hand: magic, frame header (single segment,
        // 1-byte content size), one last raw block.
        let frame = |payload: &[u8]| {
            let mut f = vec![0x28, 0xb5, 0x2f, 0xfd, 0x20, payload.len() as u8];
            let block_header = ((payload.len() as u32) << 3) | 1; // last block, raw
            f.extend_from_slice(&block_header.to_le_bytes()[..3]);
            f.extend_from_slice(payload);
            f
        };
        let mut data = frame(b"hello ");
        data.extend(frame(b"world"));
        assert_eq!(by_magic(&data), Some(Compression::Zstd));
        let mut out = String::new();
        decode(io::Cursor::new(data), Compression::Zstd).unwrap().read_to_string(&mut out).unwrap();
        assert_eq!(out, "hello world");
        assert!(decode(io::Cursor::new(b"not zstd".to_vec()), Compression::Zstd).is_err());
    }

    #[test]
    fn corrupt_gzip_is_an_error_not_a_panic() {
        let mut data = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        data.extend_from_slice(b"garbage that is not deflate data at all");
        let mut out = Vec::new();
        assert!(decode(io::Cursor::new(data), Compression::Gzip).unwrap().read_to_end(&mut out).is_err());
    }
}
