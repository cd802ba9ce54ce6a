// A misspelled element kind does not compile.
use cloudflare_sdk::{Element, ElementRef, StartElement, StartOutputs};

fn main() {
    let start = StartElement::new("start", StartOutputs::new(ElementRef::new("end")));
    let _ = Element::Strat(start);
}
