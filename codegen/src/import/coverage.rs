//! The coverage report: per product (the first segment of an endpoint's name, `kv` of
//! `kv.namespaces.list`), how many operations were imported fully typed, imported with an
//! `any` somewhere, or skipped; and for every operation that is not fully typed, where each
//! `any` is and why, or why it was skipped, each located in its document.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::document::{Document, Located};
use super::operations::Endpoint;
use super::report::{AnyKind, Reach, Report};
use super::shapes::{Shapes, Ty};

/// One operation as the run saw it, before its findings are located.
pub struct OperationRecord {
    pub document: usize,
    /// Pointer to the operation object.
    pub pointer: String,
    /// Its `operationId`, or `METHOD /path` when it has none.
    pub handle: String,
    pub method: String,
    pub path: String,
    /// The first segment of its endpoint name.
    pub product: String,
    pub skipped: bool,
    /// What its translation reached outside the shapes it built.
    pub reach: Reach,
    /// The types of its endpoint (none when skipped).
    pub roots: Vec<Ty>,
    /// The envelope's field its response is.
    pub envelope: Option<String>,
}

/// The types an endpoint sends and receives.
pub fn roots(endpoint: &Endpoint) -> Vec<Ty> {
    let response = (endpoint.response_content == crate::model::ResponseContent::Json)
        .then_some(&endpoint.response);
    endpoint
        .body
        .iter()
        .map(|body| &body.ty)
        .chain(response)
        .chain(endpoint.path_params.iter().map(|p| &p.ty))
        .chain(endpoint.query.iter().map(|p| &p.ty))
        .chain(endpoint.headers.iter().map(|p| &p.ty))
        .cloned()
        .collect()
}

/// How an operation was imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    FullyTyped,
    WithAny,
    Skipped,
}

/// An `any` in an operation's types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnySite {
    pub pointer: String,
    /// `file:line:col`.
    pub location: String,
    pub why: String,
    /// Whether the document leaves the value untyped, says only that it is an object, or
    /// types it in a way the importer cannot express.
    pub kind: AnyKind,
}

impl AnySite {
    /// The document itself leaves the value untyped (rather than the importer failing
    /// to express its type).
    pub fn untyped_in_document(&self) -> bool {
        self.kind != AnyKind::NotExpressible
    }
}

/// One operation of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationCoverage {
    pub handle: String,
    pub method: String,
    pub path: String,
    /// `file:line:col` of the operation.
    pub location: String,
    pub status: Status,
    pub anys: Vec<AnySite>,
    /// Why it was skipped.
    pub skip_reason: Option<String>,
}

impl OperationCoverage {
    /// Whether one of its `any`s is left untyped by the document (`Untyped` and
    /// `FreeForm` alike), or (`NotExpressible`) one the importer could not express.
    fn has(&self, kind: AnyKind) -> bool {
        self.anys.iter().any(|a| match kind {
            AnyKind::NotExpressible => !a.untyped_in_document(),
            AnyKind::Untyped | AnyKind::FreeForm => a.untyped_in_document(),
        })
    }

    /// Whether its only `any`s are the values of free-form objects (`map<any>`).
    fn only_free_form(&self) -> bool {
        !self.anys.is_empty() && self.anys.iter().all(|a| a.kind == AnyKind::FreeForm)
    }
}

/// The operations of one product.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductCoverage {
    pub operations: Vec<OperationCoverage>,
}

/// Counts of one row of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub operations: usize,
    /// Imported with no `any` at all, not even as the values of a free-form object.
    pub fully_typed: usize,
    /// Imported with every `any` one the document leaves untyped: typed everywhere the
    /// document types (the fully typed ones among them).
    pub typed_as_document: usize,
    /// Imported with no `any` but the values of free-form objects (`map<any>`).
    pub free_form_only: usize,
    pub with_any: usize,
    /// Operations with an `any` the document leaves untyped.
    pub untyped_in_document: usize,
    /// Operations with an `any` the importer could not express otherwise.
    pub not_expressible: usize,
    pub skipped: usize,
}

