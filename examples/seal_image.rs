//! Draws the two sample seal images committed in `examples/output/`:
//!
//! ```text
//! cargo run --example seal_image -- examples/output
//! ```
//!
//! writes `seal-round.png` (a 42 mm round official seal) and `seal-oval.png`
//! (a 40 × 30 mm invoice seal) at 300 dpi into the given directory (default:
//! the current directory).

use std::path::PathBuf;

use gmseal::seal::image::{SealImageParams, render_png};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;

    let round =
        SealImageParams::round("某某市人民政府办公室", "合同专用章").with_code("3301020012345");
    let oval = SealImageParams::oval("某某科技有限公司", "发票专用章", "91330106MA2AXK9X3B");

    for (file, params) in [("seal-round.png", round), ("seal-oval.png", oval)] {
        let path = dir.join(file);
        std::fs::write(&path, render_png(&params)?)?;
        let (w, h) = params.pixel_size();
        eprintln!("wrote {} ({w}×{h} px)", path.display());
    }
    Ok(())
}
