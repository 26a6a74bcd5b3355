"""The package version: the version of the gmseal crate it was written with
(``[workspace.package] version`` of the root ``Cargo.toml``)."""

__version__ = "0.1.0"
