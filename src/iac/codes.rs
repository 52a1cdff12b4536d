//! The findings of template extraction (rules.md 5.16).

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `${Name}` placeholder in a state machine definition inside a template that
    /// nothing declares: not a key of the resource's `DefinitionSubstitutions`, and, in text
    /// built with `Fn::Sub`, not a template parameter, a resource, a variable of the `Fn::Sub`
    /// or a pseudo parameter (`AWS::Region`).
    ///
    /// ## Why is this bad?
    /// CloudFormation replaces only the placeholders it knows (rules.md 5.16; cfn-lint E1029):
    /// the others reach Step Functions as they are, where `${LambdaArn}` is not an ARN, or the
    /// stack fails to deploy with an unresolved variable.
    ///
    /// ## Example
    /// ```yaml
    /// Definition:
    ///   StartAt: A
    ///   States:
    ///     A: { Type: Task, Resource: "${ProcessArn}", End: true }
    /// DefinitionSubstitutions:
    ///   ProcesArn: !GetAtt Process.Arn
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// DefinitionSubstitutions:
    ///   ProcessArn: !GetAtt Process.Arn
    /// ```
    pub static UNDECLARED_SUBSTITUTION = {
        name: "undeclared-substitution",
        severity: Error,
        aws_code: None,
        summary: "a `${...}` placeholder in a template's definition that nothing declares",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a key of `DefinitionSubstitutions` that no `${Key}` placeholder of the
    /// definition uses.
    ///
    /// ## Why is this bad?
    /// It is usually a typo in the key or in the placeholder, or a leftover after the
    /// definition changed: the value the key carries never reaches the state machine.
    ///
    /// ## Example
    /// ```yaml
    /// DefinitionSubstitutions:
    ///   ProcessArn: !GetAtt Process.Arn
    ///   OldTopic: !Ref Topic
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// DefinitionSubstitutions:
    ///   ProcessArn: !GetAtt Process.Arn
    /// ```
    pub static UNUSED_SUBSTITUTION = {
        name: "unused-substitution",
        severity: Warning,
        aws_code: None,
        summary: "a `DefinitionSubstitutions` key that the definition never uses",
    }
}

declare_rule! {
    /// ## What it does
    /// Says which state machine definitions of a template were not checked because they are
    /// not written in the template or in a local file: `DefinitionS3Location`, an S3
    /// `DefinitionUri`, a local `DefinitionUri` that does not exist, a Serverless `${file(...)}`
    /// reference, or a definition computed by an intrinsic function such as `Fn::If`.
    ///
    /// ## Why is this bad?
    /// Nothing is wrong with the template; the finding only says that the linter did not see
    /// this definition (rules.md 5.16), so a clean run does not vouch for it.
    ///
    /// ## Example
    /// ```yaml
    /// DefinitionS3Location:
    ///   Bucket: my-bucket
    ///   Key: machine.asl.json
    /// ```
    ///
    /// Use instead: check the definition file itself, or keep it beside the template:
    /// ```yaml
    /// DefinitionUri: statemachine/machine.asl.json
    /// ```
    pub static DEFINITION_NOT_LOCAL = {
        name: "definition-not-local",
        severity: Info,
        aws_code: None,
        summary: "a template's definition that is not in the template or a local file, so not checked",
    }
}
