//! One import run from parsed documents to spec texts: select operations, name
//! endpoints, translate schemas, apply the config, name types, assemble, check.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use heck::ToUpperCamelCase;

use super::apply::{self, TypeSettings};
use super::assemble;
use super::config::{self, Selection, SpecConfig};
use super::coverage;
use super::document::Document;
use super::endpoint_names::{self, Clash, EndpointNames};
use super::modules;
use super::names;
use super::operations::{self, Endpoint, Operation};
use super::plan::SpecPlan;
use super::products;
use super::report::Report;
use super::schema::{Cache, Translator};
use super::shapes::{ShapeId, Shapes};
use super::{ImportError, output};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::validate::RESERVED_TYPE_NAMES;
use crate::write::OutputFile;

/// What a run produced.
pub struct RunResult {
    pub files: Vec<OutputFile>,
    pub report: Diagnostics,
    pub coverage: coverage::Coverage,
    pub endpoints: usize,
    pub skipped: usize,
}

/// An operation selected for a spec file.
struct Selected<'a> {
    plan: usize,
    op: Operation<'a>,
}

pub fn run(
    documents: &[Document],
    plans: &[SpecPlan<'_>],
    config_file: Option<&SourceFile>,
) -> Result<RunResult, ImportError> {
    let mut report = Report::default();
    let mut config_errors = Vec::new();
    let selected = select(
        documents,
        plans,
        config_file,
        &mut report,
        &mut config_errors,
    );
    let named = name_endpoints(&selected, plans, config_file, &mut config_errors);
    let (plans, selected) = split_products(plans, selected, &named);
    let plans = &plans[..];

    let mut shapes = Shapes::default();
    let mut caches: Vec<Cache> = documents.iter().map(|_| Cache::new()).collect();
    let mut endpoints: Vec<(usize, Endpoint)> = Vec::new();
    let mut skipped = 0;
    let mut records = Vec::new();
    for (selected, name) in selected.iter().zip(named) {
        let product = name.first().cloned().unwrap_or_default();
        let document = &documents[selected.op.document];
        let mut translator = Translator::new(
            document,
            selected.op.document,
            &mut shapes,
            &mut report,
            &mut caches[selected.op.document],
        );
        translator.report().begin_operation();
        let endpoint = operations::endpoint(&mut translator, document, &selected.op, name);
        records.push(coverage::OperationRecord {
            document: selected.op.document,
            pointer: selected.op.pointer.clone(),
            handle: selected.op.handle.clone(),
            method: selected.op.method.as_str().to_owned(),
            path: selected.op.path.clone(),
            product,
            skipped: endpoint.is_none(),
            reach: translator.report().end_operation(),
            roots: endpoint.as_ref().map(coverage::roots).unwrap_or_default(),
            envelope: endpoint.as_ref().map(|e| e.envelope.clone()),
        });
        match endpoint {
            Some(endpoint) => endpoints.push((selected.plan, endpoint)),
            None => skipped += 1,
        }
    }
    if report.has_errors() || !config_errors.is_empty() {
        let mut diagnostics = report.into_diagnostics(documents);
        diagnostics.0.retain(Diagnostic::is_error);
        diagnostics.0.extend(config_errors);
        return Err(ImportError::Invalid(diagnostics));
    }

    let settings = match config_file {
        Some(file) => apply::apply(file, plans, &endpoints, &caches, &mut shapes)
            .map_err(ImportError::Invalid)?,
        None => TypeSettings::default(),
    };
    let (order, homes) = reachable(&shapes, &endpoints);
    let mut taken = taken_names(&endpoints);
    if let Some(file) = config_file {
        let clashes = settings.clashes_with(file, &taken);
        if !clashes.is_empty() {
            return Err(ImportError::Invalid(Diagnostics(clashes)));
        }
        settings
            .check_used(file, &shapes, &homes)
            .map_err(ImportError::Invalid)?;
    }
    let fixed_variants = settings.variant_names(&shapes);
    for name in fixed_variants.values() {
        taken.insert(name.clone());
    }
    let names::TypeNames {
        names: type_names,
        mut variant_structs,
        neutral,
    } = names::type_names(
        &shapes,
        &order,
        &settings.names(&shapes),
        &mut taken,
        &fixed_variants,
    );
    variant_structs.extend(fixed_variants);

    // Types the config names keep their place, and so do those of the config's specs.
    let fixed = settings.names(&shapes);
    let movable: HashSet<ShapeId> = order
        .iter()
        .copied()
        .filter(|id| !fixed.contains_key(id))
        .filter(|id| {
            homes
                .get(id)
                .is_some_and(|&plan| plans[plan].config.is_none())
        })
        .collect();
    let all_endpoints: Vec<&Endpoint> = endpoints.iter().map(|(_, e)| e).collect();
    let modules = modules::placements(&shapes, &all_endpoints, &type_names, &movable);
    let context = assemble::Context {
        shapes: &shapes,
        names: &type_names,
        variant_structs: &variant_structs,
        settings: &settings,
        modules: &modules,
        neutral: &neutral,
    };
    let mut files = Vec::new();
    for (index, plan) in plans.iter().enumerate() {
        let types: Vec<output::TypeOut> = order
            .iter()
            .filter(|id| homes.get(id) == Some(&index))
            .map(|&id| context.type_out(id))
            .collect();
        let endpoint_outs: Vec<output::EndpointOut> = endpoints
            .iter()
            .filter(|(plan, _)| *plan == index)
            .map(|(_, endpoint)| context.endpoint_out(plan, endpoint))
            .collect();
        if types.is_empty() && endpoint_outs.is_empty() {
            // A spec file that declares nothing is refused by `codegen check`.
            report.warn(
                plan.document,
                "/paths",
                format!(
                    "nothing is imported into {}, so it is not written",
                    plan.file_name
                ),
            );
            continue;
        }
        files.push(OutputFile {
            path: PathBuf::from(&plan.file_name),
            contents: output::render(&plan.header, &types, &endpoint_outs),
        });
    }
    // Checking the files and reporting on them are independent: the check runs on a thread
    // of its own while the coverage is built and the findings located.
    let (checked, (coverage, report)) = std::thread::scope(|scope| {
        let check = scope.spawn(|| check_output(&files));
        let (coverage, located) = coverage::Coverage::build(&report, documents, &records, &shapes);
        let report = report.into_located_diagnostics(&located);
        let checked = check
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (checked, (coverage, report))
    });
    checked?;
    Ok(RunResult {
        files,
        coverage,
        report,
        endpoints: endpoints.len(),
        skipped,
    })
}

/// The plans with the products plan replaced by one plan per product (the first segment
/// of its endpoints' names), in order of their names, each operation moved to its
/// product's plan. A product that is also a spec's file (`ai_gateway`) adds to that spec.
fn split_products<'c, 'a>(
    plans: &[SpecPlan<'c>],
    mut selected: Vec<Selected<'a>>,
    names: &[Vec<String>],
) -> (Vec<SpecPlan<'c>>, Vec<Selected<'a>>) {
    let mut split: Vec<SpecPlan<'c>> = Vec::new();
    let mut moved: HashMap<usize, usize> = HashMap::new();
    for (index, plan) in plans.iter().enumerate() {
        if plan.products.is_none() {
            moved.insert(index, split.len());
            split.push(SpecPlan {
                file_name: plan.file_name.clone(),
                header: plan.header.clone(),
                document: plan.document,
                config: plan.config,
                products: None,
            });
        }
    }
    let mut product_plans: BTreeSet<(usize, String)> = BTreeSet::new();
    for (chosen, name) in selected.iter().zip(names) {
        if plans[chosen.plan].products.is_some() {
            product_plans.insert((chosen.plan, name.first().cloned().unwrap_or_default()));
        }
    }
    let mut by_product: HashMap<(usize, String), usize> = HashMap::new();
    for (plan, product) in product_plans {
        let file_name = format!("{product}.yaml");
        let index = match split.iter().position(|p| p.file_name == file_name) {
            Some(existing) => existing,
            None => {
                let source = &plans[plan];
                split.push(SpecPlan {
                    file_name,
                    header: source.header.replace("{product}", &product),
                    document: source.document,
                    config: None,
                    products: None,
                });
                split.len() - 1
            }
        };
        by_product.insert((plan, product), index);
    }
    for (chosen, name) in selected.iter_mut().zip(names) {
        chosen.plan = match plans[chosen.plan].products {
            Some(_) => by_product[&(chosen.plan, name.first().cloned().unwrap_or_default())],
            None => moved[&chosen.plan],
        };
    }
    (split, selected)
}

/// The operations each plan imports, in plan order, then document order.
fn select<'a>(
    documents: &'a [Document],
    plans: &[SpecPlan<'_>],
    config_file: Option<&SourceFile>,
    report: &mut Report,
    config_errors: &mut Vec<Diagnostic>,
) -> Vec<Selected<'a>> {
    let all: Vec<Vec<Operation<'a>>> = documents
        .iter()
        .enumerate()
        .map(|(index, document)| operations::operations(document, index, report))
        .collect();
    for (index, ops) in all.iter().enumerate() {
        let mut seen = HashSet::new();
        for op in ops {
            if !seen.insert(op.handle.as_str()) {
                report.error(
                    index,
                    &super::pointer::child(&op.pointer, "operationId"),
                    format!(
                        "`operationId: {}` is used by another operation too",
                        op.handle
                    ),
                );
            }
        }
    }
    let mut owners: HashMap<(usize, String), usize> = HashMap::new();
    let mut selected = Vec::new();
    for (index, plan) in plans.iter().enumerate() {
        let ops = &all[plan.document];
        let chosen: Vec<&Operation<'a>> = match (plan.config, config_file) {
            (Some(spec), Some(file)) => chosen_by_config(spec, file, ops, config_errors),
            _ => ops.iter().collect(),
        };
        for op in chosen {
            let key = (op.document, op.handle.clone());
            if plan.products.is_some() && owners.contains_key(&key) {
                // The products plan takes what the specs leave.
                continue;
            }
            if let Some(&other) = owners.get(&key) {
                if let (Some(file), Some(spec)) = (config_file, plan.config) {
                    config_errors.push(
                        Diagnostic::error(format!(
                            "operation `{}` is also selected for `{}`",
                            op.handle, plans[other].file_name
                        ))
                        .at(config::location(file, &spec.operations)),
                    );
                }
                continue;
            }
            owners.insert(key, index);
            selected.push(Selected {
                plan: index,
                op: op.clone(),
            });
        }
    }
    selected
}

