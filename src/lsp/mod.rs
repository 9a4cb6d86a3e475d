//! `ratebook lsp`: a language server for rule files, over stdin and stdout (LSP 3.17, the
//! `lsp-server` crate). Diagnostics as you type, from the same checking as `ratebook check`
//! (a variant with its whole chain of bases, a base read from an open document before the
//! disk); hover, go to definition, find references and completion from the names the file
//! defines ([`index`]); the outline ([`symbols`]); formatting (`ratebook fmt`'s printer).
//!
//! A file mid-edit keeps its outline, hovers and definitions for every section the parser can
//! read ([`crate::syntax::parse_readable`]). Nothing here decides what a rule means; nothing
//! here writes a file.

pub mod complete;
pub mod index;
pub mod place;
pub mod symbols;
pub mod transport;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CompletionParams, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DocumentFormattingParams, DocumentSymbolParams, GotoDefinitionParams, Hover, HoverContents,
    HoverParams, Location, MarkupContent, MarkupKind, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ReferenceParams, ServerCapabilities, TextDocumentSyncKind,
    TextEdit, Uri,
};
use miette::Severity;
use serde_json::Value;

use crate::diagnostic::{RuleSources, Source};
use index::Index;
use place::{Lines, path_of, uri_of};

/// How the session ended, which decides the exit code the protocol asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The client asked to shut down, then to exit (or closed the input): exit 0.
    AfterShutdown,
    /// The client asked to exit, or closed the input, without shutting down first: exit 1.
    WithoutShutdown,
}

