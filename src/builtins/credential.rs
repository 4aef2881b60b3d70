//! Credentials and object construction: Get-Credential, ConvertTo-SecureString,
//! ConvertFrom-SecureString, New-Object.
//!
//! Passwords live in `SecretString` from the moment they are read; the only command that
//! shows one in clear text is `ConvertFrom-SecureString -AsPlainText`, as in PowerShell.

use std::io::IsTerminal;
use std::rc::Rc;

use secrecy::{ExposeSecret, SecretString};

use crate::builtins::{fail, make_record, text};
use crate::cmd::spec::{CmdletSpec, Example, Ty, param};
use crate::cmd::{Bound, FnCommand, Sink};
use crate::eval::Interp;
use crate::eval::error::{ErrorCategory, Flow};
use crate::eval::value::{Credential, PropMap, Value};

/// What `$cred.GetNetworkCredential()` returns. Its `Password` is the one way to the clear text
/// (language.md §4), so its default display shows `UserName` and `Domain` only, as PowerShell
/// does; the password shows only when asked for by name (`.Password`, `Format-List *`).
pub static NETWORK_CREDENTIAL: crate::eval::value::TypeInfo = crate::eval::value::TypeInfo {
    name: "System.Net.NetworkCredential",
    also: &["NetworkCredential"],
    to_string: |_| "System.Net.NetworkCredential".into(),
    identity: None,
    table_view: &[("UserName", 0), ("Domain", 0)],
    group_by: None,
};

/// `Get-Credential`.
pub static GET_CREDENTIAL: CmdletSpec = CmdletSpec {
    description: "Asks for a user name and password (on a terminal) and outputs a credential. Without a terminal it fails: build the credential with ConvertTo-SecureString and [pscredential]::new instead.",
    params: &[
        param("Credential", Ty::Credential)
            .position(0)
            .help("A user name to ask the password for, or a credential to pass through."),
        param("UserName", Ty::Str).help("The user name (only the password is asked for)."),
        param("Message", Ty::Str).help("Text shown above the prompt."),
        param("Title", Ty::Str).help("Accepted for compatibility."),
    ],
    examples: &[Example {
        code: "$cred = Get-Credential -UserName alice",
        about: "Asks for alice's password.",
    }],
    ..CmdletSpec::new("Get-Credential", "Asks for a credential.", || {
        Box::new(FnCommand(get_credential))
    })
};

fn get_credential(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    if let Some(v @ Value::Credential(_)) = b.get("Credential") {
        return out.emit(it, v.clone());
    }
    let user = b.str("UserName").or_else(|| b.get("Credential").map(text));
    let on_tty = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !on_tty {
        return Err(fail(
            "Get-Credential",
            ErrorCategory::InvalidOperation,
            "cannot prompt for a password: no terminal. Use ConvertTo-SecureString -AsPlainText -Force and [pscredential]::new($user, $secure) (or New-Object PSCredential) instead.",
        ));
    }
    it.host.flush();
    if let Some(m) = b.str("Message") {
        it.host.err_line(&m);
    }
    let cancelled = |e: dialoguer::Error| {
        fail(
            "Get-Credential",
            ErrorCategory::OperationStopped,
            format!("The prompt was cancelled: {e}."),
        )
    };
    let user = match user {
        Some(u) => u,
        None => dialoguer::Input::<String>::new()
            .with_prompt("User")
            .interact_text()
            .map_err(cancelled)?,
    };
    let password = dialoguer::Password::new()
        .with_prompt(format!("Password for user {user}"))
        .interact()
        .map_err(cancelled)?;
    let cred = Credential {
        user,
        password: SecretString::from(password),
    };
    out.emit(it, Value::Credential(Rc::new(cred)))
}

