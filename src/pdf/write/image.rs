//! Raster images (holder photos): PNG decoded to 8-bit RGB(+alpha as `/SMask`)
//! and deflated; JPEG (baseline or progressive, grey or RGB) passed through as
//! `/DCTDecode`. CMYK JPEGs are refused: PDF/A-3 with an sRGB output intent
//! cannot use DeviceCMYK.

use crate::pdf::write::deflate;
use crate::{Error, Result};
use pdf_writer::{Chunk, Filter, Finish, Name, Ref};

/// Largest image side gmseal embeds (pixels).
pub const MAX_IMAGE_SIDE: u32 = 8000;

/// Most pixels in an image gmseal decodes (16 Mpx, e.g. 4096x4096): with
/// [`MAX_IMAGE_SIDE`] it bounds the memory of decoding (at most 64 MiB for the
/// 8-bit RGBA frame, checked from the header before anything is allocated).
pub const MAX_IMAGE_PIXELS: u64 = 16 << 20;

/// Refuse sizes outside 1..=[`MAX_IMAGE_SIDE`] or above [`MAX_IMAGE_PIXELS`].
fn check_size(format: &str, width: u32, height: u32) -> Result<()> {
    if width == 0 || height == 0 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
        return Err(bad(format!(
            "{format} of {width}x{height} pixels: each side must be in 1..={MAX_IMAGE_SIDE}"
        )));
    }
    if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
        return Err(bad(format!(
            "{format} of {width}x{height} pixels is more than the {MAX_IMAGE_PIXELS}-pixel limit"
        )));
    }
    Ok(())
}

/// A decoded or passed-through image, ready to write.
#[derive(Clone, Debug)]
pub(crate) struct ImageData {
    pub(crate) width: u32,
    pub(crate) height: u32,
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    Jpeg {
        data: Vec<u8>,
        components: u8,
    },
    Raw {
        rgb: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

fn bad(what: String) -> Error {
    Error::InvalidInput(what)
}

impl ImageData {
    /// Read a PNG or JPEG.
    pub(crate) fn from_bytes(data: &[u8]) -> Result<Self> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Self::png(data)
        } else if data.starts_with(&[0xFF, 0xD8]) {
            Self::jpeg(data)
        } else {
            Err(bad("the image is neither PNG nor JPEG".into()))
        }
    }

    fn png(data: &[u8]) -> Result<Self> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(data));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder
            .read_info()
            .map_err(|e| bad(format!("malformed PNG: {e}")))?;
        let (width, height) = (reader.info().width, reader.info().height);
        check_size("PNG", width, height)?;
        let mut buf = vec![0; reader.output_buffer_size()];
        let frame = reader
            .next_frame(&mut buf)
            .map_err(|e| bad(format!("malformed PNG: {e}")))?;
        let pixels = &buf[..frame.buffer_size()];
        let n = (width * height) as usize;
        let (rgb, alpha) = match frame.color_type {
            png::ColorType::Rgb => (pixels.to_vec(), None),
            png::ColorType::Rgba => {
                let mut rgb = Vec::with_capacity(n * 3);
                let mut a = Vec::with_capacity(n);
                for px in pixels.chunks_exact(4) {
                    rgb.extend_from_slice(&px[..3]);
                    a.push(px[3]);
                }
                (rgb, Some(a))
            }
            png::ColorType::Grayscale => (pixels.iter().flat_map(|&g| [g, g, g]).collect(), None),
            png::ColorType::GrayscaleAlpha => {
                let mut rgb = Vec::with_capacity(n * 3);
                let mut a = Vec::with_capacity(n);
                for px in pixels.chunks_exact(2) {
                    rgb.extend_from_slice(&[px[0], px[0], px[0]]);
                    a.push(px[1]);
                }
                (rgb, Some(a))
            }
            png::ColorType::Indexed => {
                return Err(bad("unexpected indexed PNG after expansion".into()));
            }
        };
        if rgb.len() != n * 3 {
            return Err(bad("PNG pixel data has the wrong size".into()));
        }
        // An alpha channel that is fully opaque is dropped.
        let alpha = alpha.filter(|a| a.iter().any(|&v| v != 255));
        Ok(Self {
            width,
            height,
            kind: Kind::Raw { rgb, alpha },
        })
    }

    /// The frame header (SOF0..SOF15 except DHT/JPG/DAC) gives size and components.
    fn jpeg(data: &[u8]) -> Result<Self> {
        let mut i = 2;
        while i + 4 <= data.len() {
            if data[i] != 0xFF {
                return Err(bad(format!("malformed JPEG: no marker at byte {i}")));
            }
            let marker = data[i + 1];
            if marker == 0xFF {
                i += 1;
                continue;
            }
            let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
            let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
            if is_sof {
                let seg = data
                    .get(i + 4..i + 2 + len)
                    .ok_or_else(|| bad("truncated JPEG frame header".into()))?;
                if seg.len() < 6 {
                    return Err(bad("truncated JPEG frame header".into()));
                }
                let height = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
                let width = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
                let components = seg[5];
                check_size("JPEG", width, height)?;
                if components != 1 && components != 3 {
                    return Err(bad(format!(
                        "JPEG with {components} components (CMYK?) cannot go into a PDF/A file with an sRGB output intent"
                    )));
                }
                return Ok(Self {
                    width,
                    height,
                    kind: Kind::Jpeg {
                        data: data.to_vec(),
                        components,
                    },
                });
            }
            if len < 2 {
                return Err(bad("malformed JPEG segment length".into()));
            }
            i += 2 + len;
        }
        Err(bad("malformed JPEG: no frame header".into()))
    }

    /// Write the image XObject (and its soft mask) at `id`.
    pub(crate) fn write(&self, pdf: &mut Chunk, id: Ref, mask_id: Ref) {
        let (w, h) = (
            i32::try_from(self.width).unwrap_or(1),
            i32::try_from(self.height).unwrap_or(1),
        );
        match &self.kind {
            Kind::Jpeg { data, components } => {
                let mut image = pdf.image_xobject(id, data);
                image.width(w).height(h).bits_per_component(8);
                image.filter(Filter::DctDecode);
                image.pair(
                    Name(b"ColorSpace"),
                    Name(if *components == 1 {
                        b"DeviceGray"
                    } else {
                        b"DeviceRGB"
                    }),
                );
                image.finish();
            }
            Kind::Raw { rgb, alpha } => {
                let compressed = deflate(rgb);
                let mut image = pdf.image_xobject(id, &compressed);
                image.width(w).height(h).bits_per_component(8);
                image.filter(Filter::FlateDecode);
                image.pair(Name(b"ColorSpace"), Name(b"DeviceRGB"));
                if alpha.is_some() {
                    image.s_mask(mask_id);
                }
                image.finish();
                if let Some(a) = alpha {
                    let compressed = deflate(a);
                    let mut mask = pdf.image_xobject(mask_id, &compressed);
                    mask.width(w).height(h).bits_per_component(8);
                    mask.filter(Filter::FlateDecode);
                    mask.pair(Name(b"ColorSpace"), Name(b"DeviceGray"));
                    mask.finish();
                }
            }
        }
    }
}
