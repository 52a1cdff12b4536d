use super::*;

fn root(expr: &str) -> Node {
    match parse(expr) {
        Ok(ast) => ast.root,
        Err(e) => panic!("{expr:?}: {e}"),
    }
}

fn err(expr: &str) -> (&'static str, usize) {
    let e = parse(expr).expect_err(expr);
    (e.code, e.offset)
}

fn text<'a>(expr: &'a str, node: &Node) -> &'a str {
    &expr[node.span.start..node.span.end]
}

#[test]
fn literals_and_escapes() {
    assert_eq!(
        root(r#""a\"\n\u00e9\ud83d\ude00""#).kind,
        Kind::Str("a\"\né😀".into())
    );
    assert_eq!(root("'it'").kind, Kind::Str("it".into()));
    assert_eq!(root("1.5e3").kind, Kind::Num(1500.0));
    assert_eq!(root("true").kind, Kind::Bool(true));
    assert_eq!(root("null").kind, Kind::Null);
    assert_eq!(root("`a b`").kind, Kind::Name("a b".into()));
    assert_eq!(root("$$").kind, Kind::Var("$".into()));
    assert_eq!(root("$").kind, Kind::Var("".into()));
    let Kind::Regex { pattern, flags } = root("/a[/]b/i").kind else {
        panic!("regex")
    };
    assert_eq!((pattern.as_str(), flags.as_str()), ("a[/]b", "i"));
}

#[test]
fn precedence_follows_the_reference() {
    let Kind::Binary { op, rhs, .. } = root("1 + 2 * 3").kind else {
        panic!()
    };
    assert_eq!(op, BinaryOp::Add);
    assert!(matches!(
        rhs.kind,
        Kind::Binary {
            op: BinaryOp::Mul,
            ..
        }
    ));
    let Kind::Binary { op, .. } = root("a = 1 and b or c").kind else {
        panic!()
    };
    assert_eq!(op, BinaryOp::Or);
    // `/` after an operand divides, before one it starts a regex.
    assert!(matches!(
        root("a / 2").kind,
        Kind::Binary {
            op: BinaryOp::Div,
            ..
        }
    ));
    assert!(matches!(root("$match(s, /x/)").kind, Kind::Call { .. }));
    assert!(matches!(
        root("x ?? 1").kind,
        Kind::Binary {
            op: BinaryOp::Coalesce,
            ..
        }
    ));
    assert!(matches!(
        root("x ?: 1").kind,
        Kind::Binary {
            op: BinaryOp::Default,
            ..
        }
    ));
    assert!(matches!(root("a ? b : c").kind, Kind::Condition { .. }));
    assert!(matches!(root("$x := 1").kind, Kind::Bind { .. }));
    assert!(matches!(root("a ~> $f()").kind, Kind::Apply { .. }));
}

#[test]
fn paths_and_step_operators_have_spans() {
    let expr = "Account.Order[0].`Product Name`.$lowercase()";
    let ast = parse(expr).unwrap();
    let steps: Vec<_> = ast
        .top_level_steps()
        .iter()
        .map(|s| text(expr, s))
        .collect();
    assert_eq!(
        steps,
        ["Account", "Order[0]", "`Product Name`", "$lowercase()"]
    );
    assert_eq!(text(expr, &ast.root), expr);
    // Grouping binds more loosely than `.`: it applies to the whole path.
    let Kind::Group { lhs, .. } = root("a.b{'k': c}").kind else {
        panic!("group")
    };
    assert!(matches!(lhs.kind, Kind::Path(_)));
    let ast = parse("a.b^(c){'k': d}").unwrap();
    assert_eq!(ast.top_level_steps().len(), 2);
    assert_eq!(parse("1 + a.b").unwrap().top_level_steps().len(), 1);
    let expr = "Order@$o#$i.Product^(>Price, Name)[]";
    let ast = parse(expr).unwrap();
    assert!(matches!(ast.root.kind, Kind::KeepArray(_)));
    assert!(
        ast.nodes()
            .any(|n| matches!(&n.kind, Kind::Focus { var, .. } if var.name == "o"))
    );
    assert!(
        ast.nodes()
            .any(|n| matches!(&n.kind, Kind::Index { var, .. } if var.name == "i"))
    );
    assert!(matches!(root("**.a").kind, Kind::Path(_)));
    assert!(matches!(root("a.*").kind, Kind::Path(_)));
    assert!(matches!(root("a.b.%.c").kind, Kind::Path(_)));
}

#[test]
fn constructors_lambdas_transforms() {
    let expr =
        "( $f := function($x, $y)<n-n:n>{ $x + $y }; $g := $f(?, 2); [1..3, {\"k\": $g(1)}] )";
    let ast = parse(expr).unwrap();
    let Some(Kind::Lambda {
        params, signature, ..
    }) = ast
        .nodes()
        .map(|n| &n.kind)
        .find(|k| matches!(k, Kind::Lambda { .. }))
    else {
        panic!("no lambda")
    };
    assert_eq!(params.len(), 2);
    assert_eq!(&expr[params[1].span.start..params[1].span.end], "$y");
    let signature = signature.as_ref().unwrap();
    assert_eq!(signature.text, "<n-n:n>");
    assert_eq!(signature.params.len(), 2);
    assert!(signature.params[0].context);
    assert_eq!(signature.result.as_deref(), Some("n"));
    assert!(
        ast.nodes()
            .any(|n| matches!(n.kind, Kind::Call { partial: true, .. }))
    );
    assert!(ast.nodes().any(|n| matches!(
        n.kind,
        Kind::Binary {
            op: BinaryOp::Range,
            ..
        }
    )));
    assert!(matches!(root("λ($x){$x}").kind, Kind::Lambda { .. }));
    assert!(matches!(
        root("$ ~> |a|{'b': 1}, ['c']|").kind,
        Kind::Apply { .. }
    ));
    assert!(matches!(root("/* c */ 1 /* d */").kind, Kind::Num(_)));
}

#[test]
fn walker_lists_calls_and_variables_with_spans() {
    let expr = "$sum($states.input.items.price) + $count($x)";
    let ast = parse(expr).unwrap();
    let calls: Vec<_> = ast
        .function_calls()
        .map(|(name, span)| (name, &expr[span.start..span.end]))
        .collect();
    assert_eq!(calls, [("sum", "$sum"), ("count", "$count")]);
    let vars: Vec<_> = ast.variable_refs().map(|(name, _)| name).collect();
    assert_eq!(vars, ["sum", "states", "count", "x"]);
}

#[test]
fn error_codes_and_offsets() {
    assert_eq!(err("\"abc"), ("S0101", 0));
    assert_eq!(err("1e999"), ("S0102", 0));
    assert_eq!(err(r#""\q""#), ("S0103", 1));
    assert_eq!(err(r#""\u12x4""#), ("S0104", 1));
    assert_eq!(err("`abc"), ("S0105", 0));
    assert_eq!(err("1 /* x"), ("S0106", 2));
    assert_eq!(err("a b"), ("S0201", 2));
    assert_eq!(err("[1, 2)"), ("S0202", 5));
    assert_eq!(err("f(1"), ("S0203", 3));
    assert_eq!(err("1 ! 2"), ("S0204", 2));
    assert_eq!(err("1 ="), ("S0207", 3));
    assert_eq!(err("function(x){1}"), ("S0208", 9));
    assert_eq!(err("a{'x': 1}[0]").0, "S0209");
    assert_eq!(err("a{'x': 1}{'y': 2}").0, "S0210");
    assert_eq!(err("@ a"), ("S0211", 0));
    assert_eq!(err("x := 1"), ("S0212", 0));
    assert_eq!(err("a.2").0, "S0213");
    assert_eq!(err("a@b"), ("S0214", 2));
    assert_eq!(err("a[0]@$x").0, "S0215");
    assert_eq!(err("a^(b)@$x").0, "S0216");
    assert_eq!(err("%").0, "S0217");
    assert_eq!(err("a ~> //"), ("S0301", 5));
    assert_eq!(err("a ~> /x"), ("S0302", 5));
    assert_eq!(err("λ($x)<n<n>>{$x}").0, "S0401");
    assert_eq!(err("λ($x)<(na<n>)>{$x}").0, "S0402");
}

#[test]
fn offsets_are_bytes() {
    let e = parse("'é' é é").unwrap_err();
    assert_eq!((e.code, e.offset, e.end), ("S0201", 5, 7));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "(".repeat(100_000);
    assert_eq!(parse(&deep).unwrap_err().code, "L0001");
    let deep = format!(
        "{}1{}",
        "[".repeat(MAX_DEPTH + 5),
        "]".repeat(MAX_DEPTH + 5)
    );
    assert_eq!(parse(&deep).unwrap_err().code, "L0001");
    let long = vec!["a"; 100_000].join(" + ");
    assert_eq!(parse(&long).unwrap_err().code, "L0001");
    let minus = "-".repeat(100_000);
    assert_eq!(parse(&minus).unwrap_err().code, "L0001");
    let fine = format!("{}1{}", "(".repeat(60), ")".repeat(60));
    assert!(parse(&fine).is_ok());
}

#[test]
fn random_input_never_panics() {
    const ALPHABET: &[&str] = &[
        "(", ")", "[", "]", "{", "}", ".", "..", ",", ";", ":", ":=", "?", "??", "?:", "$", "$x",
        "a", "b", "1", "2.5e3", "\"s\"", "'t", "\\", "`", "/", "/*", "*/", "*", "**", "%", "@",
        "#", "^", "<", ">", "=", "!", "~>", "|", "&", "-", "+", "λ", "function", "é", " ", "\n",
        "and", "or", "in", "true", "null", "\\u", "0",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let expr: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        if let Err(e) = parse(&expr) {
            assert!(e.offset <= e.end && e.end <= expr.len(), "{expr:?}: {e:?}");
            assert!(expr.is_char_boundary(e.offset), "{expr:?}: {e:?}");
        }
    }
}
