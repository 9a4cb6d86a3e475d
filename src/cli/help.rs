//! The examples each command's `--help` ends with: commands a new user can run as they are
//! from a checkout (the bundled rulesets by name, the bundled example inspection).

pub const MAIN: &str = "Examples:
  ratebook rate --rules hmip-youth-2019 examples/inspection.toml
  ratebook explain --rules hmip-youth-2019 --standard 2.1 examples/inspection.toml
  ratebook test --rules hmip-youth-2019 tests/published
  ratebook rules

The bundled rulesets (`ratebook rules`) are named without a path anywhere a rule file is asked for.";

pub const RULES: &str = "Examples:
  ratebook rules                      # the bundled rulesets, one a line
  ratebook rules hmip-youth-2019      # its rule text, to read or start a variant from";

pub const COMPLETIONS: &str = "Examples:
  ratebook completions bash > ~/.local/share/bash-completion/completions/ratebook
  ratebook completions zsh > \"${fpath[1]}/_ratebook\"
  ratebook completions fish > ~/.config/fish/completions/ratebook.fish";

pub const MAN: &str = "Example:
  ratebook man > ratebook.1 && man ./ratebook.1";

pub const CHECK: &str = "Examples:
  ratebook check rules/hmip-youth-2019.rules
  ratebook check examples/schemes          # every .rules file in the folder and below
  ratebook check hmip-youth-2021           # a bundled ruleset, by name";

pub const CASES: &str = "Examples:
  ratebook cases --rules hmip-youth-2019 examples/inspection.toml > cases.csv
  ratebook cases --rules tests/breakdown/research.rules --format json tests/breakdown";

pub const FMT: &str = "Examples:
  ratebook fmt my-edit.rules              # rewrite it in canonical layout, comments kept
  ratebook fmt --check rules              # exit 1 naming every file that would change
  ratebook fmt - < my-edit.rules          # stdin to stdout";

pub const LSP: &str =
    "Started by an editor, not by hand: the VS Code extension in editors/vscode runs
  ratebook lsp
and speaks the Language Server Protocol with it over stdin and stdout.";

pub const SHOW: &str = "Example:
  ratebook show examples/schemes/higher-thresholds.rules";

pub const RATE: &str = "Examples:
  ratebook rate --rules hmip-youth-2019 examples/inspection.toml
  ratebook rate --rules hmip-youth-2019 --format json tests/published
  ratebook rate --rules hmip-youth-2019 --format xlsx --output ratings.xlsx tests/published";

pub const EXPLAIN: &str = "Examples:
  ratebook explain --rules hmip-youth-2019 examples/inspection.toml
  ratebook explain --rules hmip-youth-2019 --standard 2.1 examples/inspection.toml";

pub const STABILITY: &str = "Example:
  ratebook stability --rules hmip-youth-2019 --resamples 2000 examples/inspection.toml";

pub const COMPARE: &str = "Examples:
  ratebook compare --rules hmip-youth-2019 --rules examples/schemes/higher-thresholds.rules tests/published
  ratebook compare --rules hmip-youth-2019 --rules hmip-youth-2021 --format csv tests/published
  ratebook compare --rules hmip-youth-2019 --rules hmip-youth-2021 --format xlsx --output compare.xlsx tests/published";

pub const DIFF: &str = "Example:
  ratebook diff hmip-youth-2019 hmip-youth-2021";

pub const TEST: &str = "Examples:
  ratebook test --rules hmip-youth-2019 tests/published
  ratebook test --rules my-edit.rules --snapshot ratings.snap tests/published
  ratebook test --rules my-edit.rules --snapshot ratings.snap --accept tests/published
  ratebook test --rules hmip-youth-2019 --format xlsx --output figures.xlsx tests/published";

pub const DOC: &str = "Examples:
  ratebook doc hmip-youth-2019 > framework.md
  ratebook doc hmip-youth-2019 --format html > framework.html";

pub const TEMPLATE: &str = "Examples:
  ratebook template hmip-youth-2019 > cases.csv
  ratebook template hmip-youth-2019 --format xlsx --output cases.xlsx
  ratebook template hmip-youth-2019 --inspection > inspection.toml";

pub const BREAKDOWN: &str = "Examples:
  ratebook breakdown --rules hmip-youth-2019 tests/published
  ratebook breakdown --rules hmip-youth-2019 --by rosh --measure 2.2.3 --format csv tests/published
  ratebook breakdown --rules hmip-youth-2019 --format xlsx --output breakdown.xlsx tests/published";
