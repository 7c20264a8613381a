//! The standard packages: declaration files and their native implementations.