/// Serve on stdin and stdout until the client says to exit or the input ends.
pub fn serve() -> Result<Ending, String> {
    let (connection, threads) = transport::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncKind::FULL.into()),
        hover_provider: Some(true.into()),
        definition_provider: Some(lsp_types::OneOf::Left(true)),
        references_provider: Some(lsp_types::OneOf::Left(true)),
        document_symbol_provider: Some(lsp_types::OneOf::Left(true)),
        document_formatting_provider: Some(lsp_types::OneOf::Left(true)),
        completion_provider: Some(lsp_types::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "[".into(), ",".into()]),
            ..lsp_types::CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    if let Err(e) = connection.initialize(capabilities) {
        // The input ended before the editor said who it is: nothing was asked.
        if e.channel_is_disconnected() {
            drop(connection);
            threads.join();
            return Ok(Ending::WithoutShutdown);
        }
        return Err(e.to_string());
    }
    let mut server = Server::default();
    let mut shut_down = false;
    for message in &connection.receiver {
        match message {
            Message::Request(request) if shut_down => {
                let response = Response::new_err(
                    request.id,
                    lsp_server::ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".into(),
                );
                send(&connection, Message::Response(response))?;
            }
            Message::Request(request) if request.method == "shutdown" => {
                shut_down = true;
                send(&connection, Response::new_ok(request.id, ()).into())?;
            }
            Message::Request(request) => {
                // A mistake in answering one request must not take the editor's server down:
                // it is answered with an internal error, and the server goes on.
                let id = request.id.clone();
                let answered = crate::guard::catching(|| server.answer(request));
                let response = answered.unwrap_or_else(|_| {
                    Response::new_err(
                        id,
                        lsp_server::ErrorCode::InternalError as i32,
                        "ratebook could not answer this request (a bug: please report it)".into(),
                    )
                });
                send(&connection, Message::Response(response))?;
            }
            Message::Notification(note) if note.method == "exit" => break,
            Message::Notification(note) => {
                let noticed = crate::guard::catching(|| server.notice(note));
                for published in noticed.unwrap_or_default() {
                    send(&connection, Message::Notification(published))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(connection);
    threads.join();
    Ok(if shut_down {
        Ending::AfterShutdown
    } else {
        Ending::WithoutShutdown
    })
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection.sender.send(message).map_err(|e| e.to_string())
}

/// The open documents' texts, and what was read of each, by URI.
#[derive(Default)]
struct Server {
    open: HashMap<String, String>,
    read: HashMap<String, Document>,
    /// The URIs each document last published diagnostics for, to clear those that are gone.
    published: HashMap<String, Vec<String>>,
}

/// Rule files read for checking: an open document by its path before the disk.
struct Files<'s> {
    open: &'s HashMap<String, String>,
}

impl crate::variant::RuleFiles for Files<'_> {
    fn read(&self, path: &Path) -> Result<String, String> {
        let absolute = absolute(path);
        if let Some(text) = self.open.get(&uri_of(&absolute)) {
            return Ok(text.clone());
        }
        crate::io::read::Disk.read(path)
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

impl Server {
    /// A notification: a document opened, changed or closed; the diagnostics to publish.
    fn notice(&mut self, note: Notification) -> Vec<Notification> {
        use lsp_types::notification::{
            DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
        };
        let uri = match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(note.params)
                else {
                    return vec![];
                };
                let uri = p.text_document.uri.as_str().to_string();
                self.open.insert(uri.clone(), p.text_document.text);
                uri
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(note.params)
                else {
                    return vec![];
                };
                let uri = p.text_document.uri.as_str().to_string();
                // Whole documents are sent (full sync): the last change is the text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.open.insert(uri.clone(), change.text);
                }
                uri
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(note.params)
                else {
                    return vec![];
                };
                let uri = p.text_document.uri.as_str().to_string();
                self.open.remove(&uri);
                self.read.remove(&uri);
                let gone = self.published.remove(&uri).unwrap_or_default();
                return gone
                    .into_iter()
                    .filter_map(|u| publish(&u, vec![]))
                    .collect();
            }
            _ => return vec![],
        };
        // The document, and every open document that reads it as a base, read again.
        let mut again = vec![uri.clone()];
        for (other, doc) in &self.read {
            if *other != uri && doc.reads.contains(&uri) {
                again.push(other.clone());
            }
        }
        let mut out = vec![];
        for uri in again {
            out.extend(self.reread(uri));
        }
        out
    }

    /// Read an open document again, and the diagnostics to publish for it.
    fn reread(&mut self, uri: String) -> Vec<Notification> {
        let Some(text) = self.open.get(&uri) else {
            return vec![];
        };
        let doc = Document::read(&uri, text.clone(), &Files { open: &self.open });
        let by_file = doc.diagnostics.clone();
        self.read.insert(uri.clone(), doc);
        let now: Vec<String> = by_file.iter().map(|(u, _)| u.clone()).collect();
        let before = self.published.insert(uri, now.clone()).unwrap_or_default();
        let mut out: Vec<Notification> = by_file
            .into_iter()
            .filter_map(|(u, d)| publish(&u, d))
            .collect();
        for gone in before.into_iter().filter(|u| !now.contains(u)) {
            out.extend(publish(&gone, vec![]));
        }
        out
    }

    /// A request answered.
    fn answer(&self, request: Request) -> Response {
        use lsp_types::request::{
            Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
            References, Request as _,
        };
        let id = request.id.clone();
        let result: Result<Value, String> = match request.method.as_str() {
            HoverRequest::METHOD => self.hover(request.params),
            GotoDefinition::METHOD => self.definition(request.params),
            References::METHOD => self.references(request.params),
            Completion::METHOD => self.completion(request.params),
            DocumentSymbolRequest::METHOD => self.symbols(request.params),
            Formatting::METHOD => self.formatting(request.params),
            other => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("ratebook does not answer {other}"),
                );
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => invalid(id, message),
        }
    }

    fn document(&self, uri: &Uri) -> Result<&Document, String> {
        self.read
            .get(uri.as_str())
            .ok_or_else(|| format!("{} is not open", uri.as_str()))
    }

    fn hover(&self, params: Value) -> Result<Value, String> {
        let p: HoverParams = parse(params)?;
        let doc = self.document(&p.text_document_position_params.text_document.uri)?;
        let offset = doc.offset(p.text_document_position_params.position);
        let Some((kind, name)) = doc.index.at(offset) else {
            return Ok(Value::Null);
        };
        let Some(definition) = doc.index.definition(kind, name) else {
            return Ok(Value::Null);
        };
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: definition.hover.clone(),
            }),
            range: None,
        };
        serde_json::to_value(hover).map_err(|e| e.to_string())
    }

    fn definition(&self, params: Value) -> Result<Value, String> {
        let p: GotoDefinitionParams = parse(params)?;
        let doc = self.document(&p.text_document_position_params.text_document.uri)?;
        let offset = doc.offset(p.text_document_position_params.position);
        let found = doc
            .index
            .at(offset)
            .and_then(|(kind, name)| doc.index.definition(kind, name))
            .and_then(|d| doc.location(d.span.start, d.span.end));
        serde_json::to_value(found).map_err(|e| e.to_string())
    }

    fn references(&self, params: Value) -> Result<Value, String> {
        let p: ReferenceParams = parse(params)?;
        let doc = self.document(&p.text_document_position.text_document.uri)?;
        let offset = doc.offset(p.text_document_position.position);
        let Some((kind, name)) = doc.index.at(offset) else {
            return Ok(Value::Array(vec![]));
        };
        let mut found: Vec<Location> = doc
            .index
            .uses_of(kind, name)
            .filter_map(|u| doc.location(u.span.start, u.span.end))
            .collect();
        if p.context.include_declaration
            && let Some(d) = doc.index.definition(kind, name)
        {
            found.extend(doc.location(d.span.start, d.span.end));
        }
        serde_json::to_value(found).map_err(|e| e.to_string())
    }

    fn completion(&self, params: Value) -> Result<Value, String> {
        let p: CompletionParams = parse(params)?;
        let doc = self.document(&p.text_document_position.text_document.uri)?;
        let offset = doc.offset(p.text_document_position.position);
        let line_start = doc.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let items = complete::complete(&doc.text[line_start..offset], &doc.index, &doc.yes_no);
        serde_json::to_value(items).map_err(|e| e.to_string())
    }

    fn symbols(&self, params: Value) -> Result<Value, String> {
        let p: DocumentSymbolParams = parse(params)?;
        let doc = self.document(&p.text_document.uri)?;
        let outline = symbols::outline(&doc.tree, &doc.lines());
        serde_json::to_value(outline).map_err(|e| e.to_string())
    }

    fn formatting(&self, params: Value) -> Result<Value, String> {
        let p: DocumentFormattingParams = parse(params)?;
        let doc = self.document(&p.text_document.uri)?;
        // A file that cannot be read is left as it is: its diagnostics say why.
        let Ok(formatted) = crate::syntax::format(&doc.text) else {
            return Ok(Value::Null);
        };
        if formatted == doc.text {
            return Ok(Value::Array(vec![]));
        }
        let edit = TextEdit {
            range: doc.lines().range(0, doc.text.len()),
            new_text: formatted,
        };
        serde_json::to_value(vec![edit]).map_err(|e| e.to_string())
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| e.to_string())
}

