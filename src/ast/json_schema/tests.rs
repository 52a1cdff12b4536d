use super::*;

/// The names in every `properties` map of the schema.
fn property_names(schema: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    names.extend(properties.keys().cloned());
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    names
}

#[test]
fn every_table_is_generated() {
    let walked: &[&[FieldSpec]] = &[
        fields::MACHINE,
        fields::STATE,
        fields::BRANCH,
        fields::ITEM_PROCESSOR,
        fields::CHOICE_RULE,
    ];
    for table in fields::ALL_TABLES {
        let known = walked.iter().any(|t| std::ptr::eq(*t, *table))
            || PLAIN.iter().any(|(_, (t, _))| std::ptr::eq(*t, *table));
        assert!(
            known,
            "a table starting with `{}` is not in PLAIN",
            table[0].name
        );
    }
    let names = property_names(&generate());
    for table in fields::ALL_TABLES {
        for row in *table {
            assert!(
                names.iter().any(|n| n == row.name),
                "`{}` is in no definition",
                row.name
            );
        }
    }
    for (op, _) in fields::OPERATORS {
        assert!(
            names.iter().any(|n| n == op.name),
            "`{}` is in no definition",
            op.name
        );
    }
}

#[test]
fn nested_fields_name_objects_with_tables() {
    for (field, kind) in NESTED {
        assert!(
            fields::ALL_TABLES
                .iter()
                .any(|t| t.iter().any(|f| f.name == *field)),
            "`{field}` is no field"
        );
        if let Nested::Plain(name) = kind {
            assert!(
                PLAIN.iter().any(|(n, _)| n == name),
                "`{name}` has no table"
            );
        }
    }
}
