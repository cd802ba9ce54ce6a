//! Names for what the OpenAPI leaves anonymous: types from the component, property, tag
//! or operation they come from; Rust field names where the wire name gives none. Names
//! never collide: a short name two shapes both want goes to neither, both are qualified by
//! where they are used (`StartElementOutputs`, `RateElementOutputs`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::endpoint_names::base_name;
use super::shapes::{Hint, Kind, ShapeId, Shapes, Use};
use crate::naming;

/// Names of union variant structs that are not the spec's default, by (union, tag value).
pub type VariantStructs = BTreeMap<(ShapeId, String), String>;

/// The singular of an `UpperCamelCase` word: `Routes` → `Route`, `Policies` → `Policy`.
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if lower.ends_with("ies") && word.len() > 4 {
        format!("{}y", &word[..word.len() - 3])
    } else if ["sses", "shes", "ches", "xes"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        word[..word.len() - 2].to_owned()
    } else if lower.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| lower.ends_with(end))
        && word.len() > 1
    {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// The plural of an `UpperCamelCase` word, for a list: `Rule` → `Rules`, `Policy` →
/// `Policies`, `Address` → `Addresses`.
pub fn plural(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let vowel_before_y = lower
        .chars()
        .rev()
        .nth(1)
        .is_some_and(|c| "aeiou".contains(c));
    if lower.ends_with('y') && !vowel_before_y && word.len() > 1 {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "sh", "ch", "x", "z"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// Rust names for the values of a string enum where the derived one would not do: none
/// (`""` → `Empty`), not an identifier (`15m` → `V15m`, `1.0` → `V1Dot0`, `*` → `Star`),
/// or one an earlier value (or the catch-all `Unknown`) has (`get` after `GET` →
/// `GetLower`, `unknown` → `UnknownValue`). `None` where the derived name is fine; an
/// error saying which value has no readable name (an emoji) when one has none.
pub fn enum_value_names(values: &[String]) -> Result<Vec<Option<String>>, String> {
    let mut taken: BTreeSet<String> = BTreeSet::from(["Unknown".to_owned()]);
    // Derived names are claimed first, so that a made-up name never takes one.
    let derived: Vec<Option<String>> = values
        .iter()
        .map(|value| naming::variant_name(value).filter(|name| taken.insert(name.clone())))
        .collect();
    let mut names = Vec::with_capacity(values.len());
    for (value, derived) in values.iter().zip(derived) {
        if derived.is_some() {
            names.push(None);
            continue;
        }
        let base = match naming::variant_name(value) {
            // Another value (or `Unknown`) has this name.
            Some(name) if name == "Unknown" => "UnknownValue".to_owned(),
            Some(name) => {
                let case = if value.chars().any(char::is_lowercase)
                    && !value.chars().any(char::is_uppercase)
                {
                    "Lower"
                } else if value.chars().any(char::is_uppercase)
                    && !value.chars().any(char::is_lowercase)
                {
                    "Upper"
                } else {
                    "Value"
                };
                format!("{name}{case}")
            }
            None => spelled_name(value)
                .ok_or_else(|| format!("the value `{value}` gives no readable Rust name"))?,
        };
        let name = if taken.contains(&base) {
            (2..)
                .map(|n| format!("{base}{n}"))
                .find(|n| !taken.contains(n))
                .unwrap_or_default()
        } else {
            base
        };
        taken.insert(name.clone());
        names.push(Some(name));
    }
    Ok(names)
}

/// An `UpperCamelCase` name for a value that derives none: `""` → `Empty`, symbols
/// spelled as words (`*` → `Star`, `50%` → `V50Percent`), a leading digit prefixed with
/// `V` (`15m` → `V15m`); `None` when even that is not an identifier (an emoji).
fn spelled_name(value: &str) -> Option<String> {
    let inner = value.trim_matches('"');
    if inner.is_empty() {
        return Some(
            if value.is_empty() {
                "Empty"
            } else {
                "EmptyQuoted"
            }
            .to_owned(),
        );
    }
    let mut words = String::new();
    for c in inner.chars() {
        let word = match c {
            '.' => "Dot",
            '*' => "Star",
            '%' => "Percent",
            '+' => "Plus",
            '-' if words.is_empty() => "Minus",
            '<' => "Less",
            '>' => "Greater",
            '=' => "Equals",
            '!' => "Not",
            '/' => "Slash",
            '@' => "At",
            '#' => "Hash",
            '&' => "And",
            '"' => "Quote",
            '?' => "Question",
            '~' => "Tilde",
            '$' => "Dollar",
            c if c.is_ascii_alphanumeric() => {
                words.push(c);
                continue;
            }
            c if c.is_ascii() => {
                words.push(' ');
                continue;
            }
            _ => return None,
        };
        words.push(' ');
        words.push_str(word);
        words.push(' ');
    }
    let camel = words.to_upper_camel_case();
    let name = if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
    };
    naming::variant_name(&name).filter(|n| *n == name)
}

/// The name one use of a shape suggests: a short one, and how to qualify it when two
/// shapes want the same short name.
struct Suggestion {
    short: String,
    qualified: Qualified,
    /// Component names are the schema author's own, and win over names from context.
    from_component: bool,
    /// Items of an endpoint that lists them (`….list`): of the endpoints that use a
    /// resource, the one to qualify its name by.
    lists: bool,
    /// The component schema's name, for a component's suggestion.
    component: Option<String>,
}

/// The longer name of a [`Suggestion`].
enum Qualified {
    /// `{parent's name}{text}`.
    AfterParent(ShapeId, String),
    /// `{Tag}{union's name}{text}`: a property of a union variant, after the variant's
    /// struct.
    AfterVariant(ShapeId, String, String),
    /// A name of its own.
    Standalone(String),
    /// A component's name; when a handle or a reserved name has it, the name with what
    /// the type is (`PagesProjectsObject` beside the handle `PagesProjects`).
    Component(String),
    /// A name from an endpoint's name, qualified by as many of its words as it takes.
    Endpoint(EndpointWords),
}

/// The words of an endpoint's name that can qualify a name made from it, so that two
/// endpoints' bodies (`RulesCreateBody`) are told apart by what their endpoints' names
/// say (`rulesets.rules.create`, `firewall.rules.create`), never by a number.
#[derive(Clone, Debug, PartialEq, Eq)]
struct EndpointWords {
    /// The product (the name's first segment): a module, so a name from it is stripped
    /// of it there (`RulesetsRulesCreateBody` → `rulesets::RulesCreateBody`).
    product: String,
    /// The name's other words, `UpperCamelCase`, outermost first.
    words: Vec<String>,
    /// How many of the last words every qualified name has.
    least: usize,
    /// What ends the name: `Body`, `Response`, a parameter's or the resource's name.
    tail: String,
    /// The name after the most qualified one, when the words may not tell two apart
    /// (the items of `firewall.rules.delete` and of `firewall.rules.list` are both
    /// `FirewallRule`; the first is then `FirewallRulesDeleteItem`).
    last_resort: Option<String>,
    /// The items of an endpoint that lists them (`firewall.rules.list`).
    lists: bool,
}

impl EndpointWords {
    /// For the endpoint `name` (`radar.as112.summary.dnssec.list`): the product and the
    /// rest of its words, each name having the last `least` of them and `tail`.
    fn new(name: &[String], least: usize, tail: String) -> Self {
        let camel: Vec<String> = name.iter().map(|s| s.to_upper_camel_case()).collect();
        let (product, words) = match camel.split_first() {
            Some((product, words)) if !words.is_empty() => (product.clone(), words.to_vec()),
            _ => (String::new(), camel),
        };
        Self {
            product,
            words,
            least,
            tail,
            last_resort: None,
            lists: false,
        }
    }

    /// The highest level a name has: the most words it can take beyond the least, and
    /// one more for the last resort.
    fn levels(&self) -> usize {
        self.words.len().saturating_sub(self.least) + usize::from(self.last_resort.is_some())
    }

    /// The name with `level` words beyond the least: the product, the last words, the
    /// tail (`Radar` + `DnssecList` + `Response` at level 0, `Radar` +
    /// `SummaryDnssecList` + `Response` at level 1).
    fn name(&self, level: usize) -> String {
        if let Some(last) = self.last_resort.as_ref().filter(|_| level >= self.levels()) {
            return last.clone();
        }
        let count = (self.least + level).min(self.words.len());
        let words = &self.words[self.words.len() - count..];
        format!("{}{}{}", self.product, words.concat(), self.tail)
    }
}

fn suggestion(use_: &Use) -> Suggestion {
    let camel = |text: &str| text.to_upper_camel_case();
    let short_of = |wire: &str, items: bool| {
        if items {
            singular(&camel(wire))
        } else {
            camel(wire)
        }
    };
    let (short, qualified) = match (&use_.hint, use_.parent) {
        (Hint::Component(name), _) => (camel(name), Qualified::Component(camel(name))),
        (Hint::Property { wire, items }, Some(parent)) => {
            let short = short_of(wire, *items);
            (short.clone(), Qualified::AfterParent(parent, short))
        }
        (Hint::VariantProperty { tag, wire, items }, Some(parent)) => {
            let short = short_of(wire, *items);
            (
                short.clone(),
                Qualified::AfterVariant(parent, camel(tag), short),
            )
        }
        (Hint::Property { wire, items } | Hint::VariantProperty { wire, items, .. }, None) => {
            let short = short_of(wire, *items);
            (short.clone(), Qualified::Standalone(short))
        }
        // An anonymous alternative is named after its union (`SourceUrl`, not `Url`, for
        // an object that has a `url`): its own name only tells it from its siblings.
        (Hint::Alternative { name, items }, parent) => {
            let text = short_of(name, *items);
            let qualified = match parent {
                Some(parent) => Qualified::AfterParent(parent, text),
                None => Qualified::Standalone(text),
            };
            (String::new(), qualified)
        }
        (Hint::Body(endpoint), _) => (
            format!("{}Body", base_name(endpoint)),
            Qualified::Endpoint(EndpointWords::new(endpoint, 2, "Body".to_owned())),
        ),
        (Hint::Response(endpoint), _) => (
            format!("{}Response", base_name(endpoint)),
            Qualified::Endpoint(EndpointWords::new(endpoint, 2, "Response".to_owned())),
        ),
        // Items are the resource (`Rule`); what tells two resources of one name apart
        // is the product, then the namespaces above the method (`firewall.rules.list`),
        // without the one that is the resource itself.
        (Hint::ResponseItems { resource, endpoint }, _) => {
            let mut words = EndpointWords::new(endpoint, 0, resource.clone());
            words.words.pop();
            words
                .words
                .retain(|word| singular(word) != *resource && word != resource);
            words.last_resort = Some(format!("{}{}Item", words.product, base_name(endpoint)));
            words.lists = endpoint.last().is_some_and(|method| method == "list");
            (resource.clone(), Qualified::Endpoint(words))
        }
        (Hint::Query(endpoint, wire), _) => (
            camel(wire),
            Qualified::Endpoint(EndpointWords::new(endpoint, 2, camel(wire))),
        ),
    };
    let lists = match &use_.hint {
        Hint::ResponseItems { endpoint, .. } => endpoint.last().is_some_and(|m| m == "list"),
        _ => false,
    };
    Suggestion {
        short,
        qualified,
        from_component: matches!(use_.hint, Hint::Component(_)),
        lists,
        component: match &use_.hint {
            Hint::Component(name) => Some(name.clone()),
            _ => None,
        },
    }
}

/// Chooses a name for every shape in `order` that `fixed` does not name already.
/// `taken` holds names no type may have (reserved words, namespace handles, query structs,
/// the config's variant struct names); the names of union variant structs are added to it
/// as unions are named.
pub fn type_names(
    shapes: &Shapes,
    order: &[ShapeId],
    fixed: &HashMap<ShapeId, String>,
    taken: &mut BTreeSet<String>,
    fixed_variants: &VariantStructs,
) -> TypeNames {
    // Uses inside shapes that are not written (an envelope around a payload) name nothing.
    let written: BTreeSet<ShapeId> = order.iter().copied().collect();
    let suggestions: HashMap<ShapeId, Vec<Suggestion>> = order
        .iter()
        .map(|&id| {
            let uses = shapes.current_uses(id);
            let uses = uses
                .iter()
                .filter(|u| u.parent.is_none_or(|p| written.contains(&p)));
            (id, uses.map(suggestion).collect())
        })
        .collect();
    let products = products_reaching(shapes, order, &written);
    let mut suggestions = suggestions;
    let mut neutral_names: HashMap<ShapeId, String> = HashMap::new();
    for &id in order {
        let reaching = products.get(&id).map_or(0, BTreeSet::len);
        if let Some(neutral) = neutral_suggestion(shapes, id, &suggestions[&id], reaching)
            && let Some(list) = suggestions.get_mut(&id)
        {
            neutral_names.insert(id, neutral.short.clone());
            list.insert(0, neutral);
        }
    }
    let no_products = BTreeSet::new();
    let preferred: HashMap<ShapeId, usize> = order
        .iter()
        .map(|&id| {
            let reaching = products.get(&id).unwrap_or(&no_products);
            (id, preferred_suggestion(&suggestions[&id], reaching))
        })
        .collect();
    // How many shapes want each short name: a name two want is given to neither.
    let mut wanted: HashMap<&str, usize> = HashMap::new();
    for &id in order {
        if fixed.contains_key(&id) {
            continue;
        }
        if let Some(s) = suggestions[&id].get(preferred[&id]) {
            *wanted.entry(s.short.as_str()).or_default() += 1;
        }
    }
    for name in fixed.values() {
        taken.insert(name.clone());
    }
    let contested =
        contested_endpoint_names(order, &suggestions, &preferred, &wanted, fixed, taken);
    let mut names: HashMap<ShapeId, String> = fixed.clone();
    let mut variant_structs = BTreeMap::new();
    for &id in order {
        if !names.contains_key(&id) {
            let name = match contested.get(&id) {
                Some(name) if !taken.contains(name) => name.clone(),
                _ => choose(
                    &suggestions[&id],
                    preferred[&id],
                    &wanted,
                    &names,
                    taken,
                    shapes,
                    id,
                ),
            };
            taken.insert(name.clone());
            names.insert(id, name);
        }
        if let Kind::Union { variants, .. } = &shapes.shapes[id].kind {
            let union = names[&id].clone();
            for variant in variants {
                if fixed_variants.contains_key(&(id, variant.tag_value.clone())) {
                    continue;
                }
                let default = format!(
                    "{}{union}",
                    naming::variant_name(&variant.tag_value).unwrap_or_default()
                );
                let name = unique(&default, taken);
                taken.insert(name.clone());
                if name != default {
                    variant_structs.insert((id, variant.tag_value.clone()), name);
                }
            }
        }
    }
    let neutral = neutral_names
        .into_iter()
        .filter(|(id, neutral)| names.get(id) == Some(neutral))
        .map(|(id, _)| id)
        .collect();
    TypeNames {
        names,
        variant_structs,
        neutral,
    }
}

/// What [`type_names`] chose.
pub struct TypeNames {
    pub names: HashMap<ShapeId, String>,
    /// The variant struct names that differ from the spec's default (`{Tag}{Union}`),
    /// those the config fixes left out.
    pub variant_structs: VariantStructs,
    /// The shapes given a neutral name (`IdOnly`): their doc, the first schema's, was
    /// written for one of the products that name the shape, so it is not theirs.
    pub neutral: HashSet<ShapeId>,
}

/// The names of the shapes whose preferred name comes from an endpoint and is contested
/// (another shape wants it too, or it is taken). The shapes that want one name are told
/// apart together: each gets the first qualified name (product, then more and more of
/// its endpoint's words) that no other of them has at that level and nothing has taken.
/// A shape whose endpoint's words are all used up without that is left out (and gets a
/// number).
fn contested_endpoint_names(
    order: &[ShapeId],
    suggestions: &HashMap<ShapeId, Vec<Suggestion>>,
    preferred: &HashMap<ShapeId, usize>,
    wanted: &HashMap<&str, usize>,
    fixed: &HashMap<ShapeId, String>,
    taken: &BTreeSet<String>,
) -> HashMap<ShapeId, String> {
    let mut groups: BTreeMap<&str, Vec<(ShapeId, &EndpointWords)>> = BTreeMap::new();
    for &id in order {
        if fixed.contains_key(&id) {
            continue;
        }
        let Some(suggestion) = suggestions[&id].get(preferred[&id]) else {
            continue;
        };
        let Qualified::Endpoint(words) = &suggestion.qualified else {
            continue;
        };
        let short = suggestion.short.as_str();
        let contested = wanted.get(short).copied().unwrap_or(0) > 1
            || taken.contains(short)
            || !naming::is_type_name(short);
        if contested {
            groups.entry(short).or_default().push((id, words));
        }
    }
    let mut chosen: HashMap<ShapeId, String> = HashMap::new();
    let mut claimed: BTreeSet<String> = BTreeSet::new();
    for members in groups.into_values() {
        let mut pending = members;
        let mut level = 0;
        while !pending.is_empty() {
            let candidates: Vec<String> = pending.iter().map(|(_, w)| w.name(level)).collect();
            let mut rest = Vec::new();
            for (&(id, words), candidate) in pending.iter().zip(&candidates) {
                // Of items that want one name, those of the endpoint that lists them are
                // the resource: they keep it, the others take more words.
                let sharing: Vec<&EndpointWords> = pending
                    .iter()
                    .zip(&candidates)
                    .filter(|(_, c)| *c == candidate)
                    .map(|((_, w), _)| *w)
                    .collect();
                let alone = sharing.len() == 1
                    || (words.lists && sharing.iter().filter(|w| w.lists).count() == 1);
                let free = naming::is_type_name(candidate)
                    && !taken.contains(candidate)
                    && !claimed.contains(candidate);
                if alone && free {
                    claimed.insert(candidate.clone());
                    chosen.insert(id, candidate.clone());
                } else if level < words.levels() {
                    rest.push((id, words));
                }
            }
            pending = rest;
            level += 1;
        }
    }
    chosen
}

/// The products (first segments of endpoint names) whose endpoints reach each shape,
/// through the uses that name it: an endpoint's body, response or query, or a parent the
/// products reach.
fn products_reaching(
    shapes: &Shapes,
    order: &[ShapeId],
    written: &BTreeSet<ShapeId>,
) -> HashMap<ShapeId, BTreeSet<String>> {
    let mut products: HashMap<ShapeId, BTreeSet<String>> = HashMap::new();
    let uses: HashMap<ShapeId, Vec<Use>> = order
        .iter()
        .map(|&id| (id, shapes.current_uses(id)))
        .collect();
    for &id in order {
        for use_ in &uses[&id] {
            let endpoint = match &use_.hint {
                Hint::Body(endpoint) | Hint::Response(endpoint) | Hint::Query(endpoint, _) => {
                    endpoint
                }
                Hint::ResponseItems { endpoint, .. } => endpoint,
                _ => continue,
            };
            if let Some(product) = endpoint.first() {
                products.entry(id).or_default().insert(product.clone());
            }
        }
    }
    // Down from parents to children, until nothing changes.
    loop {
        let mut changed = false;
        for &id in order {
            for parent in uses[&id].iter().filter_map(|u| u.parent) {
                if parent == id || !written.contains(&parent) {
                    continue;
                }
                let from_parent = products.get(&parent).cloned().unwrap_or_default();
                let own = products.entry(id).or_default();
                for product in from_parent {
                    changed |= own.insert(product);
                }
            }
        }
        if !changed {
            return products;
        }
    }
}

/// A neutral name for a very generic shape (an empty object, or one of a single field)
/// that several products reach and the document names differently in several places:
/// `EmptyObject`, `{Field}Only` (`IdOnly`, `EnabledOnly`), not the name one product gave
/// it (`ZeroTrustGatewayActivityLogSettings` for what an R2 delete answers). Should the
/// neutral name be taken, the first component's name is used.
fn neutral_suggestion(
    shapes: &Shapes,
    id: ShapeId,
    suggestions: &[Suggestion],
    products: usize,
) -> Option<Suggestion> {
    let Kind::Object(props) = shapes.current_kind(id) else {
        return None;
    };
    let prefixes: BTreeSet<&str> = suggestions
        .iter()
        .filter_map(|s| s.component.as_deref())
        .map(component_prefix)
        .collect();
    if products < 2 || props.len() > 1 || prefixes.len() < 2 {
        return None;
    }
    let short = match props.first() {
        None => "EmptyObject".to_owned(),
        Some(prop) => format!("{}Only", prop.wire.to_upper_camel_case()),
    };
    let first = suggestions.iter().find(|s| s.from_component)?;
    Some(Suggestion {
        short,
        qualified: Qualified::Component(first.short.clone()),
        from_component: true,
        lists: false,
        component: None,
    })
}

/// What a component's name starts with, which says whose it is: `workers-kv` of
/// `workers-kv_namespace`.
fn component_prefix(component: &str) -> &str {
    component
        .split_once('_')
        .map_or(component, |(prefix, _)| prefix)
}

/// Whether a component's prefix is a product's (`r2` of `r2_bucket` for `r2`,
/// `workers-kv` for `kv`, `zero-trust-gateway` for `zero_trust`): every word of the one
/// is a word of the other.
fn prefix_is_product(prefix: &str, product: &str) -> bool {
    let words = |text: &str| -> BTreeSet<String> {
        text.to_snake_case()
            .split('_')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (prefix, product) = (words(prefix), words(product));
    !prefix.is_empty() && (prefix.is_subset(&product) || product.is_subset(&prefix))
}

/// The suggestion to name a shape by: a component's name (of a shape that one product
/// reaches, that product's component when several name it), else the short name most of
/// its uses suggest (the first of them on a tie).
fn preferred_suggestion(suggestions: &[Suggestion], products: &BTreeSet<String>) -> usize {
    if let Some(i) = suggestions.iter().position(|s| s.from_component) {
        let own = match products.iter().collect::<Vec<_>>().as_slice() {
            [product] => suggestions.iter().position(|s| {
                s.component
                    .as_deref()
                    .is_some_and(|c| prefix_is_product(component_prefix(c), product))
            }),
            _ => None,
        };
        return if suggestions[i].component.is_none() {
            i
        } else {
            own.unwrap_or(i)
        };
    }
    let mut best = 0;
    let mut best_count = 0;
    for (i, s) in suggestions.iter().enumerate() {
        let count = suggestions.iter().filter(|o| o.short == s.short).count();
        if count > best_count {
            best = i;
            best_count = count;
        }
    }
    // Of the uses that want that name, the one that qualifies it best: an endpoint that
    // lists the resource (its items are what the resource is).
    let short = &suggestions[best].short;
    suggestions
        .iter()
        .position(|s| &s.short == short && s.lists)
        .unwrap_or(best)
}

fn choose(
    suggestions: &[Suggestion],
    preferred: usize,
    wanted: &HashMap<&str, usize>,
    names: &HashMap<ShapeId, String>,
    taken: &BTreeSet<String>,
    shapes: &Shapes,
    id: ShapeId,
) -> String {
    let fallback = || match &shapes.shapes[id].kind {
        Kind::Enum(_) => "Value".to_owned(),
        Kind::Object(_) | Kind::Union { .. } | Kind::OneOf(_) => "Object".to_owned(),
    };
    let Some(suggestion) = suggestions.get(preferred) else {
        return unique(&fallback(), taken);
    };
    let usable = |name: &str| naming::is_type_name(name) && !taken.contains(name);
    if wanted.get(suggestion.short.as_str()).copied().unwrap_or(0) <= 1 && usable(&suggestion.short)
    {
        return suggestion.short.clone();
    }
    // A parent not named yet (the shape itself, when it contains itself) qualifies
    // nothing: another use with the same short name and a named parent does.
    let named_parent = |s: &&Suggestion| match &s.qualified {
        Qualified::AfterParent(parent, _) => names.contains_key(parent),
        _ => false,
    };
    let suggestion = match &suggestion.qualified {
        Qualified::AfterParent(parent, _) if !names.contains_key(parent) => suggestions
            .iter()
            .filter(|s| s.short == suggestion.short)
            .find(named_parent)
            .unwrap_or(suggestion),
        _ => suggestion,
    };
    let qualified = match &suggestion.qualified {
        Qualified::AfterParent(parent, text) => names
            .get(parent)
            .map_or_else(|| text.clone(), |parent| format!("{parent}{text}")),
        Qualified::AfterVariant(parent, tag, text) => names
            .get(parent)
            .map_or_else(|| text.clone(), |parent| format!("{tag}{parent}{text}")),
        Qualified::Standalone(text) => text.clone(),
        Qualified::Component(text) if usable(text) => text.clone(),
        Qualified::Component(text) => format!("{text}{}", fallback()),
        // The least qualified name that is free, else the most qualified.
        Qualified::Endpoint(words) => (0..=words.levels())
            .map(|level| words.name(level))
            .find(|name| usable(name))
            .unwrap_or_else(|| words.name(words.levels())),
    };
    let base = if naming::is_type_name(&qualified) {
        qualified
    } else if naming::is_type_name(&suggestion.short) {
        suggestion.short.clone()
    } else {
        fallback()
    };
    unique(&base, taken)
}

/// `base`, or `base2`, `base3`… when it is taken.
pub fn unique(base: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_default()
}

/// The Rust names of fields with these wire names, where the spec's derived name would
/// not do (not an identifier, or one another field already has); `None` for fields whose
/// derived name is fine. `reserved` are names no field may take.
pub fn field_rust_names(wires: &[&str], reserved: &[&str]) -> Vec<Option<String>> {
    let mut claimed: BTreeSet<String> = reserved.iter().map(|s| (*s).to_owned()).collect();
    claimed.insert(naming::UNKNOWN_FIELDS.to_owned());
    // Derived names are claimed first, so a made-up name never takes one.
    let keeps: Vec<bool> = wires
        .iter()
        .map(|wire| naming::field_name(wire).is_some_and(|name| claimed.insert(name)))
        .collect();
    wires
        .iter()
        .zip(keeps)
        .map(|(wire, keep)| {
            if keep {
                return None;
            }
            let base = made_field_name(wire);
            let name = if claimed.contains(&base) {
                (2..)
                    .map(|n| format!("{base}_{n}"))
                    .find(|n| !claimed.contains(n))
                    .unwrap_or_default()
            } else {
                base
            };
            claimed.insert(name.clone());
            Some(name)
        })
        .collect()
}

/// A `snake_case` identifier made from any wire name: `@type` → `type_`, `0.5` → `n0_5`.
fn made_field_name(wire: &str) -> String {
    let cleaned: String = wire
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let snake = cleaned.to_snake_case();
    let snake = if snake.is_empty() {
        "field".to_owned()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    };
    match naming::snake_name(&snake) {
        Some(name) if !name.starts_with("r#") => name,
        _ => format!("{snake}_value"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::shapes::{Docs, Prop, Ty};

    fn endpoint(dotted: &str) -> Vec<String> {
        dotted.split('.').map(str::to_owned).collect()
    }

    /// An object of optional string fields, with these uses.
    fn object(shapes: &mut Shapes, fields: &[&str], hints: Vec<Hint>) -> ShapeId {
        let props = fields
            .iter()
            .map(|wire| Prop {
                wire: (*wire).to_owned(),
                ty: Ty::String,
                required: false,
                nullable: false,
            })
            .collect();
        let id = shapes.intern(Kind::Object(props), Docs::default());
        for hint in hints {
            shapes.add_use(id, Use { parent: None, hint });
        }
        id
    }

    /// The names `type_names` gives the shapes in `order`, `taken` being taken.
    fn names_of(shapes: &Shapes, order: &[ShapeId], taken: &[&str]) -> Vec<String> {
        let mut taken: BTreeSet<String> = taken.iter().map(|s| (*s).to_owned()).collect();
        let names = type_names(
            shapes,
            order,
            &HashMap::new(),
            &mut taken,
            &VariantStructs::new(),
        )
        .names;
        order.iter().map(|id| names[id].clone()).collect()
    }

    #[test]
    fn bodies_that_want_one_name_are_told_apart_by_their_products() {
        let mut shapes = Shapes::default();
        let rulesets = object(
            &mut shapes,
            &["a"],
            vec![Hint::Body(endpoint("rulesets.rules.create"))],
        );
        let firewall = object(
            &mut shapes,
            &["b"],
            vec![Hint::Body(endpoint("firewall.rules.create"))],
        );
        let alone = object(
            &mut shapes,
            &["c"],
            vec![Hint::Body(endpoint("kv.namespaces.create"))],
        );
        assert_eq!(
            names_of(&shapes, &[rulesets, firewall, alone], &[]),
            [
                "RulesetsRulesCreateBody",
                "FirewallRulesCreateBody",
                "NamespacesCreateBody"
            ]
        );
    }

    #[test]
    fn responses_of_one_product_are_told_apart_by_as_many_endpoint_words_as_it_takes() {
        let mut shapes = Shapes::default();
        let response = |dotted| vec![Hint::Response(endpoint(dotted))];
        let ids = [
            object(
                &mut shapes,
                &["a"],
                response("radar.as112.summary.dnssec.list"),
            ),
            object(
                &mut shapes,
                &["b"],
                response("radar.dns.summary.dnssec.list"),
            ),
            object(
                &mut shapes,
                &["c"],
                response("radar.as112.timeseries_groups.dnssec.list"),
            ),
        ];
        assert_eq!(
            names_of(&shapes, &ids, &[]),
            [
                "RadarAs112SummaryDnssecListResponse",
                "RadarDnsSummaryDnssecListResponse",
                "RadarTimeseriesGroupsDnssecListResponse",
            ]
        );
    }

    #[test]
    fn items_are_named_by_product_and_resource_and_last_by_their_endpoint() {
        let mut shapes = Shapes::default();
        let items = |dotted, resource: &str| Hint::ResponseItems {
            resource: resource.to_owned(),
            endpoint: endpoint(dotted),
        };
        let listed = object(
            &mut shapes,
            &["a"],
            vec![
                items("firewall.rules.edit", "Rule"),
                items("firewall.rules.list", "Rule"),
            ],
        );
        let deleted = object(
            &mut shapes,
            &["b"],
            vec![items("firewall.rules.delete", "Rule")],
        );
        let filters = object(&mut shapes, &["c"], vec![items("filters.list", "Filter")]);
        let other = object(&mut shapes, &["d"], vec![items("zones.list", "Filter")]);
        // Beside the listed filters, deleted ones: the listed keep the resource's name.
        let deleted_filters = object(
            &mut shapes,
            &["e"],
            vec![items("filters.bulk_delete", "Filter")],
        );
        assert_eq!(
            names_of(
                &shapes,
                &[listed, deleted, filters, other, deleted_filters],
                &["FirewallRule"]
            ),
            [
                "FirewallRulesListItem",
                "FirewallRulesDeleteItem",
                "FiltersFilter",
                "ZonesFilter",
                "FiltersFiltersBulkDeleteItem",
            ]
        );
    }

    #[test]
    fn a_generic_shape_several_products_name_differently_gets_a_neutral_name() {
        let mut shapes = Shapes::default();
        let enabled = object(
            &mut shapes,
            &["enabled"],
            vec![
                Hint::Component("zero-trust-gateway_activity-log-settings".to_owned()),
                Hint::Component("r2_enabled".to_owned()),
                Hint::Response(endpoint("r2.buckets.delete")),
                Hint::Response(endpoint("ssl.settings.get")),
            ],
        );
        // One product reaches it: that product's component names it.
        let own = object(
            &mut shapes,
            &["a", "b"],
            vec![
                Hint::Component("zero-trust-gateway_bucket".to_owned()),
                Hint::Component("r2_bucket".to_owned()),
                Hint::Response(endpoint("r2.buckets.get")),
            ],
        );
        assert_eq!(
            names_of(&shapes, &[enabled, own], &[]),
            ["EnabledOnly", "R2Bucket"]
        );
        // The neutral name says the document's doc for it is one product's.
        let chosen = type_names(
            &shapes,
            &[enabled, own],
            &HashMap::new(),
            &mut BTreeSet::new(),
            &VariantStructs::new(),
        );
        assert_eq!(chosen.neutral, HashSet::from([enabled]));
    }

    #[test]
    fn a_component_name_a_handle_has_gets_what_the_type_is() {
        let mut shapes = Shapes::default();
        let project = object(
            &mut shapes,
            &["a"],
            vec![Hint::Component("pages_projects".to_owned())],
        );
        assert_eq!(
            names_of(&shapes, &[project], &["PagesProjects"]),
            ["PagesProjectsObject"]
        );
    }

    #[test]
    fn a_shape_that_contains_itself_is_qualified_by_its_other_parent() {
        let mut shapes = Shapes::default();
        let step = shapes.placeholder();
        let step_kind = Kind::Object(vec![Prop {
            wire: "trace".to_owned(),
            ty: Ty::List(Box::new(Ty::Named(step))),
            required: false,
            nullable: false,
        }]);
        let defined = shapes.intern(step_kind, Docs::default());
        shapes.define(step, defined);
        let response = shapes.intern(
            Kind::Object(vec![Prop {
                wire: "trace".to_owned(),
                ty: Ty::List(Box::new(Ty::Named(defined))),
                required: false,
                nullable: false,
            }]),
            Docs::default(),
        );
        shapes.add_use(
            response,
            Use {
                parent: None,
                hint: Hint::Response(endpoint("request_tracers.trace.create")),
            },
        );
        assert_eq!(
            names_of(&shapes, &[response, defined], &["Trace"]),
            ["TraceCreateResponse", "TraceCreateResponseTrace"]
        );
    }

    #[test]
    fn words_become_plural() {
        assert_eq!(plural("Rule"), "Rules");
        assert_eq!(plural("Policy"), "Policies");
        assert_eq!(plural("Key"), "Keys");
        assert_eq!(plural("Address"), "Addresses");
        assert_eq!(plural("String"), "Strings");
    }

    #[test]
    fn enum_values_without_a_rust_name_get_a_readable_one() {
        let values = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            enum_value_names(&values(&[
                "", "15m", "1.0", "*", "50%", "GET", "get", "unknown"
            ])),
            Ok(vec![
                Some("Empty".to_owned()),
                Some("V15m".to_owned()),
                Some("V1Dot0".to_owned()),
                Some("Star".to_owned()),
                Some("V50Percent".to_owned()),
                None,
                Some("GetLower".to_owned()),
                Some("UnknownValue".to_owned()),
            ])
        );
        assert_eq!(enum_value_names(&values(&["a", "b"])), Ok(vec![None, None]));
        assert!(enum_value_names(&values(&["🙂"])).is_err());
    }

    #[test]
    fn plurals_become_singular() {
        assert_eq!(singular("Routes"), "Route");
        assert_eq!(singular("Policies"), "Policy");
        assert_eq!(singular("Addresses"), "Address");
        assert_eq!(singular("Status"), "Status");
        assert_eq!(singular("Data"), "Data");
    }

    #[test]
    fn fields_whose_wire_names_give_no_rust_name_get_one_that_collides_with_nothing() {
        // `@type` derives `r#type` itself, so `type` needs another name.
        let names = field_rust_names(
            &["elementId", "element_id", "0.5", "@type", "type", "self"],
            &["body"],
        );
        assert_eq!(
            names,
            [
                None,
                Some("element_id_2".to_owned()),
                Some("n0_5".to_owned()),
                None,
                Some("type_value".to_owned()),
                Some("self_value".to_owned()),
            ]
        );
        assert_eq!(
            field_rust_names(&["body"], &["body"]),
            [Some("body_2".to_owned())]
        );
    }
}
