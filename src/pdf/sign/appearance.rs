//! The seal's appearance: a form XObject (ISO 32000-1 §8.10) drawing the
//! seal's picture (PNG or JPEG from `SES_ESPictureInfo`) or its vector
//! drawing, scaled to fit the widget rectangle and centred.
//!
//! The image objects do not depend on the document, so they are encoded once
//! per signer and reused for every document it seals.

use crate::Result;
use crate::pdf::sign::serialize::write_real;
use crate::pdf::write::image::ImageData;
use crate::seal::image::{PathCommand, SealDrawing};
use pdf_writer::{Chunk, Ref};

const PT_PER_MM: f32 = 72.0 / 25.4;

/// How the seal is drawn in its widget.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Appearance {
    /// The picture stored in the seal (`SES_ESPictureInfo`, PNG or JPEG).
    SealPicture,
    /// A vector drawing, for example from
    /// [`render_paths`](crate::seal::image::render_paths) with the seal's
    /// parameters: sharp at any zoom and a few kilobytes.
    Drawing(SealDrawing),
}

/// An encoded appearance: image objects (numbered from 1, renumbered when
/// written) and the drawing operators for a unit box.
#[derive(Clone, Debug)]
pub(crate) enum Encoded {
    Image {
        /// `[image, soft mask]` object bodies as `pdf-writer` wrote them
        /// with references 1 and 2.
        objects: Vec<Vec<u8>>,
        /// Pixel width / height.
        aspect: f32,
    },
    Drawing {
        /// The body of a form XObject drawing the seal in a `width_pt` ×
        /// `height_pt` box (its operators deflated).
        form: Vec<u8>,
        width_pt: f32,
        height_pt: f32,
    },
}

impl Encoded {
    /// Encode the seal picture `data` (`kind` as stored in the seal).
    pub(crate) fn picture(kind: &str, data: &[u8]) -> Result<Self> {
        let image = ImageData::from_bytes(data).map_err(|e| {
            crate::Error::InvalidInput(format!(
                "the seal's picture (type {kind:?}) cannot be drawn: {e}; pass a vector drawing instead"
            ))
        })?;
        let mut chunk = Chunk::new();
        image.write(&mut chunk, Ref::new(1), Ref::new(2));
        let bytes = chunk.as_bytes();
        // Split the chunk into the object bodies (between `obj\n` and `\nendobj`).
        let mut objects = Vec::new();
        let mut rest = bytes;
        while let Some(start) = find(rest, b" obj\n") {
            let body_start = start + 5;
            let Some(end) = find(&rest[body_start..], b"\nendobj") else {
                break;
            };
            objects.push(rest[body_start..body_start + end].to_vec());
            rest = &rest[body_start + end..];
        }
        Ok(Self::Image {
            objects,
            aspect: image.width as f32 / image.height.max(1) as f32,
        })
    }

    /// Encode a vector drawing.
    pub(crate) fn drawing(drawing: &SealDrawing) -> Self {
        let h = drawing.height_mm;
        let pt = |v: f32| v * PT_PER_MM;
        let mut ops = Vec::new();
        let [r, g, b] = drawing.color.map(|c| f64::from(c) / 255.0);
        for (i, v) in [r, g, b].iter().enumerate() {
            if i > 0 {
                ops.push(b' ');
            }
            write_real(&mut ops, *v);
        }
        ops.extend_from_slice(b" rg\n");
        for (i, v) in [r, g, b].iter().enumerate() {
            if i > 0 {
                ops.push(b' ');
            }
            write_real(&mut ops, *v);
        }
        ops.extend_from_slice(b" RG 1 j 1 J\n");
        let point = |ops: &mut Vec<u8>, x: f32, y: f32| {
            write_real(ops, f64::from(pt(x)));
            ops.push(b' ');
            write_real(ops, f64::from(pt(h - y)));
            ops.push(b' ');
        };
        for shape in &drawing.shapes {
            if shape.path.is_empty() {
                continue;
            }
            let mut current = (0.0f32, 0.0f32);
            for cmd in &shape.path {
                match *cmd {
                    PathCommand::MoveTo { x, y } => {
                        point(&mut ops, x, y);
                        ops.extend_from_slice(b"m\n");
                        current = (x, y);
                    }
                    PathCommand::LineTo { x, y } => {
                        point(&mut ops, x, y);
                        ops.extend_from_slice(b"l\n");
                        current = (x, y);
                    }
                    PathCommand::QuadTo { x1, y1, x, y } => {
                        let c1 = (
                            current.0 + 2.0 / 3.0 * (x1 - current.0),
                            current.1 + 2.0 / 3.0 * (y1 - current.1),
                        );
                        let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
                        point(&mut ops, c1.0, c1.1);
                        point(&mut ops, c2.0, c2.1);
                        point(&mut ops, x, y);
                        ops.extend_from_slice(b"c\n");
                        current = (x, y);
                    }
                    PathCommand::CubicTo {
                        x1,
                        y1,
                        x2,
                        y2,
                        x,
                        y,
                    } => {
                        point(&mut ops, x1, y1);
                        point(&mut ops, x2, y2);
                        point(&mut ops, x, y);
                        ops.extend_from_slice(b"c\n");
                        current = (x, y);
                    }
                    PathCommand::Close => ops.extend_from_slice(b"h\n"),
                }
            }
            if shape.stroke_width_mm > 0.0 {
                write_real(&mut ops, f64::from(pt(shape.stroke_width_mm)));
                ops.extend_from_slice(b" w B\n");
            } else {
                ops.extend_from_slice(b"f\n");
            }
        }
        let (width_pt, height_pt) = (pt(drawing.width_mm), pt(drawing.height_mm));
        let data = crate::pdf::write::deflate(&ops);
        let mut form = b"<</Type /XObject /Subtype /Form /BBox [0 0 ".to_vec();
        write_real(&mut form, f64::from(width_pt));
        form.push(b' ');
        write_real(&mut form, f64::from(height_pt));
        form.extend_from_slice(
            format!(
                "] /Resources <<>> /Filter /FlateDecode /Length {}>>\nstream\n",
                data.len()
            )
            .as_bytes(),
        );
        form.extend_from_slice(&data);
        form.extend_from_slice(b"\nendstream");
        Self::Drawing {
            form,
            width_pt,
            height_pt,
        }
    }