impl Counts {
    fn add(&mut self, operation: &OperationCoverage) {
        self.operations += 1;
        match operation.status {
            Status::FullyTyped => {
                self.fully_typed += 1;
                self.typed_as_document += 1;
            }
            Status::WithAny => self.with_any += 1,
            Status::Skipped => self.skipped += 1,
        }
        if operation.status == Status::WithAny {
            self.free_form_only += usize::from(operation.only_free_form());
            self.typed_as_document += usize::from(!operation.has(AnyKind::NotExpressible));
            self.untyped_in_document += usize::from(operation.has(AnyKind::Untyped));
            self.not_expressible += usize::from(operation.has(AnyKind::NotExpressible));
        }
    }

    fn json(&self) -> Value {
        json!({
            "operations": self.operations,
            "fully_typed": self.fully_typed,
            "typed_as_document": self.typed_as_document,
            "free_form_only": self.free_form_only,
            "with_any": self.with_any,
            "untyped_in_document": self.untyped_in_document,
            "not_expressible": self.not_expressible,
            "skipped": self.skipped,
        })
    }
}

/// The coverage of an import run, by product name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub products: BTreeMap<String, ProductCoverage>,
}

impl Coverage {
    /// The coverage of `records`, their findings taken from `report` and located, with
    /// the places found: they include those of the report's shown findings
    /// ([`Report::shown_pointers`]), so its diagnostics need no second pass over the
    /// documents.
    pub fn build(
        report: &Report,
        documents: &[Document],
        records: &[OperationRecord],
        shapes: &Shapes,
    ) -> (Self, Located) {
        let findings = report.findings();
        let by_shape = report.parts_by_shape(shapes);
        // Each operation's findings are a walk of its own, on every core.
        let reached: Vec<std::collections::BTreeSet<usize>> = crate::parallel::map_in_order(
            records,
            |r| r.roots.len() + r.reach.targets.len(),
            |r| {
                report.findings_of(
                    (r.document, &r.pointer),
                    &r.reach,
                    &r.roots,
                    r.envelope.as_deref(),
                    (shapes, &by_shape),
                )
            },
        );
        // Every pointer to locate, per document, located in one pass each.
        let mut pointers = report.shown_pointers(documents.len());
        for (record, reached) in records.iter().zip(&reached) {
            pointers[record.document].push(&record.pointer);
            for &index in reached {
                let finding = &findings[index];
                if finding.any.is_some() {
                    pointers[finding.document].push(&finding.pointer);
                }
            }
        }
        let located = Located::find(documents, pointers);
        let shown = |document: usize, pointer: &str| {
            located
                .get(document, pointer)
                .map_or_else(String::new, |l| {
                    format!("{}:{}:{}", l.path.display(), l.line, l.column)
                })
        };
        let mut coverage = Self::default();
        for (record, reached) in records.iter().zip(&reached) {
            let mut anys: Vec<AnySite> = reached
                .iter()
                .map(|&index| &findings[index])
                .filter_map(|finding| {
                    let kind = finding.any?;
                    Some(AnySite {
                        pointer: super::pointer::shown(&finding.pointer),
                        location: shown(finding.document, &finding.pointer),
                        why: finding.message.clone(),
                        kind,
                    })
                })
                .collect();
            anys.sort_by(|a, b| a.pointer.cmp(&b.pointer).then(a.why.cmp(&b.why)));
            let skip_reason = record.skipped.then(|| {
                record
                    .reach
                    .findings
                    .iter()
                    .map(|&index| &findings[index].message)
                    .find_map(|message| message.split_once(" is skipped: "))
                    .map_or_else(
                        || "no reason recorded".to_owned(),
                        |(_, why)| why.to_owned(),
                    )
            });
            let status = if record.skipped {
                anys.clear();
                Status::Skipped
            } else if anys.is_empty() {
                Status::FullyTyped
            } else {
                Status::WithAny
            };
            coverage
                .products
                .entry(record.product.clone())
                .or_default()
                .operations
                .push(OperationCoverage {
                    handle: record.handle.clone(),
                    method: record.method.clone(),
                    path: record.path.clone(),
                    location: shown(record.document, &record.pointer),
                    status,
                    anys,
                    skip_reason,
                });
        }
        (coverage, located)
    }

