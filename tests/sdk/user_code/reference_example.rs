//! The reference doc's Python example, in Rust: compiled, never run (no network).

use cloudflare_sdk::{Client, CreateRouteVersion, ElementRef, Route, StartElement, StartOutputs};

async fn create_version(client: &Client) -> Result<Route, cloudflare_sdk::Error> {
    let body = CreateRouteVersion::new(vec![
        StartElement::new("id", StartOutputs::new(ElementRef::new("elementId"))).into(),
    ]);
    let response = client
        .ai_gateway()
        .dynamic_routing()
        .create_version(
            "0d37909e38d3e99c29fa2cd343ac421a",
            "54442216",
            "54442216",
            &body,
        )
        .await?;
    println!("{}", response.id);
    Ok(response)
}

async fn with_a_configured_client() -> Result<(), cloudflare_sdk::Error> {
    let client = Client::builder().api_token("token").build()?;
    let version = create_version(&client).await?;
    let _: &str = version.created_at.as_str();
    Ok(())
}

// Type-checks the calls above without polling them, and that their future can be spawned
// on a multi-threaded runtime.
const _: fn() = || {
    fn spawnable<F: Future + Send + 'static>(_: F) {}
    spawnable(with_a_configured_client());
};