    /// The aspect ratio (width / height) of what is drawn.
    fn aspect(&self) -> f32 {
        match self {
            Self::Image { aspect, .. } => *aspect,
            Self::Drawing {
                width_pt,
                height_pt,
                ..
            } => width_pt / height_pt.max(0.001),
        }
    }

    /// The objects of the appearance of a `w` × `h` pt widget: the form
    /// XObject first (number `first`), then the image objects, numbered
    /// consecutively. Returns the object bodies.
    pub(crate) fn objects(&self, w: f32, h: f32, first: u32) -> Vec<Vec<u8>> {
        // Fit and centre.
        let aspect = self.aspect();
        let (dw, dh) = if w / h.max(0.001) > aspect {
            (h * aspect, h)
        } else {
            (w, w / aspect.max(0.001))
        };
        let (dx, dy) = ((w - dw) / 2.0, (h - dh) / 2.0);
        let mut content = Vec::new();
        let mut resources = Vec::new();
        let mut extra = Vec::new();
        match self {
            Self::Image { objects, .. } => {
                content.extend_from_slice(b"q ");
                for v in [dw, 0.0, 0.0, dh, dx, dy] {
                    write_real(&mut content, f64::from(v));
                    content.push(b' ');
                }
                content.extend_from_slice(b"cm /Seal Do Q\n");
                resources.extend_from_slice(
                    format!("<</XObject <</Seal {} 0 R>>>>", first + 1).as_bytes(),
                );
                for body in objects {
                    // pdf-writer numbered the image 1 and its mask 2; only the
                    // dictionary is rewritten, the stream data is kept as is.
                    let mut bytes = body.clone();
                    if let Some(pos) = find(body, b"/SMask 2 0 R") {
                        bytes.truncate(pos);
                        bytes.extend_from_slice(format!("/SMask {} 0 R", first + 2).as_bytes());
                        bytes.extend_from_slice(&body[pos + 12..]);
                    }
                    extra.push(bytes);
                }
            }
            Self::Drawing {
                form,
                width_pt,
                height_pt,
            } => {
                content.extend_from_slice(b"q ");
                for v in [dw / width_pt, 0.0, 0.0, dh / height_pt, dx, dy] {
                    write_real(&mut content, f64::from(v));
                    content.push(b' ');
                }
                content.extend_from_slice(b"cm /Seal Do Q\n");
                resources.extend_from_slice(
                    format!("<</XObject <</Seal {} 0 R>>>>", first + 1).as_bytes(),
                );
                extra.push(form.clone());
            }
        }
        let mut form = Vec::new();
        form.extend_from_slice(b"<</Type /XObject /Subtype /Form /BBox [0 0 ");
        write_real(&mut form, f64::from(w));
        form.push(b' ');
        write_real(&mut form, f64::from(h));
        form.extend_from_slice(b"] /Resources ");
        form.extend_from_slice(&resources);
        form.extend_from_slice(format!(" /Length {}>>\nstream\n", content.len()).as_bytes());
        form.extend_from_slice(&content);
        form.extend_from_slice(b"\nendstream");
        let mut out = vec![form];
        out.extend(extra);
        out
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
