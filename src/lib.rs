//! minigo as a library: the embedding API.
