//! Small workbooks made part by part and record by record, as damaged and hostile files are
//! made: an `.xlsx` around a sheet's XML, an `.ods` around its content, an `.xls` around its
//! records. Each is also made well, from the example cases, so that the same reading is seen
//! to work before it is seen to refuse.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

/// The example cases, row by row.
pub fn example_rows() -> Vec<Vec<String>> {
    std::fs::read_to_string("examples/cases.csv")
        .unwrap()
        .lines()
        .map(|line| line.split(',').map(str::to_string).collect())
        .collect()
}

/// A zip archive of the parts given, deflated.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(vec![]));
    for (name, bytes) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An `.xlsx` of one sheet ("Cases") whose XML is given, with shared strings if given.
pub fn xlsx(sheet: &str, shared_strings: Option<&str>) -> Vec<u8> {
    let workbook = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Cases" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let relations = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let package = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", package.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", relations.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    if let Some(strings) = shared_strings {
        parts.push(("xl/sharedStrings.xml", strings.as_bytes()));
    }
    zip(&parts)
}

/// A sheet's XML around its rows' XML.
pub fn sheet_xml(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// An `.ods` whose `content.xml` is given.
pub fn ods(content: &str) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

/// An `.ods` content around one table's rows.
pub fn ods_content(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Cases">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
}

/// The example cases as an `.ods` table's rows: numbers as floats, the rest as strings.
pub fn ods_example_rows() -> String {
    let mut xml = String::new();
    for (r, row) in example_rows().iter().enumerate() {
        xml.push_str("<table:table-row>");
        for cell in row {
            match cell.parse::<f64>() {
                Ok(n) if r > 0 => xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{cell}</text:p></table:table-cell>"#
                )),
                _ if cell.is_empty() => xml.push_str("<table:table-cell/>"),
                _ => xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{cell}</text:p></table:table-cell>"#
                )),
            }
        }
        xml.push_str("</table:table-row>");
    }
    xml
}

/// A BIFF8 record.
pub fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut bytes = kind.to_le_bytes().to_vec();
    bytes.extend((data.len() as u16).to_le_bytes());
    bytes.extend(data);
    bytes
}

/// A beginning-of-file record: `0x0005` the workbook's globals, `0x0010` a worksheet.
fn bof(of: u16) -> Vec<u8> {
    let mut data = 0x0600u16.to_le_bytes().to_vec();
    data.extend(of.to_le_bytes());
    data.extend([0; 12]);
    record(0x0809, &data)
}

/// A number cell.
pub fn number(row: u16, column: u16, value: f64) -> Vec<u8> {
    let mut data = vec![];
    data.extend(row.to_le_bytes());
    data.extend(column.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(value.to_le_bytes());
    record(0x0203, &data)
}

/// A text cell, its text in one byte a character.
pub fn label(row: u16, column: u16, text: &str) -> Vec<u8> {
    let mut data = vec![];
    data.extend(row.to_le_bytes());
    data.extend(column.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend((text.len() as u16).to_le_bytes());
    data.push(0);
    data.extend(text.as_bytes());
    record(0x0204, &data)
}

/// A sheet's dimensions: rows and columns from the first to one past the last.
pub fn dimensions(rows: (u32, u32), columns: (u16, u16)) -> Vec<u8> {
    let mut data = vec![];
    data.extend(rows.0.to_le_bytes());
    data.extend(rows.1.to_le_bytes());
    data.extend(columns.0.to_le_bytes());
    data.extend(columns.1.to_le_bytes());
    data.extend([0, 0]);
    record(0x0200, &data)
}

/// An `.xls` of one sheet ("Cases") holding the records given, in a compound file.
pub fn xls(sheet_records: &[Vec<u8>]) -> Vec<u8> {
    let name = b"Cases";
    let bound_sheet = |at: u32| {
        let mut data = at.to_le_bytes().to_vec();
        data.extend([0, 0, name.len() as u8, 0]);
        data.extend(name);
        record(0x0085, &data)
    };
    let globals_length = bof(0x0005).len() + bound_sheet(0).len() + record(0x000A, &[]).len();
    let mut stream = bof(0x0005);
    stream.extend(bound_sheet(globals_length as u32));
    stream.extend(record(0x000A, &[]));
    stream.extend(bof(0x0010));
    for r in sheet_records {
        stream.extend(r);
    }
    stream.extend(record(0x000A, &[]));
    // A spreadsheet program's workbook stream is never shorter than a sector of 4,096 bytes.
    stream.resize(stream.len().max(4096), 0);
    compound(&[("/Workbook", &stream)])
}

/// A compound file holding the streams given.
pub fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    // Version 3 (sectors of 512 bytes), as Excel writes them.
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(vec![])).unwrap();
    for (name, bytes) in streams {
        file.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// The example cases as an `.xls` sheet's records: numbers as numbers, the rest as text.
pub fn xls_example_records() -> Vec<Vec<u8>> {
    let mut records = vec![];
    for (r, row) in example_rows().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if r > 0 => records.push(number(r as u16, c as u16, n)),
                _ if cell.is_empty() => {}
                _ => records.push(label(r as u16, c as u16, cell)),
            }
        }
    }
    records
}
