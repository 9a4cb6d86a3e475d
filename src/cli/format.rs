//! The command line's `--format`: each command accepts and lists only the formats it offers
//! ([`ratebook::report::format`] says which, and what each format is). Nothing here renders
//! anything.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

pub use ratebook::report::format::*;

/// The `--format` parser for a command that offers `formats`: only those are accepted and
/// listed, and `text` also answers to `human`, as it was called before.
pub fn offered(formats: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    let values = formats.iter().map(|format| {
        let value = PossibleValue::new(format.name());
        if *format == Format::Text {
            value.alias("human")
        } else {
            value
        }
    });
    PossibleValuesParser::new(values).map(|name| {
        // The parser accepts only the names above, so one of them always matches.
        ALL.into_iter()
            .find(|f| f.name() == name)
            .unwrap_or(Format::Text)
    })
}

/// The answer for a format a command does not write, which its parser never lets through.
pub fn not_offered(command: &str, format: Format) -> std::process::ExitCode {
    say!("error: {command} does not write --format {}", format.name());
    std::process::ExitCode::from(2)
}
