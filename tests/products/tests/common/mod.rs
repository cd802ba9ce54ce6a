//! What every products test shares: the identifiers it sends and a client of a local server.

use cloudflare_sdk::Client;
use wiremock::MockServer;

pub const TOKEN: &str = "products-test-token";
pub const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
pub const ZONE: &str = "9a7806061c88ada191ed06f989cc3dac";
/// The API's path below the server, as in Cloudflare's base URL.
pub const BASE_PATH: &str = "/client/v4";

/// A client of `server`, authenticated with [`TOKEN`].
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_token(TOKEN)
        .base_url(format!("{}{BASE_PATH}", server.uri()))
        .build()
        .expect("a valid client")
}