fn invalid(id: RequestId, message: String) -> Response {
    Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, message)
}

fn publish(uri: &str, diagnostics: Vec<Diagnostic>) -> Option<Notification> {
    use lsp_types::notification::{Notification as _, PublishDiagnostics};
    let uri: Uri = uri.parse().ok()?;
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version: None,
    };
    Some(Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        params,
    ))
}

/// An open document read for answering: its text, what of it the parser can read, the names
/// it and its bases define, the files loaded with it, and its diagnostics.
pub struct Document {
    text: String,
    tree: crate::syntax::tree::RuleText,
    index: Index,
    sources: RuleSources,
    /// The yes-or-no fields, for completing their values.
    yes_no: Vec<(String, bool)>,
    /// The URIs of the bases it reads.
    reads: Vec<String>,
    /// Its diagnostics, by the URI of the file each belongs to.
    pub diagnostics: Vec<(String, Vec<Diagnostic>)>,
}

impl Document {
    /// Read a document's text as the editor holds it: checked with its bases (read through
    /// `files`), its names indexed, its diagnostics found. What the server does on every
    /// change.
    pub fn read(uri: &str, text: String, files: &dyn crate::variant::RuleFiles) -> Document {
        let name = name_of(uri);
        let mut checked =
            crate::check_rules_keeping_sources(Source::new(name, text.as_str()), files);
        // The file as written when it parses (the checking read it first, before its bases);
        // otherwise every section that reads on its own.
        let tree = if checked.written.is_empty() {
            crate::syntax::parse_readable(&text)
        } else {
            checked.written.remove(0)
        };
        let mut index = Index::of_text(&tree);
        // A variant's bases, each as written, so that an edit finds what the base had there
        // (a removed standard among it); this file's own definitions come first.
        for written in &checked.written {
            index.add_definitions(Index::of_text(written));
        }
        let reads: Vec<String> = checked
            .sources
            .starts()
            .skip(1)
            .map(|(base, _)| uri_of(&absolute(Path::new(&base.name))))
            .collect();
        let yes_no = checked.rules.as_ref().map_or(vec![], |rules| {
            rules
                .framework
                .fields
                .iter()
                .map(|f| {
                    let is = matches!(f.kind, crate::framework::FieldKind::YesNo);
                    (f.name.clone(), is)
                })
                .collect()
        });
        let diagnostics = diagnostics(uri, &text, &tree, &checked);
        Document {
            text,
            tree,
            index,
            sources: checked.sources,
            yes_no,
            reads,
            diagnostics,
        }
    }

