//! The language server's wire: LSP's base protocol (headers, a blank line, then the
//! `Content-Length` bytes of a JSON-RPC message) over stdin and stdout. It stands in for
//! `lsp-server`'s own, which makes room for whatever length a header claims and stops at the
//! first message it cannot read. Here:
//!
//! - a header line is read within [`LONGEST_HEADER`] bytes;
//! - a message longer than [`LONGEST_MESSAGE`] is skipped unread (never held in memory) and
//!   answered with an error;
//! - a message that is not JSON is answered with a parse error, one that is JSON but not a
//!   JSON-RPC message with an invalid-request error; after a header that cannot be read, input
//!   is skipped to the next `Content-Length` header;
//!
//! and the server goes on. The messages read are handed to the server as [`lsp_server`]'s
//! [`Connection`], so the server itself reads as any `lsp-server` server does.
//!
//! Nothing here knows what a message asks.

use std::io::{BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crossbeam_channel::{Sender, bounded};
use lsp_server::{Connection, Message};

/// The longest header line read, in bytes.
pub const LONGEST_HEADER: u64 = 8 * 1024;

/// The longest message read, in bytes: far above any rule file an editor sends.
pub const LONGEST_MESSAGE: usize = 64 * 1024 * 1024;

/// JSON-RPC's error codes for what cannot be read.
const PARSE_ERROR: i32 = -32700;
const INVALID_REQUEST: i32 = -32600;

/// The threads that read stdin and write stdout, to be joined once the server is done.
pub struct Threads {
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Threads {
    /// Wait for the reader and the writer to finish (the writer once every answer is out).
    pub fn join(self) {
        let _ = self.writer.join();
        // The reader may be waiting on stdin the client keeps open; it ends with the process.
        drop(self.reader);
    }
}

/// A connection over stdin and stdout.
pub fn stdio() -> (Connection, Threads) {
    let out = Arc::new(Mutex::new(std::io::stdout()));
    let (to_server, from_client) = bounded::<Message>(0);
    let (to_client, from_server) = bounded::<Message>(0);
    let writer_out = Arc::clone(&out);
    let writer = std::thread::spawn(move || {
        for message in from_server {
            let Ok(mut out) = writer_out.lock() else {
                return;
            };
            if message.write(&mut *out).is_err() {
                return;
            }
        }
    });
    let reader = std::thread::spawn(move || {
        let stdin = std::io::stdin();
        read_messages(&mut stdin.lock(), &to_server, &out);
    });
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, Threads { reader, writer })
}

/// What one read from the input gave.
#[derive(Debug, PartialEq)]
enum Read1 {
    /// A message's bytes.
    Message(Vec<u8>),
    /// A message too long to read, skipped: its length.
    TooLong(usize),
    /// A header that cannot be read: why.
    BadHeader(String),
    /// The input has ended.
    End,
}

/// Read messages from `input` until it ends or the client says to exit, handing each to the
/// server and answering each that cannot be read.
pub(crate) fn read_messages(
    input: &mut impl BufRead,
    server: &Sender<Message>,
    out: &Mutex<impl Write>,
) {
    let mut skipping = false;
    loop {
        let answer = match read_one(input, &mut skipping) {
            Read1::End => return,
            Read1::Message(bytes) => match serde_json::from_slice::<Message>(&bytes) {
                Ok(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if server.send(message).is_err() || exit {
                        return;
                    }
                    continue;
                }
                Err(e) => match serde_json::from_slice::<serde_json::Value>(&bytes) {
                    Ok(value) => error(
                        value.get("id").cloned(),
                        INVALID_REQUEST,
                        &format!("this is not a JSON-RPC request or notification ({e})"),
                    ),
                    Err(e) => error(
                        None,
                        PARSE_ERROR,
                        &format!("this message is not JSON ({e})"),
                    ),
                },
            },
            Read1::TooLong(length) => error(
                None,
                INVALID_REQUEST,
                &format!(
                    "a message of {length} bytes is longer than the {} MB ratebook reads; it was skipped",
                    LONGEST_MESSAGE / (1024 * 1024)
                ),
            ),
            Read1::BadHeader(why) => error(None, PARSE_ERROR, &why),
        };
        let Ok(mut out) = out.lock() else {
            return;
        };
        let framed = format!("Content-Length: {}\r\n\r\n{answer}", answer.len());
        if out
            .write_all(framed.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// A JSON-RPC error response, with the id of the message it answers where that is known.
fn error(id: Option<serde_json::Value>, code: i32, message: &str) -> String {
    let id = match id {
        Some(id @ (serde_json::Value::Number(_) | serde_json::Value::String(_))) => id,
        _ => serde_json::Value::Null,
    };
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
    .to_string()
}

/// Read one message. After a header that cannot be read, `skipping` is set, and lines are
/// passed over until one that starts a message's headers.
fn read_one(input: &mut impl BufRead, skipping: &mut bool) -> Read1 {
    let mut length: Option<usize> = None;
    let mut too_long: Option<usize> = None;
    let mut seen_header = false;
    loop {
        let line = match read_line(input) {
            Ok(Some(line)) => line,
            Ok(None) => return Read1::End,
            Err(why) => {
                *skipping = true;
                return Read1::BadHeader(why);
            }
        };
        let line = line.strip_suffix(b"\n").unwrap_or(&line);
        let mut line = line.strip_suffix(b"\r").unwrap_or(line);
        if *skipping {
            // What was left of a broken message may run straight into the next header.
            let at = line
                .windows(15)
                .position(|w| w.eq_ignore_ascii_case(b"Content-Length:"));
            line = at.map_or(line, |at| &line[at..]);
        }
        let text = String::from_utf8_lossy(line);
        let header = text.split_once(':').map(|(n, v)| (n.trim(), v.trim()));
        let is_length = header.is_some_and(|(n, _)| n.eq_ignore_ascii_case("Content-Length"));
        if *skipping && !is_length {
            continue;
        }
        *skipping = false;
        if line.is_empty() {
            if !seen_header {
                continue;
            }
            break;
        }
        seen_header = true;
        let Some((name, value)) = header else {
            *skipping = true;
            return Read1::BadHeader("a header line has no `name: value`".into());
        };
        if name.eq_ignore_ascii_case("Content-Length") {
            match value.parse::<u64>() {
                Ok(n) if n <= LONGEST_MESSAGE as u64 => length = Some(n as usize),
                Ok(n) => too_long = Some(usize::try_from(n).unwrap_or(usize::MAX)),
                Err(_) => {
                    *skipping = true;
                    return Read1::BadHeader("Content-Length is not a number of bytes".into());
                }
            }
        }
    }
    if let Some(length) = too_long {
        // Skipped as it comes, never held.
        let _ = std::io::copy(&mut input.take(length as u64), &mut std::io::sink());
        return Read1::TooLong(length);
    }
    let Some(length) = length else {
        return Read1::BadHeader("a message has no Content-Length header".into());
    };
    let mut bytes = Vec::new();
    match input.take(length as u64).read_to_end(&mut bytes) {
        Ok(n) if n == length => Read1::Message(bytes),
        _ => Read1::End,
    }
}

/// One line, at most [`LONGEST_HEADER`] bytes; `None` at the end of the input. A longer line
/// is passed over to its end and is an error.
fn read_line(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut line = Vec::new();
    let read = input.take(LONGEST_HEADER).read_until(b'\n', &mut line);
    match read {
        Ok(0) => Ok(None),
        Ok(_) if line.ends_with(b"\n") || (line.len() as u64) < LONGEST_HEADER => Ok(Some(line)),
        Ok(_) => {
            // Pass over the rest of the line, a bounded piece at a time.
            loop {
                let mut rest = Vec::new();
                match input.take(LONGEST_HEADER).read_until(b'\n', &mut rest) {
                    Ok(0) => break,
                    Ok(_) if rest.ends_with(b"\n") => break,
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
            Err(format!(
                "a header line is longer than {LONGEST_HEADER} bytes"
            ))
        }
        Err(e) => Err(format!("the input cannot be read ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the server is handed, and what the client is answered, for this input.
    fn run(input: &[u8]) -> (Vec<Message>, String) {
        let (to_server, from_client) = crossbeam_channel::unbounded();
        let out = Mutex::new(Vec::new());
        read_messages(&mut std::io::Cursor::new(input), &to_server, &out);
        drop(to_server);
        let answered = String::from_utf8(out.into_inner().unwrap()).unwrap();
        (from_client.into_iter().collect(), answered)
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const HOVER: &str = r#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}}"#;

    #[test]
    fn a_message_that_is_not_json_is_answered_and_the_next_is_read() {
        let input = format!("{}{}", framed("{not json"), framed(HOVER));
        let (messages, answered) = run(input.as_bytes());
        assert_eq!(messages.len(), 1);
        assert!(answered.contains(r#""code":-32700"#), "{answered}");
        assert!(answered.contains(r#""id":null"#), "{answered}");
    }

    #[test]
    fn json_that_is_no_request_is_answered_with_its_id() {
        let input = framed(r#"{"id":3,"nothing":true}"#);
        let (messages, answered) = run(input.as_bytes());
        assert!(messages.is_empty());
        assert!(
            answered.contains(r#""id":3"#) && answered.contains("-32600"),
            "{answered}"
        );
    }

    #[test]
    fn a_message_claiming_a_huge_length_is_skipped_unread() {
        let input = format!(
            "Content-Length: 99999999999999\r\n\r\n{{}}{}",
            framed(HOVER)
        );
        let (messages, answered) = run(input.as_bytes());
        assert!(
            messages.is_empty(),
            "the rest of the input was part of the long message"
        );
        assert!(
            answered.contains("longer than the 64 MB ratebook reads"),
            "{answered}"
        );
    }

    #[test]
    fn a_header_that_cannot_be_read_is_answered_once_and_reading_resumes() {
        let input = format!(
            "Content-Length: lots\r\n\r\n{{\"a\":1}}\r\nmore noise{}",
            framed(HOVER)
        );
        let (messages, answered) = run(input.as_bytes());
        assert_eq!(messages.len(), 1, "{answered}");
        assert_eq!(answered.matches("\"jsonrpc\"").count(), 1, "{answered}");
    }

    #[test]
    fn a_header_line_without_end_is_bounded() {
        let mut input = vec![b'x'; 3 * LONGEST_HEADER as usize];
        input.extend(b"\r\n");
        input.extend(framed(HOVER).as_bytes());
        let (messages, answered) = run(&input);
        assert_eq!(messages.len(), 1, "{answered}");
        assert!(answered.contains("longer than 8192 bytes"), "{answered}");
    }

    #[test]
    fn reading_stops_after_exit() {
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!("{}{}", framed(exit), framed(HOVER));
        let (messages, _) = run(input.as_bytes());
        assert_eq!(messages.len(), 1);
    }
}
