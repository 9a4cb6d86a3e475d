//! `ratebook lsp`, talked to as an editor talks to it: the real binary, over its stdin and
//! stdout, in JSON-RPC with `Content-Length` headers. Open a rule file, change it, hover,
//! go to definition, find references, complete, outline, format, and shut down.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// How long any answer may take before the test says the server is stuck.
const PATIENCE: Duration = Duration::from_secs(60);

/// An editor's side of the conversation.
struct Editor {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for an answer, in order.
    notes: Vec<Value>,
}

impl Editor {
    fn start() -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ratebook"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ratebook lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                let message: Value = serde_json::from_slice(&body).unwrap();
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let mut editor = Editor {
            child,
            stdin,
            messages: rx,
            next_id: 1,
            notes: vec![],
        };
        let answer = editor.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        let capabilities = &answer["capabilities"];
        for provider in [
            "hoverProvider",
            "definitionProvider",
            "referencesProvider",
            "documentSymbolProvider",
            "documentFormattingProvider",
            "completionProvider",
        ] {
            assert!(!capabilities[provider].is_null(), "{provider}: {answer}");
        }
        editor.notify("initialized", json!({}));
        editor
    }

    fn write(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn read(&mut self) -> Value {
        self.messages
            .recv_timeout(PATIENCE)
            .expect("the server answers in time")
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// A request's result; notifications that arrive meanwhile are kept.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.write(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.read();
            if message["id"] == json!(id) {
                assert!(message["error"].is_null(), "{method}: {message}");
                return message["result"].clone();
            }
            self.notes.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let found = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.notes.iter().position(found) {
            let m = self.notes.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let message = self.read();
            if found(&message) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.notes.push(message);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ratebook", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// A request about the place where `needle` (the `nth` time it appears) is written.
    fn at(&mut self, method: &str, uri: &str, text: &str, needle: &str, extra: Value) -> Value {
        let offset = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in the text"));
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let character = before.rsplit('\n').next().unwrap().encode_utf16().count() + 1;
        let mut params = json!({
            "textDocument": { "uri": uri },
            "position": { "line": line, "character": character },
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    /// Write raw bytes, as a broken or hostile client might.
    fn write_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    /// The next error answer, keeping what comes before it.
    fn next_error(&mut self) -> Value {
        loop {
            let message = self.read();
            if !message["error"].is_null() {
                return message["error"].clone();
            }
            self.notes.push(message);
        }
    }

    /// The exit code once the input is closed without `shutdown` or `exit`.
    fn close(self) -> Option<i32> {
        let Editor {
            mut child, stdin, ..
        } = self;
        drop(stdin);
        child.wait().unwrap().code()
    }

    fn stop(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.is_null());
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

/// The names of an outline's top-level symbols.
fn names(outline: &Value) -> Vec<&str> {
    outline
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect()
}

fn uri(path: &Path) -> String {
    format!("file://{}", std::fs::canonicalize(path).unwrap().display())
}

/// A rule file's text written as `file` in a scratch folder, an editor started, and the file
/// opened in it: the editor, the file's URI, and its text.
fn editing(folder: &str, file: &str, text: &str) -> (Editor, String) {
    let dir = common::scratch(folder);
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    let uri = uri(&path);
    let mut editor = Editor::start();
    editor.open(&uri, text);
    (editor, uri)
}

#[test]
fn an_editor_sees_diagnostics_hovers_definitions_completions_and_the_outline() {
    let text = std::fs::read_to_string("rules/hmip-youth-2019.rules").unwrap();
    let (mut editor, uri) = editing("lsp-editing", "youth.rules", &text);

    // Opened as it is: no problem.
    assert_eq!(editor.diagnostics(&uri), Vec::<Value>::new());

    // A misspelt band set, typed: the diagnostic, its code and help, at the word.
    let typo = text.replacen(
        "rated by lowest question using sufficiency",
        "rated by lowest question using sufficency",
        1,
    );
    editor.change(&uri, 2, &typo);
    let found = editor.diagnostics(&uri);
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["severity"], 1);
    assert!(
        d["code"].as_str().unwrap().starts_with("ratebook::check::"),
        "{d}"
    );
    assert!(d["message"].as_str().unwrap().contains("sufficency"), "{d}");
    assert!(d["message"].as_str().unwrap().contains("help: "), "{d}");
    let line = typo[..typo.find("using sufficency").unwrap()]
        .matches('\n')
        .count();
    assert_eq!(d["range"]["start"]["line"], line);

    // Mended: the diagnostic is cleared.
    editor.change(&uri, 3, &text);
    assert_eq!(editor.diagnostics(&uri), Vec::<Value>::new());

    // Hover: a band set shows its bands; a field in a filter, its title and values; a key
    // question, its wording and sample; a standard, how it is rated.
    let hover = |e: &mut Editor, needle: &str| {
        let answer = e.at("textDocument/hover", &uri, &text, needle, json!({}));
        answer["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let bands = hover(&mut editor, "sufficiency {");
    assert!(
        bands.contains("below 50") && bands.contains("Outstanding"),
        "{bands}"
    );
    let field = hover(&mut editor, "rosh != low");
    assert!(
        field.contains("risk of serious harm") && field.contains("`very_high`"),
        "{field}"
    );
    let question = hover(&mut editor, "2.1.2 \"Does");
    assert!(question.contains("keep the child safe"), "{question}");
    let standard = hover(&mut editor, "2.1 \"Assessment\"");
    assert!(
        standard.contains("rated from the cases by lowest question"),
        "{standard}"
    );

    // Go to definition: from `using sufficiency` to the band set.
    let place = editor.at(
        "textDocument/definition",
        &uri,
        &text,
        "sufficiency \"case",
        json!({}),
    );
    let bands_line = text[..text.find("bands sufficiency").unwrap()]
        .matches('\n')
        .count();
    let from_use = editor.at(
        "textDocument/definition",
        &uri,
        &text,
        "using sufficiency",
        json!({}),
    );
    // (The cursor stands on `using`: no name there.)
    assert!(from_use.is_null(), "{from_use}");
    let from_use = editor.at(
        "textDocument/definition",
        &uri,
        &text,
        "sufficiency {",
        json!({}),
    );
    assert_eq!(from_use["range"]["start"]["line"], bands_line, "{from_use}");
    assert_eq!(place["range"]["start"]["line"], bands_line, "{place}");

    // References: every standard that uses the band set.
    let uses = editor.at(
        "textDocument/references",
        &uri,
        &text,
        "sufficiency \"case",
        json!({ "context": { "includeDeclaration": false } }),
    );
    let standards_using = text.matches("using sufficiency").count();
    assert_eq!(uses.as_array().unwrap().len(), standards_using, "{uses}");

    // Completion: band sets after `using`, a field's values inside `in [`.
    let edited = text.replacen(
        "      sample where rosh != low\n",
        "      sample where rosh in [\n",
        1,
    );
    editor.change(&uri, 4, &edited);
    editor.diagnostics(&uri);
    let offset = edited.find("rosh in [").unwrap() + "rosh in [".len();
    let line = edited[..offset].matches('\n').count();
    let character = edited[..offset].rsplit('\n').next().unwrap().len();
    let items = editor.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["low", "medium", "high", "very_high"], "{items}");
    editor.change(&uri, 5, &text);
    editor.diagnostics(&uri);

    // The outline: domains, their standards, their key questions.
    let outline = editor.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let names = names(&outline);
    assert!(names.contains(&"bands sufficiency"), "{names:?}");
    let domain = outline
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "domain 2 Court disposals")
        .unwrap_or_else(|| panic!("{names:?}"));
    assert_eq!(domain["children"][0]["name"], "standard 2.1 Assessment");
    assert_eq!(
        domain["children"][0]["children"][0]["name"],
        "question 2.1.1"
    );
    editor.stop();
}

#[test]
fn formatting_a_document_gives_the_text_fmt_writes() {
    let text = std::fs::read_to_string("tests/fmt/untidy.rules").unwrap();
    let (mut editor, uri) = editing("lsp-format", "untidy.rules", &text);
    editor.diagnostics(&uri);
    let edits = editor.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let formatted = {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ratebook"))
            .args(["fmt", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        common::text(&child.wait_with_output().unwrap().stdout)
    };
    assert_eq!(edits.as_array().unwrap().len(), 1, "{edits}");
    assert_eq!(edits[0]["newText"], formatted);
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    editor.stop();
}

/// A variant and its base, both open: a problem in the base is shown in the base and at the
/// variant's `based on` line; a variant's edit goes to the base's definition.
#[test]
fn a_problem_in_a_base_is_shown_at_the_based_on_line() {
    let dir = common::scratch("lsp-variant");
    let base_path = dir.join("base.rules");
    let base = std::fs::read_to_string("rules/hmip-youth-2019.rules").unwrap();
    std::fs::write(&base_path, &base).unwrap();
    let variant_path = dir.join("trial.rules");
    let variant = "framework \"Trial\" version \"t1\"\nbased on \"base.rules\"\n\nreplace title of standard 3.4 \"Joint work\"\n";
    std::fs::write(&variant_path, variant).unwrap();
    let (base_uri, variant_uri) = (uri(&base_path), uri(&variant_path));
    let mut editor = Editor::start();
    editor.open(&variant_uri, variant);
    assert_eq!(editor.diagnostics(&variant_uri), Vec::<Value>::new());

    // From `replace title of standard 3.4` to the standard in the base.
    let place = editor.at(
        "textDocument/definition",
        &variant_uri,
        variant,
        "3.4",
        json!({}),
    );
    assert_eq!(place["uri"], base_uri.as_str(), "{place}");
    let line = base[..base.find("standard 3.4").unwrap()]
        .matches('\n')
        .count();
    assert_eq!(place["range"]["start"]["line"], line);

    // The base opened and broken, unsaved: the variant reads the open text.
    let broken = base.replacen("using sufficiency", "using sufficency", 1);
    editor.open(&base_uri, &broken);
    assert_eq!(editor.diagnostics(&base_uri).len(), 1);
    // The variant, which reads the base, is read again without being touched.
    let shown = editor.diagnostics(&variant_uri);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(
        shown[0]["range"]["start"]["line"], 1,
        "at the based on line"
    );
    assert!(
        shown[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("in base.rules line "),
        "{shown:?}"
    );
    editor.stop();
}

/// A syntax error in one section leaves the others readable: the outline and the hovers of
/// every other section stay.
#[test]
fn a_mistake_mid_edit_keeps_the_rest_of_the_file() {
    let dir = common::scratch("lsp-mid-edit");
    let path = dir.join("youth.rules");
    let text = std::fs::read_to_string("rules/hmip-youth-2019.rules").unwrap();
    let broken = text.replacen(
        "domain 3 \"Out-of-court disposals\"",
        "domain 3 Out-of-court",
        1,
    );
    std::fs::write(&path, &broken).unwrap();
    let uri = uri(&path);
    let mut editor = Editor::start();
    editor.open(&uri, &broken);
    let found = editor.diagnostics(&uri);
    assert!(!found.is_empty());
    assert!(
        found[0]["code"]
            .as_str()
            .unwrap()
            .starts_with("ratebook::syntax::"),
        "{found:?}"
    );
    let outline = editor.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let names = names(&outline);
    assert!(names.contains(&"domain 2 Court disposals"), "{names:?}");
    assert!(names.contains(&"overall"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with("domain 3")),
        "{names:?}"
    );
    let hover = editor.at(
        "textDocument/hover",
        &uri,
        &broken,
        "sufficiency {",
        json!({}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("below 50")
    );
    editor.stop();
}

/// Whatever a client sends, the server answers and goes on: a message that is not JSON gets a
/// parse error, one longer than the server reads is skipped unread, a header that cannot be
/// read is answered once; the next request is answered as ever. Exit codes follow the
/// protocol: 0 after `shutdown` and `exit`, 1 when the input ends without them.
#[test]
fn malformed_messages_are_answered_and_the_server_goes_on() {
    let text = "framework \"x\" version \"1\"\n";
    let (mut editor, uri) = editing("lsp-malformed", "youth.rules", text);
    let outline = |editor: &mut Editor| {
        editor.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
    };
    let before = outline(&mut editor);

    editor.write_raw(b"Content-Length: 9\r\n\r\n{not json");
    assert_eq!(editor.next_error()["code"], json!(-32700));
    assert_eq!(outline(&mut editor), before);

    let longest = 64 * 1024 * 1024 + 1;
    editor.write_raw(format!("Content-Length: {longest}\r\n\r\n").as_bytes());
    editor.write_raw(&vec![b' '; longest]);
    let error = editor.next_error();
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("longer than the 64 MB"),
        "{error}"
    );
    assert_eq!(outline(&mut editor), before);

    editor.write_raw(b"Content-Length: lots\r\n\r\n{}");
    assert_eq!(editor.next_error()["code"], json!(-32700));
    assert_eq!(outline(&mut editor), before);
    editor.stop();
}

/// A message claiming four gigabytes is never made room for: the server reads what comes,
/// answers, and ends with exit 1 when the input ends, as the protocol says.
#[test]
fn a_message_claiming_four_gigabytes_is_answered_not_allocated() {
    let mut editor = Editor::start();
    editor.write_raw(b"Content-Length: 4294967296\r\n\r\n{}");
    let Editor {
        mut child,
        stdin,
        messages,
        ..
    } = editor;
    drop(stdin);
    let answer = messages.recv_timeout(PATIENCE).expect("an answer");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("4294967296 bytes"),
        "{answer}"
    );
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn a_client_that_goes_away_without_shutdown_gets_exit_one() {
    let editor = Editor::start();
    assert_eq!(editor.close(), Some(1));
    Editor::start().stop();
}
