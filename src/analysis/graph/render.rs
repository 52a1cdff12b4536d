//! DOT and Mermaid renderings of the state graph (`asl-lint graph`).
