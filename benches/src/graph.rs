//! A large, realistic route graph as JSON text: every element kind, ids that link the
//! elements into routes, conditions, percentage splits, rate limits and model calls with
//! values like those the dashboard produces.

use std::fmt::Write as _;

/// Where the tag (`type`) stands among an element's fields. The union decoder streams the
/// fields after the tag and buffers those before it, so the position matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagPosition {
    /// `{"type": …, "id": …, …}`.
    First,
    /// `{"id": …, "type": …, …}`, as in the SDK's fixtures.
    Second,
    /// `{"id": …, "outputs": …, "properties": …, "type": …}`: keys in alphabetical order,
    /// as in the API reference's examples and anything that sorts keys.
    Last,
}

impl TagPosition {
    /// Every position, in the order the report lists them.
    pub const ALL: [TagPosition; 3] = [Self::First, Self::Second, Self::Last];

    /// A short name for benchmark ids.
    pub fn name(self) -> &'static str {
        match self {
            Self::First => "tag_first",
            Self::Second => "tag_second",
            Self::Last => "tag_last",
        }
    }
}

/// A small deterministic generator (xorshift64*), so the data is the same on every run
/// without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// The kinds of one route of the graph, in order: the generator repeats this pattern, so
/// every kind appears and elements link to the next ones as in a real route.
const ROUTE: [&str; 7] = [
    "start",
    "conditional",
    "rate",
    "percentage",
    "model",
    "end",
    "end",
];

const PROVIDERS: [&str; 4] = ["openai", "anthropic", "workers-ai", "google-ai-studio"];
const MODELS: [&str; 6] = [
    "gpt-4o-mini",
    "gpt-4o",
    "claude-3-5-haiku-latest",
    "@cf/meta/llama-3.1-8b-instruct",
    "gemini-1.5-flash",
    "claude-sonnet-4-20250514",
];
const KEYS: [&str; 3] = ["metadata.user_id", "metadata.org", "cf.ip"];
const TIERS: [&str; 3] = ["pro", "free", "enterprise"];

/// A JSON array of `count` elements with the tag at `position`; about 127 bytes per
/// element, so 60,000 elements make about 7.6 MB.
pub fn route_graph(count: usize, position: TagPosition) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(count * 130);
    out.push('[');
    for n in 0..count {
        if n > 0 {
            out.push(',');
        }
        let kind = ROUTE[n % ROUTE.len()];
        element(&mut out, &mut rng, n, kind, position);
    }
    out.push(']');
    out
}

fn id(n: usize) -> String {
    format!("el-{n:05}")
}

fn element_ref(target: usize) -> String {
    format!(r#"{{"elementId":"{}"}}"#, id(target))
}

/// Writes one element with its fields in the order `position` asks for.
fn element(out: &mut String, rng: &mut Rng, n: usize, kind: &str, position: TagPosition) {
    let route_end = n - n % ROUTE.len() + ROUTE.len() - 1;
    let next = (n + 1).min(route_end);
    let after = (n + 2).min(route_end);
    let (outputs, properties) = match kind {
        "start" => (format!(r#"{{"next":{}}}"#, element_ref(next)), None),
        "conditional" => (
            format!(
                r#"{{"true":{},"false":{}}}"#,
                element_ref(next),
                element_ref(after)
            ),
            Some(format!(
                r#"{{"conditions":{{"metadata.tier":{{"$eq":"{}"}}}}}}"#,
                rng.pick(&TIERS)
            )),
        ),
        "percentage" => {
            let share = 10 * (1 + rng.below(9));
            (
                format!(
                    r#"{{"{}":{},"{}":{}}}"#,
                    share,
                    element_ref(next),
                    100 - share,
                    element_ref(after)
                ),
                None,
            )
        }
        "rate" => (
            format!(
                r#"{{"success":{},"fallback":{}}}"#,
                element_ref(next),
                element_ref(route_end)
            ),
            Some(format!(
                r#"{{"key":"{}","limit":{},"limitType":"{}","window":{}}}"#,
                rng.pick(&KEYS),
                10 * (1 + rng.below(100)),
                if rng.below(4) == 0 { "cost" } else { "count" },
                [60, 3600, 86400][rng.below(3) as usize],
            )),
        ),
        "model" => (
            format!(
                r#"{{"success":{},"fallback":{}}}"#,
                element_ref(route_end),
                element_ref(next)
            ),
            Some(format!(
                r#"{{"provider":"{}","model":"{}","timeout":{},"retries":{}}}"#,
                rng.pick(&PROVIDERS),
                rng.pick(&MODELS),
                [10000, 30000, 60000][rng.below(3) as usize],
                rng.below(4),
            )),
        ),
        _ => ("{}".to_owned(), None),
    };
    let tag = format!(r#""type":"{kind}""#);
    let id = format!(r#""id":"{}""#, id(n));
    let mut fields = vec![id, format!(r#""outputs":{outputs}"#)];
    if let Some(properties) = properties {
        fields.push(format!(r#""properties":{properties}"#));
    }
    match position {
        TagPosition::First => fields.insert(0, tag),
        TagPosition::Second => fields.insert(1, tag),
        TagPosition::Last => fields.push(tag),
    }
    let _ = write!(out, "{{{}}}", fields.join(","));
}

/// The same graph with what a newer server might send mixed in: an unknown element kind
/// every 50 elements and an unknown field every 7, for checking that decoding is lossless.
pub fn route_graph_with_unknowns(count: usize, position: TagPosition) -> String {
    let known: serde_json::Value = serde_json::from_str(&route_graph(count, position))
        .expect("the generator writes valid JSON");
    let mut elements = match known {
        serde_json::Value::Array(elements) => elements,
        _ => unreachable!("the generator writes an array"),
    };
    for (n, element) in elements.iter_mut().enumerate() {
        let object = element.as_object_mut().expect("elements are objects");
        if n % 7 == 0 {
            object.insert(
                "labels".to_owned(),
                serde_json::json!({"team": "search", "weight": 0.25}),
            );
        }
        if n % 50 == 0 {
            object.insert("type".to_owned(), "cache".into());
            object.insert("properties".to_owned(), serde_json::json!({"ttl": 300}));
        }
    }
    serde_json::to_string(&elements).expect("values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_has_every_kind_in_the_requested_order_and_the_expected_size() {
        for position in TagPosition::ALL {
            let text = route_graph(1000, position);
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            let elements = value.as_array().unwrap();
            assert_eq!(elements.len(), 1000);
            for kind in ["start", "conditional", "percentage", "rate", "model", "end"] {
                assert!(elements.iter().any(|e| e["type"] == kind), "{kind}");
            }
            let tag_at = text[1..].find(r#""type""#).unwrap();
            let id_at = text[1..].find(r#""id""#).unwrap();
            assert_eq!(
                tag_at < id_at,
                position == TagPosition::First,
                "{position:?}"
            );
            // About 127 bytes per element.
            assert!((120_000..135_000).contains(&text.len()), "{}", text.len());
        }
    }
}
