//! The outline of a rule file (document symbols): domains → standards → key questions →
//! prompts, then the scale, fields, band sets, discretion, the overall rating, groupings and
//! measures, each at the range it covers. Read from the sections the parser could read, so
//! the outline stays while a section is mid-edit.

#![allow(deprecated)] // `DocumentSymbol::deprecated` must be given, though it is deprecated.

use lsp_types::{DocumentSymbol, SymbolKind};

use super::place::Lines;
use crate::syntax::tree::*;

/// The outline of the file as written.
pub fn outline(text: &RuleText, lines: &Lines) -> Vec<DocumentSymbol> {
    let mut symbols = vec![];
    for item in &text.items {
        match item {
            Item::Section(s) | Item::Replace { section: s, .. } => {
                symbols.extend(section(s, lines));
            }
            Item::AddStandards {
                domain,
                standards,
                span,
            } => {
                let children = standards.iter().map(|s| standard(s, lines)).collect();
                symbols.push(symbol(
                    format!("add to domain {}", domain.node),
                    SymbolKind::NAMESPACE,
                    *span,
                    domain.span,
                    children,
                    lines,
                ));
            }
            Item::AddQuestions {
                standard: id,
                questions,
                span,
            } => {
                let children = questions.iter().map(|q| question(q, lines)).collect();
                symbols.push(symbol(
                    format!("add to standard {}", id.node),
                    SymbolKind::NAMESPACE,
                    *span,
                    id.span,
                    children,
                    lines,
                ));
            }
            _ => {}
        }
    }
    symbols
}

fn section(s: &Section, lines: &Lines) -> Option<DocumentSymbol> {
    let block = |name: &str, kind, span: Span| symbol(name.into(), kind, span, span, vec![], lines);
    Some(match s {
        Section::Domain(d) => {
            let children = d.standards.iter().map(|s| standard(s, lines)).collect();
            symbol(
                format!("domain {} {}", d.id.node, d.title),
                SymbolKind::NAMESPACE,
                d.span,
                d.id.span,
                children,
                lines,
            )
        }
        Section::Standard(st) => standard(st, lines),
        Section::Question(q) => question(q, lines),
        Section::Scale(sc) => block("scale", SymbolKind::ENUM, sc.span),
        Section::Fields(f) => {
            let children = f
                .fields
                .iter()
                .map(|field| {
                    symbol(
                        field.name.node.clone(),
                        SymbolKind::FIELD,
                        field.name.span,
                        field.name.span,
                        vec![],
                        lines,
                    )
                })
                .collect();
            symbol(
                "case fields".into(),
                SymbolKind::STRUCT,
                f.span,
                f.span,
                children,
                lines,
            )
        }
        Section::Bands(b) => symbol(
            format!("bands {}", b.name.node),
            SymbolKind::ENUM,
            b.span,
            b.name.span,
            vec![],
            lines,
        ),
        Section::Discretion(d) => block("discretion", SymbolKind::OBJECT, d.span),
        Section::Overall(o) => block("overall", SymbolKind::OBJECT, o.span),
        Section::Grouping(g) => symbol(
            format!("group {}", g.name.node),
            SymbolKind::ENUM,
            g.span,
            g.name.span,
            vec![],
            lines,
        ),
        Section::Measure(m) => symbol(
            format!("measure {}", m.name.node),
            SymbolKind::CONSTANT,
            m.name.span,
            m.name.span,
            vec![],
            lines,
        ),
        Section::Suppress(s) => block("suppress", SymbolKind::CONSTANT, s.span),
    })
}

fn standard(s: &Standard, lines: &Lines) -> DocumentSymbol {
    let children = s.questions.iter().map(|q| question(q, lines)).collect();
    symbol(
        format!("standard {} {}", s.id.node, s.title),
        SymbolKind::CLASS,
        s.span,
        s.id.span,
        children,
        lines,
    )
}

fn question(q: &Question, lines: &Lines) -> DocumentSymbol {
    let children = q
        .prompts
        .iter()
        .map(|p| {
            symbol(
                format!("prompt {}", p.id.node),
                SymbolKind::PROPERTY,
                p.id.span,
                p.id.span,
                vec![],
                lines,
            )
        })
        .collect();
    symbol(
        format!("question {}", q.id.node),
        SymbolKind::METHOD,
        q.span,
        q.id.span,
        children,
        lines,
    )
}

fn symbol(
    name: String,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    children: Vec<DocumentSymbol>,
    lines: &Lines,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range: lines.range(span.start, span.end),
        selection_range: lines.range(selection.start, selection.end),
        children: (!children.is_empty()).then_some(children),
    }
}
