//! Which files to check: paths, directories, globs and standard input.