/// The operations of `ops` the config's selections choose, in document order; a selection
/// with other than one key, or that chooses nothing, is an error.
fn chosen_by_config<'o, 'a>(
    spec: &SpecConfig,
    file: &SourceFile,
    ops: &'o [Operation<'a>],
    config_errors: &mut Vec<Diagnostic>,
) -> Vec<&'o Operation<'a>> {
    let mut chosen = vec![false; ops.len()];
    for selection in &spec.operations.value {
        let Selection {
            path,
            tag,
            operation,
        } = &selection.value;
        if [path.is_some(), tag.is_some(), operation.is_some()]
            .iter()
            .filter(|given| **given)
            .count()
            != 1
        {
            config_errors.push(
                Diagnostic::error("a selection has exactly one of `path`, `tag` or `operation`")
                    .at(config::location(file, selection)),
            );
            continue;
        }
        let selects = |op: &Operation<'_>| {
            path.as_ref().is_some_and(|p| op.path.starts_with(&p.value))
                || tag
                    .as_ref()
                    .is_some_and(|t| op.tags().any(|tag| tag == t.value))
                || operation.as_ref().is_some_and(|o| op.handle == o.value)
        };
        let mut any = false;
        for (i, op) in ops.iter().enumerate() {
            if selects(op) {
                chosen[i] = true;
                any = true;
            }
        }
        if !any {
            config_errors.push(
                Diagnostic::error("this selects no operation of the document")
                    .at(config::location(file, selection)),
            );
        }
    }
    ops.iter()
        .zip(chosen)
        .filter(|(_, chosen)| *chosen)
        .map(|(op, _)| op)
        .collect()
}

