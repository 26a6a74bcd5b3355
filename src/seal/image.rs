//! Seal images: see the seal-images work in progress.