/// `ConvertTo-SecureString`.
pub static CONVERTTO_SECURESTRING: CmdletSpec = CmdletSpec {
    description: "Turns plain text into a secure string (-AsPlainText; -Force is accepted). Encrypted standard strings are not supported.",
    params: &[
        param("String", Ty::Str)
            .mandatory()
            .position(0)
            .by_value()
            .help("The text to protect."),
        param("AsPlainText", Ty::Switch).help("The input is plain text (required)."),
        param("Force", Ty::Switch).help("Confirms that plain text is intended."),
    ],
    examples: &[Example {
        code: "$secure = ConvertTo-SecureString $env:JIRA_TOKEN -AsPlainText -Force",
        about: "A secure string from an environment variable.",
    }],
    ..CmdletSpec::new(
        "ConvertTo-SecureString",
        "Converts text to a secure string.",
        || Box::new(FnCommand(to_secure)),
    )
};

fn to_secure(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    if !b.switch("AsPlainText") {
        return Err(fail(
            "ConvertTo-SecureString",
            ErrorCategory::InvalidArgument,
            "Only plain text input is supported: add -AsPlainText -Force.",
        ));
    }
    let s = b.str("String").unwrap_or_default();
    out.emit(it, Value::SecureString(Rc::new(SecretString::from(s))))
}

/// `ConvertFrom-SecureString`.
pub static CONVERTFROM_SECURESTRING: CmdletSpec = CmdletSpec {
    description: "Reveals the text of a secure string (-AsPlainText). Encrypted output is not supported.",
    params: &[
        param("SecureString", Ty::SecureString)
            .mandatory()
            .position(0)
            .by_value()
            .help("The secure string."),
        param("AsPlainText", Ty::Switch).help("Outputs the clear text (required)."),
    ],
    examples: &[Example {
        code: "$plain = $secure | ConvertFrom-SecureString -AsPlainText",
        about: "The text of a secure string.",
    }],
    ..CmdletSpec::new(
        "ConvertFrom-SecureString",
        "Converts a secure string to text.",
        || Box::new(FnCommand(from_secure)),
    )
};

fn from_secure(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    if !b.switch("AsPlainText") {
        return Err(fail(
            "ConvertFrom-SecureString",
            ErrorCategory::InvalidArgument,
            "Only plain text output is supported: add -AsPlainText.",
        ));
    }
    match b.get("SecureString") {
        Some(Value::SecureString(s)) => out.emit(it, Value::str(s.expose_secret())),
        _ => Ok(()),
    }
}

/// `New-Object`.
pub static NEW_OBJECT: CmdletSpec = CmdletSpec {
    description: "Creates an object of a supported type: PSCredential (user, secure string), PSObject/PSCustomObject (with -Property), hashtable, System.Collections.ArrayList and System.Collections.Generic.List[…] (arrays).",
    params: &[
        param("TypeName", Ty::Str)
            .mandatory()
            .position(0)
            .help("The type to create."),
        param("ArgumentList", Ty::Any)
            .array()
            .position(1)
            .aliases(&["Args"])
            .help("Constructor arguments."),
        param("Property", Ty::Hashtable).help("Properties to set on the new object."),
    ],
    examples: &[
        Example {
            code: "New-Object System.Management.Automation.PSCredential ('alice', (ConvertTo-SecureString 'pw' -AsPlainText -Force))",
            about: "A credential.",
        },
        Example {
            code: "New-Object PSObject -Property @{ Key = 'T-1'; Votes = 3 }",
            about: "A record.",
        },
    ],
    ..CmdletSpec::new("New-Object", "Creates an object.", || {
        Box::new(FnCommand(new_object))
    })
};