/// Endpoint names: the config's, then defaults made unique.
fn name_endpoints(
    selected: &[Selected<'_>],
    plans: &[SpecPlan<'_>],
    config_file: Option<&SourceFile>,
    config_errors: &mut Vec<Diagnostic>,
) -> Vec<Vec<String>> {
    let mut registry = EndpointNames::default();
    let mut names: Vec<Option<Vec<String>>> = vec![None; selected.len()];
    if let Some(file) = config_file {
        for (i, selected) in selected.iter().enumerate() {
            let endpoint = plans[selected.plan]
                .config
                .and_then(|spec| config::lookup(&spec.endpoints, &selected.op.handle));
            let Some(name) = endpoint.and_then(|e| e.name.as_ref()) else {
                continue;
            };
            let segments: Vec<String> = name.value.split('.').map(str::to_owned).collect();
            let valid = segments
                .iter()
                .all(|s| crate::naming::snake_name(s).is_some_and(|n| !n.starts_with("r#")));
            let problem = if !valid {
                Some("is not snake_case identifiers joined by dots (`namespace.method`)".to_owned())
            } else {
                registry.conflict(&segments).map(|clash| match clash {
                    Clash::Method(why) | Clash::Namespace(_, why) => why,
                })
            };
            match problem {
                Some(problem) => config_errors.push(
                    Diagnostic::error(format!("the endpoint name `{}` {problem}", name.value))
                        .at(config::location(file, name)),
                ),
                None => {
                    registry.claim(&segments);
                    names[i] = Some(segments);
                }
            }
        }
    }
    // A current operation takes its name before a deprecated one that wants it too.
    let mut order: Vec<usize> = (0..selected.len()).collect();
    order.sort_by_key(|&i| selected[i].op.deprecated());
    for i in order {
        let selected = &selected[i];
        if names[i].is_some() {
            continue;
        }
        let wanted = plans[selected.plan]
            .products
            .and_then(|rows| products::endpoint_name(rows, &selected.op))
            .unwrap_or_else(|| endpoint_names::default_name(&selected.op));
        let tags: Vec<&str> = selected.op.tags().collect();
        let op = &selected.op;
        let name = registry.unique(wanted, &op.handle, &tags, op.deprecated());
        registry.claim(&name);
        names[i] = Some(name);
    }
    names.into_iter().map(Option::unwrap_or_default).collect()
}

/// Shapes the endpoints use, in the order they are first reached (body, response, query
/// enums of each endpoint, depth first), and the plan each first belongs to.
fn reachable(
    shapes: &Shapes,
    endpoints: &[(usize, Endpoint)],
) -> (Vec<ShapeId>, HashMap<ShapeId, usize>) {
    let mut order = Vec::new();
    let mut homes = HashMap::new();
    for (plan, endpoint) in endpoints {
        let roots = endpoint
            .body
            .iter()
            .map(|body| &body.ty)
            .chain([&endpoint.response])
            .chain(endpoint.query.iter().map(|p| &p.ty))
            .chain(endpoint.headers.iter().map(|p| &p.ty));
        for ty in roots {
            let mut stack = vec![shapes.current_ty(ty)];
            while let Some(ty) = stack.pop() {
                let Some(id) = ty.named() else { continue };
                if homes.contains_key(&id) {
                    continue;
                }
                homes.insert(id, *plan);
                order.push(id);
                let children = shapes.current_kind(id).children();
                stack.extend(children.into_iter().rev());
            }
        }
    }
    (order, homes)
}

/// Names no type may take: reserved words, namespace handles, query structs.
fn taken_names(endpoints: &[(usize, Endpoint)]) -> BTreeSet<String> {
    let mut taken: BTreeSet<String> = RESERVED_TYPE_NAMES
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for (_, endpoint) in endpoints {
        let Some((method, namespace)) = endpoint.name.split_last() else {
            continue;
        };
        for segment in namespace {
            taken.insert(segment.to_upper_camel_case());
        }
        if let Some(name) = crate::naming::parameters_struct(
            method,
            !endpoint.query.is_empty(),
            !endpoint.headers.is_empty(),
        ) {
            taken.insert(name);
        }
    }
    taken
}

/// The produced spec files must pass `codegen check`'s parse and resolve; a failure is a
/// bug in the importer or a config choice the spec refuses, shown in the produced text.
fn check_output(files: &[OutputFile]) -> Result<(), ImportError> {
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    let sources: Vec<SourceFile> = files
        .iter()
        .map(|file| SourceFile {
            path: PathBuf::from("(imported)").join(&file.path),
            text: file.contents.clone(),
        })
        .collect();
    // The files parse independently, on every core.
    let results =
        crate::parallel::map_in_order(&sources, |source| source.text.len(), crate::spec::parse);
    for (source, result) in sources.into_iter().zip(results) {
        match result {
            Ok(spec) => parsed.push((source, spec)),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty()
        && let Err(diagnostics) = crate::resolve::resolve(&parsed)
    {
        errors = diagnostics
            .0
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
    }
    if errors.is_empty() {
        return Ok(());
    }
    for error in &mut errors {
        error.message = format!(
            "the imported spec would not pass `codegen check` (change the config where it caused this, or report the importer bug): {}",
            error.message
        );
    }
    Err(ImportError::Invalid(Diagnostics(errors)))
}