    /// The counts of every product, and of all together.
    pub fn counts(&self) -> (Vec<(&str, Counts)>, Counts) {
        let mut total = Counts::default();
        let rows = self
            .products
            .iter()
            .map(|(name, product)| {
                let mut counts = Counts::default();
                for operation in &product.operations {
                    counts.add(operation);
                    total.add(operation);
                }
                (name.as_str(), counts)
            })
            .collect();
        (rows, total)
    }

    /// The table `codegen import` prints: a row per product and a total.
    pub fn table(&self) -> String {
        let (rows, total) = self.counts();
        let headers = [
            "product",
            "operations",
            "fully typed",
            "typed as document",
            "with any",
            "any: untyped in document",
            "any: not expressible",
            "skipped",
        ];
        let cells = |name: &str, c: &Counts| -> Vec<String> {
            vec![
                name.to_owned(),
                c.operations.to_string(),
                c.fully_typed.to_string(),
                c.typed_as_document.to_string(),
                c.with_any.to_string(),
                c.untyped_in_document.to_string(),
                c.not_expressible.to_string(),
                c.skipped.to_string(),
            ]
        };
        let mut lines: Vec<Vec<String>> = vec![headers.iter().map(|h| (*h).to_owned()).collect()];
        lines.extend(rows.iter().map(|(name, counts)| cells(name, counts)));
        lines.push(cells("total", &total));
        let widths: Vec<usize> = (0..headers.len())
            .map(|i| {
                lines
                    .iter()
                    .map(|l| l[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for (n, line) in lines.iter().enumerate() {
            if n == lines.len() - 1 {
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                let _ = writeln!(out, "{}", rule.join("  "));
            }
            let padded: Vec<String> = line
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (cell, width))| {
                    if i == 0 {
                        format!("{cell:<width$}")
                    } else {
                        format!("{cell:>width$}")
                    }
                })
                .collect();
            let _ = writeln!(out, "{}", padded.join("  ").trim_end());
        }
        if total.operations > 0 {
            let share = |n: usize| n as f64 * 100.0 / total.operations as f64;
            let _ = writeln!(
                out,
                "{:.1}% of the operations fully typed (no `any` at all), {:.1}% but for the values of \
                 free-form objects (`map<any>`), {:.1}% typed everywhere the document types; \
                 `--format json` lists every `any` and skip with its place",
                share(total.fully_typed),
                share(total.fully_typed + total.free_form_only),
                share(total.typed_as_document),
            );
        }
        out
    }

    /// The report as JSON: the counts per product and in total, and every operation that
    /// is not fully typed with its `any`s (pointer, place, why) or why it was skipped.
    pub fn json(&self) -> Value {
        let (rows, total) = self.counts();
        let products: Vec<Value> = rows
            .iter()
            .map(|(name, counts)| {
                let product = &self.products[*name];
                let operations: Vec<Value> = product
                    .operations
                    .iter()
                    .filter(|o| o.status != Status::FullyTyped)
                    .map(operation_json)
                    .collect();
                let mut value = counts.json();
                value["product"] = json!(name);
                value["not_fully_typed"] = Value::Array(operations);
                value
            })
            .collect();
        json!({ "total": total.json(), "products": products })
    }
}

fn operation_json(operation: &OperationCoverage) -> Value {
    let mut value = json!({
        "operation": operation.handle,
        "method": operation.method,
        "path": operation.path,
        "location": operation.location,
        "status": match operation.status {
            Status::FullyTyped => "fully_typed",
            Status::WithAny => "with_any",
            Status::Skipped => "skipped",
        },
    });
    match &operation.skip_reason {
        Some(reason) => value["reason"] = json!(reason),
        None => {
            value["anys"] = operation
                .anys
                .iter()
                .map(|any| {
                    json!({
                        "pointer": any.pointer,
                        "location": any.location,
                        "why": any.why,
                        "untyped_in_document": any.untyped_in_document(),
                        "kind": match any.kind {
                            AnyKind::Untyped => "untyped",
                            AnyKind::FreeForm => "free_form",
                            AnyKind::NotExpressible => "not_expressible",
                        },
                    })
                })
                .collect();
        }
    }
    value
}
