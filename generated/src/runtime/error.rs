/// Everything that can go wrong when calling the API.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An argument was rejected before anything was sent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The server answered with an error status.
    #[error("the API answered {status}: {body}")]
    Api {
        /// HTTP status code.
        status: u16,
        /// The response body.
        body: String,
    },
    /// The response could not be decoded.
    #[error("cannot decode the response (status {status}): {message}")]
    Decode {
        /// HTTP status code.
        status: u16,
        /// What was wrong.
        message: String,
    },
    /// The request could not be sent or the response could not be read.
    #[error("transport error: {0}")]
    Transport(#[from] reqwest::Error),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
