//! The SDK's own `Client`, emitted into the `api` module: the runtime's client wrapped, with
//! a method per root namespace and root endpoint (an inherent impl can only be written in
//! the crate that defines the type).

use proc_macro2::TokenStream;
use quote::quote;

/// The SDK's own `Client`: the runtime's client, plus a method per root namespace and
/// root endpoint (an inherent impl can only be written in the crate defining the type).
pub(super) fn emit_client_struct(
    runtime_client: &TokenStream,
    runtime: &TokenStream,
) -> TokenStream {
    quote! {
        /// A client of the API. Cheap to clone: clones share one configuration and one
        /// connection pool.
        ///
        /// Build one with [`Client::from_env`] or [`Client::builder`]; every operation is
        /// a method of it or of the namespace handles it returns. Calls run on Tokio and
        /// need its time driver, which `#[tokio::main]` enables.
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #runtime_client,
        }

        /// Configures a [`Client`]: credentials, base URL, timeouts, retries and headers.
        pub type ClientBuilder = #runtime::ClientBuilder<Client>;

        impl From<#runtime_client> for Client {
            fn from(inner: #runtime_client) -> Self {
                Self { inner }
            }
        }

        impl #runtime::SdkClient for Client {
            const USER_AGENT: &'static str =
                concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
        }
    }
}

/// The constructors and accessors every SDK `Client` has besides its operations; the
/// names are listed in [`crate::naming::CLIENT_METHODS`].
pub(super) fn emit_client_methods(runtime: &TokenStream, root: &str) -> TokenStream {
    let config_error =
        format!(" [`Error::Config`]({root}::Error::Config) when no usable credentials are set.");
    quote! {
        /// A builder for a client configured in code.
        pub fn builder() -> ClientBuilder {
            ClientBuilder::new()
        }

        /// A client configured from `CLOUDFLARE_API_TOKEN` (or `CLOUDFLARE_API_KEY` and
        /// `CLOUDFLARE_EMAIL`) and, optionally, `CLOUDFLARE_BASE_URL`; see
        /// [`ClientBuilder::from_env_with`].
        ///
        /// # Errors
        ///
        #[doc = #config_error]
        pub fn from_env() -> #runtime::Result<Self> {
            ClientBuilder::from_env().build()
        }

        /// The base URL requests are sent to, without a trailing slash.
        pub fn base_url(&self) -> &str {
            self.inner.base_url()
        }
    }
}
