//! Drawing a [`Template`] filled with [`Metadata`] on a PDF page.

use crate::license::layout::wrap;
use crate::license::metadata::Metadata;
use crate::license::template::{Align, Element, Style, Template, expand, parse_placeholders};
use crate::pdf::write::{FontId, ImageId, PageBuilder, TextStyle};
use crate::{Error, Result};

/// Smallest horizontal scaling used to fit a `text` element into `maxWidth`.
const MIN_SCALING: f32 = 50.0;

fn text_style(style: &Style) -> TextStyle {
    let mut t = TextStyle::new(style.size, style.color.0);
    t.bold = style.bold;
    t.letter_spacing_mm = style.letter_spacing;
    t
}

fn expanded(text: &str, metadata: &Metadata) -> Result<String> {
    Ok(expand(&parse_placeholders(text)?, metadata))
}

/// Draw every element of `template` for `metadata`.
pub(crate) fn draw(
    template: &Template,
    metadata: &Metadata,
    page: &mut PageBuilder<'_, '_>,
    font: FontId,
    photo: Option<ImageId>,
) -> Result<()> {
    let placed = template.placed_surface_keys();
    for element in &template.elements {
        match element {
            Element::Rect {
                x,
                y,
                w,
                h,
                stroke,
                color,
            } => match stroke {
                Some(width) => page.stroke_rect(*x, *y, *w, *h, *width, color.0),
                None => page.fill_rect(*x, *y, *w, *h, color.0),
            },
            Element::Line {
                from,
                to,
                width,
                color,
            } => page.line((from[0], from[1]), (to[0], to[1]), *width, color.0),
            Element::Text {
                text,
                x,
                y,
                align,
                max_width,
                style,
            } => {
                let text = expanded(text, metadata)?;
                if !text.is_empty() {
                    draw_text(
                        page,
                        font,
                        &text_style(style),
                        *x,
                        *y,
                        *align,
                        *max_width,
                        &text,
                    )?;
                }
            }
            Element::Field {
                label,
                value,
                x,
                y,
                label_width,
                justify_label,
                width,
                line_height,
                max_lines,
                min_size,
                style,
                label_style,
                optional,
            } => {
                let value = expanded(value, metadata)?;
                if value.trim().is_empty() {
                    if *optional {
                        continue;
                    }
                    return Err(Error::InvalidInput(format!(
                        "field {label}: the metadata gives it no value"
                    )));
                }
                let label_style = text_style(label_style.as_ref().unwrap_or(style));
                draw_label(
                    page,
                    font,
                    &label_style,
                    *x,
                    *y,
                    *label_width,
                    *justify_label,
                    label,
                )?;
                let fit = Box {
                    x: x + label_width,
                    y: *y,
                    width: *width,
                    line_height: *line_height,
                    lines: *max_lines,
                };
                let lines = fit_lines(
                    page,
                    font,
                    style,
                    min_size.unwrap_or(style.size),
                    &fit,
                    &value,
                )
                .map_err(|e| Error::InvalidInput(format!("field {label}: {e}")))?;
                for (i, line) in lines.lines.iter().enumerate() {
                    page.text_styled(
                        font,
                        &lines.style,
                        fit.x,
                        fit.y + lines.line_height * i as f32,
                        line,
                    )?;
                }
            }
            Element::SurfaceList {
                x,
                y,
                max_y,
                label_width,
                justify_label,
                width,
                line_height,
                row_gap,
                style,
                label_style,
            } => {
                let label_style = text_style(label_style.as_ref().unwrap_or(style));
                let value_style = text_style(style);
                let mut baseline = *y;
                for item in metadata.surface.iter().filter(|i| !placed.contains(&i.key)) {
                    let label = if item.label.is_empty() {
                        template
                            .rules
                            .surface_rule(&item.key)
                            .map_or(item.key.as_str(), |r| r.label.as_str())
                    } else {
                        item.label.as_str()
                    };
                    let lines = wrap(&item.value, *width, |s| page.measure(font, &value_style, s))?;
                    let last = baseline + line_height * (lines.len().saturating_sub(1)) as f32;
                    if last > *max_y + 0.01 {
                        return Err(Error::InvalidInput(format!(
                            "the face items do not fit the template's list: {label} would end at {last:.1} mm, below {max_y} mm"
                        )));
                    }
                    draw_label(
                        page,
                        font,
                        &label_style,
                        *x,
                        baseline,
                        *label_width,
                        *justify_label,
                        label,
                    )?;
                    for (i, line) in lines.iter().enumerate() {
                        page.text_styled(
                            font,
                            &value_style,
                            x + label_width,
                            baseline + line_height * i as f32,
                            line,
                        )?;
                    }
                    baseline = last + line_height + row_gap;
                }
            }
            Element::QrCode {
                x,
                y,
                size,
                content,
                color,
            } => {
                let content = expanded(content, metadata)?;
                page.qr_code(&content, *x, *y, *size, color.0)?;
            }
            Element::Photo {
                x,
                y,
                w,
                h,
                frame,
                color,
            } => {
                if let Some(image) = photo {
                    let (iw, ih) = page.image_size(image).unwrap_or((1, 1));
                    // Fit inside the box keeping the proportions, centred.
                    let scale = (w / iw as f32).min(h / ih as f32);
                    let (dw, dh) = (iw as f32 * scale, ih as f32 * scale);
                    page.image(image, x + (w - dw) / 2.0, y + (h - dh) / 2.0, dw, dh);
                }
                if let Some(width) = frame {
                    page.stroke_rect(*x, *y, *w, *h, *width, color.0);
                }
            }
            // Reserved: the signing step draws the seal there.
            Element::Seal(_) => {}
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn draw_text(
    page: &mut PageBuilder<'_, '_>,
    font: FontId,
    style: &TextStyle,
    x: f32,
    y: f32,
    align: Align,
    max_width: Option<f32>,
    text: &str,
) -> Result<()> {
    let mut style = *style;
    // The visible width: no letter spacing after the last character.
    let visible = |page: &PageBuilder<'_, '_>, s: &TextStyle| -> Result<f32> {
        Ok(page.measure(font, s, text)? - s.letter_spacing_mm * s.horizontal_scaling / 100.0)
    };
    let mut width = visible(page, &style)?;
    if let Some(max) = max_width {
        if width > max {
            let scaling = 100.0 * max / width;
            if scaling < MIN_SCALING {
                return Err(Error::InvalidInput(format!(
                    "text {text:?} is {width:.1} mm wide, more than twice its {max} mm"
                )));
            }
            style.horizontal_scaling = scaling;
            width = visible(page, &style)?;
        }
    }
    let left = match align {
        Align::Left => x,
        Align::Center => x - width / 2.0,
        Align::Right => x - width,
    };
    page.text_styled(font, &style, left, y, text)?;
    Ok(())
}

/// A label at `x`, spread over `width` when `justify` (名　　称).
#[allow(clippy::too_many_arguments)]
fn draw_label(
    page: &mut PageBuilder<'_, '_>,
    font: FontId,
    style: &TextStyle,
    x: f32,
    y: f32,
    width: f32,
    justify: bool,
    label: &str,
) -> Result<()> {
    if label.is_empty() {
        return Ok(());
    }
    let mut style = *style;
    let n = label.chars().count();
    if justify && n > 1 {
        let natural = page.measure(
            font,
            &TextStyle {
                letter_spacing_mm: 0.0,
                ..style
            },
            label,
        )?;
        // Leave a gap of half a character between the label and the value.
        let room = width - style.size_pt * 25.4 / 72.0 * 0.5;
        if room > natural {
            style.letter_spacing_mm = (room - natural) / (n - 1) as f32;
        }
    }
    page.text_styled(font, &style, x, y, label)?;
    Ok(())
}

/// A wrapping box: its left edge, first baseline, width, line height and line count.
struct Box {
    x: f32,
    y: f32,
    width: f32,
    line_height: f32,
    lines: u32,
}

struct Fitted {
    lines: Vec<String>,
    style: TextStyle,
    line_height: f32,
}

/// Wrap `text` into the box at the style's size, shrinking in half-point
/// steps (line height in proportion) down to `min_size` until it fits.
fn fit_lines(
    page: &PageBuilder<'_, '_>,
    font: FontId,
    style: &Style,
    min_size: f32,
    fit: &Box,
    text: &str,
) -> Result<Fitted> {
    let height = fit.line_height * fit.lines as f32;
    let mut size = style.size;
    loop {
        let mut t = text_style(style);
        t.size_pt = size;
        let line_height = fit.line_height * size / style.size;
        // At most 100 lines (Template::check), so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let capacity = ((height + 0.01) / line_height).floor().max(1.0) as usize;
        let lines = wrap(text, fit.width, |s| page.measure(font, &t, s))?;
        if lines.len() <= capacity {
            return Ok(Fitted {
                lines,
                style: t,
                line_height,
            });
        }
        if size - 0.5 < min_size - f32::EPSILON {
            return Err(Error::InvalidInput(format!(
                "the value needs {} lines of {} mm at {size} pt; the box holds {capacity}",
                lines.len(),
                fit.width
            )));
        }
        size -= 0.5;
    }
}
