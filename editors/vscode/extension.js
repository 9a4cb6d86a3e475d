// The ratebook extension: starts `ratebook lsp` (the program named by the `ratebook.path`
// setting) for rule files and speaks the Language Server Protocol with it over stdio.
// Everything the editor shows (diagnostics, hovers, definitions, completion, the outline,
// formatting) comes from the language server; this file only starts and stops it.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const program = vscode.workspace.getConfiguration("ratebook").get("path") || "ratebook";
  const server = { command: program, args: ["lsp"] };
  client = new LanguageClient(
    "ratebook",
    "ratebook rule files",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "ratebook" }] }
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("ratebook.path")) {
        vscode.window.showInformationMessage(
          "ratebook: reload the window to start the language server from the new path."
        );
      }
    })
  );
  return client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `ratebook: could not start \`${program} lsp\` (${error.message}). ` +
        "Install ratebook (cargo install --path .) or set ratebook.path to the program."
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