    fn lines(&self) -> Lines<'_> {
        Lines::of(&self.text)
    }

    fn offset(&self, position: Position) -> usize {
        self.lines().offset(position)
    }

    /// Where a span among the loaded files stands: this document, or a base on disk.
    fn location(&self, start: usize, end: usize) -> Option<Location> {
        let (source, local) = self.sources.locate(start)?;
        let local_end = local + (end - start);
        let lines = Lines::of(&source.text);
        let uri: Uri = uri_of(&absolute(Path::new(&source.name))).parse().ok()?;
        Some(Location::new(uri, lines.range(local, local_end)))
    }
}

/// The name a document is checked under: its path (so that `based on` reads beside it).
fn name_of(uri: &str) -> String {
    path_of(uri).map_or_else(|| uri.to_string(), |p| p.display().to_string())
}

/// The diagnostics of a document (and, for a variant, of its bases) as the editor shows
/// them, by the URI of the file each belongs to: every problem `ratebook check` finds, with
/// its code, severity, help and the places its other labels mark. A problem in a base file is
/// also shown in the document, at its `based on` line. The document's own URI is always
/// among them (with none, to clear what was shown).
fn diagnostics(
    uri: &str,
    text: &str,
    tree: &crate::syntax::tree::RuleText,
    checked: &crate::Checked,
) -> Vec<(String, Vec<Diagnostic>)> {
    let name = name_of(uri);
    let own = Lines::of(text);
    let based_on = tree
        .based_on
        .as_ref()
        .map(|b| own.range(b.span.start, b.span.end));
    let mut by_file: Vec<(String, Vec<Diagnostic>)> = vec![(uri.to_string(), vec![])];
    for problem in checked.problems.diagnostics() {
        let severity = match problem.severity() {
            Some(Severity::Warning) => DiagnosticSeverity::WARNING,
            Some(Severity::Advice) => DiagnosticSeverity::HINT,
            _ => DiagnosticSeverity::ERROR,
        };
        let mut message = problem.to_string();
        if let Some(help) = problem.help() {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let labels: Vec<miette::LabeledSpan> =
            problem.labels().map(|l| l.collect()).unwrap_or_default();
        // Each label as a place in its file.
        let places: Vec<(String, Range, String)> = labels
            .iter()
            .filter_map(|label| {
                let (source, local) = checked.sources.locate(label.offset())?;
                let lines = Lines::of(&source.text);
                let range = lines.range(local, local + label.len());
                let file_uri = if source.name == name {
                    uri.to_string()
                } else {
                    uri_of(&absolute(Path::new(&source.name)))
                };
                Some((file_uri, range, label.label().unwrap_or("here").to_string()))
            })
            .collect();
        let related: Vec<DiagnosticRelatedInformation> = places
            .iter()
            .skip(1)
            .filter_map(|(file, range, label)| {
                Some(DiagnosticRelatedInformation {
                    location: Location::new(file.parse().ok()?, *range),
                    message: label.clone(),
                })
            })
            .collect();
        let diagnostic = |range: Range, message: String| Diagnostic {
            range,
            severity: Some(severity),
            code: problem
                .code()
                .map(|c| NumberOrString::String(c.to_string())),
            source: Some("ratebook".into()),
            message,
            related_information: (!related.is_empty()).then(|| related.clone()),
            ..Diagnostic::default()
        };
        let whole_start = Range::new(Position::new(0, 0), Position::new(0, 0));
        match places.first() {
            Some((file, range, _)) if *file == uri => {
                by_file[0].1.push(diagnostic(*range, message));
            }
            Some((file, range, _)) => {
                // In a base: shown there, and in this document at its `based on` line.
                let in_base = diagnostic(*range, message.clone());
                match by_file.iter_mut().find(|(u, _)| u == file) {
                    Some((_, list)) => list.push(in_base),
                    None => by_file.push((file.clone(), vec![in_base])),
                }
                let line = range.start.line + 1;
                let base = file.rsplit('/').next().unwrap_or(file);
                let here = diagnostic(
                    based_on.unwrap_or(whole_start),
                    format!("in {base} line {line}: {message}"),
                );
                by_file[0].1.push(here);
            }
            None => {
                by_file[0]
                    .1
                    .push(diagnostic(based_on.unwrap_or(whole_start), message));
            }
        }
    }
    by_file
}