fn new_object(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let ty = b.str("TypeName").unwrap_or_default();
    let lower = ty.to_ascii_lowercase();
    let short = lower.strip_prefix("system.").unwrap_or(&lower);
    let args = b.list("ArgumentList");
    let props: PropMap = match b.get("Property") {
        Some(Value::Hashtable(h)) => h.borrow().clone(),
        _ => PropMap::new(),
    };
    let v = match short {
        "management.automation.pscredential" | "pscredential" => {
            let [user, pass] = args.as_slice() else {
                return Err(fail(
                    "New-Object",
                    ErrorCategory::InvalidArgument,
                    "PSCredential needs two arguments: a user name and a secure string.",
                ));
            };
            let password = match pass {
                Value::SecureString(s) => (**s).clone(),
                other => {
                    return Err(fail(
                        "New-Object",
                        ErrorCategory::InvalidArgument,
                        format!(
                            "Cannot convert argument \"password\", with value: \"{}\", to type \"System.Security.SecureString\". Use ConvertTo-SecureString -AsPlainText -Force.",
                            other.type_name()
                        ),
                    ));
                }
            };
            Value::Credential(Rc::new(Credential {
                user: text(user),
                password,
            }))
        }
        "management.automation.psobject"
        | "psobject"
        | "management.automation.pscustomobject"
        | "pscustomobject"
        | "object" => make_record(
            None,
            props
                .iter()
                .map(|(k, v)| (k.to_owned(), v.clone()))
                .collect(),
        ),
        "collections.hashtable" | "hashtable" => Value::hashtable(props),
        _ if short == "collections.arraylist" || short.starts_with("collections.generic.list") => {
            // A list starts empty unless given a collection to copy.
            Value::array(
                args.first()
                    .map(|a| a.clone().enumerate())
                    .unwrap_or_default(),
            )
        }
        _ => {
            return Err(fail(
                "New-Object",
                ErrorCategory::InvalidType,
                format!(
                    "Cannot find type [{ty}]: verify that the assembly containing this type is loaded."
                ),
            ));
        }
    };
    out.emit(it, v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testkit::{n, p, run, texts};

    #[test]
    fn secure_string_round_trip() {
        let out = run(
            &CONVERTTO_SECURESTRING,
            vec![p("pw"), n("AsPlainText"), n("Force")],
            None,
        )
        .unwrap();
        assert!(matches!(out[0], Value::SecureString(_)));
        assert_eq!(format!("{:?}", out[0]), "System.Security.SecureString");
        let back = run(&CONVERTFROM_SECURESTRING, vec![n("AsPlainText")], Some(out)).unwrap();
        assert_eq!(texts(&back), ["pw"]);
        assert!(run(&CONVERTTO_SECURESTRING, vec![p("pw")], None).is_err());
    }

    #[test]
    fn new_object_credential_record_list() {
        let sec = run(
            &CONVERTTO_SECURESTRING,
            vec![p("pw"), n("AsPlainText")],
            None,
        )
        .unwrap()
        .remove(0);
        let out = run(
            &NEW_OBJECT,
            vec![
                p("System.Management.Automation.PSCredential"),
                p(Value::array(vec!["alice".into(), sec])),
            ],
            None,
        )
        .unwrap();
        assert!(matches!(&out[0], Value::Credential(c) if c.user == "alice"));
        assert!(!format!("{:?}", out[0]).contains("pw"));
        let mut h = PropMap::new();
        h.insert("Key", "T-1".into());
        let out = run(
            &NEW_OBJECT,
            vec![p("PSObject"), n("Property"), p(Value::hashtable(h))],
            None,
        )
        .unwrap();
        assert_eq!(text(&out[0].property("Key")), "T-1");
        let out = run(&NEW_OBJECT, vec![p("System.Collections.ArrayList")], None).unwrap();
        assert!(matches!(&out[0], Value::Array(a) if a.borrow().is_empty()));
        assert!(run(&NEW_OBJECT, vec![p("System.Net.WebClient")], None).is_err());
    }

    #[test]
    fn get_credential_without_terminal_fails_clearly() {
        if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            return;
        }
        let e = run(&GET_CREDENTIAL, vec![n("UserName"), p("bob")], None).unwrap_err();
        let Flow::Error(rec) = e else {
            panic!("expected an error")
        };
        assert!(
            rec.to_string()
                .starts_with("Get-Credential: cannot prompt for a password: no terminal.")
        );
    }
}
