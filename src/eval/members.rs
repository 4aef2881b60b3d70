//! The member catalog: what each kind of value answers to, as `Get-Member` lists it. The
//! catalog is data; [`crate::eval::methods`] implements the members, and a test below checks
//! that every method and property listed here is one it actually answers to.

use crate::eval::convert;
use crate::eval::value::Value;

/// The kinds of member `Get-Member` reports (its `MemberType` column and `-MemberType` filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    /// A method (`.ToUpper()`).
    Method,
    /// A property of the value's type (`.Length`).
    Property,
    /// A property of a record or hashtable entry added by a script or by jirash
    /// (`[pscustomobject]@{ Key = 1 }.Key`).
    NoteProperty,
    /// A property computed by a script (a date's `DateTime`).
    ScriptProperty,
    /// Another name for a property (an array's `Count` for `Length`).
    AliasProperty,
}

impl MemberKind {
    /// Every kind, in the order `Get-Member` sorts them.
    pub const ALL: [MemberKind; 5] = [
        MemberKind::AliasProperty,
        MemberKind::Method,
        MemberKind::NoteProperty,
        MemberKind::Property,
        MemberKind::ScriptProperty,
    ];

    /// The name PowerShell gives the kind.
    pub fn name(self) -> &'static str {
        match self {
            MemberKind::Method => "Method",
            MemberKind::Property => "Property",
            MemberKind::NoteProperty => "NoteProperty",
            MemberKind::ScriptProperty => "ScriptProperty",
            MemberKind::AliasProperty => "AliasProperty",
        }
    }

    /// True when `filter` (a `-MemberType` value: a kind, `Properties`, `Methods` or `All`,
    /// any case) selects this kind.
    pub fn matches(self, filter: &str) -> bool {
        match filter.to_ascii_lowercase().as_str() {
            "all" => true,
            "properties" => self != MemberKind::Method,
            "methods" => self == MemberKind::Method,
            f => self.name().eq_ignore_ascii_case(f),
        }
    }
}

/// Values `Get-Member -MemberType` accepts.
pub const MEMBER_TYPE_NAMES: &[&str] = &[
    "AliasProperty",
    "Method",
    "NoteProperty",
    "Property",
    "ScriptProperty",
    "Properties",
    "Methods",
    "All",
];

/// One member of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The member's name as PowerShell spells it.
    pub name: String,
    /// Its kind.
    pub kind: MemberKind,
    /// Its signature (`string ToUpper()`) or, for a note property, type and value
    /// (`string Key=TEST-1`).
    pub definition: String,
}

/// Methods every value has.
const OBJECT_METHODS: &[(&str, &str)] = &[
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("ToString", "string ToString()"),
];

const NUMBER_METHODS: &[(&str, &str)] = &[
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    (
        "ToString",
        "string ToString(), string ToString(string format)",
    ),
];

const STRING_METHODS: &[(&str, &str)] = &[
    ("CompareTo", "int CompareTo(string strB)"),
    (
        "Contains",
        "bool Contains(string value), bool Contains(string value, System.StringComparison comparisonType)",
    ),
    (
        "EndsWith",
        "bool EndsWith(string value), bool EndsWith(string value, System.StringComparison comparisonType)",
    ),
    (
        "Equals",
        "bool Equals(System.Object obj), bool Equals(string value, System.StringComparison comparisonType)",
    ),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    (
        "IndexOf",
        "int IndexOf(string value), int IndexOf(string value, int startIndex), int IndexOf(string value, System.StringComparison comparisonType)",
    ),
    ("Insert", "string Insert(int startIndex, string value)"),
    (
        "LastIndexOf",
        "int LastIndexOf(string value), int LastIndexOf(string value, System.StringComparison comparisonType)",
    ),
    (
        "PadLeft",
        "string PadLeft(int totalWidth), string PadLeft(int totalWidth, char paddingChar)",
    ),
    (
        "PadRight",
        "string PadRight(int totalWidth), string PadRight(int totalWidth, char paddingChar)",
    ),
    (
        "Remove",
        "string Remove(int startIndex), string Remove(int startIndex, int count)",
    ),
    (
        "Replace",
        "string Replace(string oldValue, string newValue)",
    ),
    (
        "Split",
        "string[] Split(string separator), string[] Split(char[] separator), string[] Split(string separator, int count), string[] Split(string separator, System.StringSplitOptions options)",
    ),
    (
        "StartsWith",
        "bool StartsWith(string value), bool StartsWith(string value, System.StringComparison comparisonType)",
    ),
    (
        "Substring",
        "string Substring(int startIndex), string Substring(int startIndex, int length)",
    ),
    ("ToCharArray", "char[] ToCharArray()"),
    ("ToLower", "string ToLower()"),
    ("ToLowerInvariant", "string ToLowerInvariant()"),
    ("ToString", "string ToString()"),
    ("ToUpper", "string ToUpper()"),
    ("ToUpperInvariant", "string ToUpperInvariant()"),
    (
        "Trim",
        "string Trim(), string Trim(params char[] trimChars)",
    ),
    (
        "TrimEnd",
        "string TrimEnd(), string TrimEnd(params char[] trimChars)",
    ),
    (
        "TrimStart",
        "string TrimStart(), string TrimStart(params char[] trimChars)",
    ),
];

const ARRAY_METHODS: &[(&str, &str)] = &[
    ("Add", "int Add(System.Object value)"),
    ("Clear", "void Clear()"),
    ("Clone", "System.Object Clone()"),
    ("Contains", "bool Contains(System.Object value)"),
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("IndexOf", "int IndexOf(System.Object value)"),
    ("Insert", "void Insert(int index, System.Object value)"),
    ("Remove", "void Remove(System.Object value)"),
    ("RemoveAt", "void RemoveAt(int index)"),
    ("ToString", "string ToString()"),
];

const HASHTABLE_METHODS: &[(&str, &str)] = &[
    ("Add", "void Add(System.Object key, System.Object value)"),
    ("Clear", "void Clear()"),
    ("Clone", "System.Object Clone()"),
    ("Contains", "bool Contains(System.Object key)"),
    ("ContainsKey", "bool ContainsKey(System.Object key)"),
    ("ContainsValue", "bool ContainsValue(System.Object value)"),
    ("Equals", "bool Equals(System.Object obj)"),
    (
        "GetEnumerator",
        "System.Collections.IDictionaryEnumerator GetEnumerator()",
    ),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("Remove", "void Remove(System.Object key)"),
    ("ToString", "string ToString()"),
];

const HASHTABLE_PROPS: &[(&str, &str)] = &[
    ("Count", "int Count {get;}"),
    ("Keys", "System.Collections.ICollection Keys {get;}"),
    ("Values", "System.Collections.ICollection Values {get;}"),
];

const DATE_METHODS: &[(&str, &str)] = &[
    ("Add", "datetime Add(timespan value)"),
    ("AddDays", "datetime AddDays(double value)"),
    ("AddHours", "datetime AddHours(double value)"),
    ("AddMilliseconds", "datetime AddMilliseconds(double value)"),
    ("AddMinutes", "datetime AddMinutes(double value)"),
    ("AddMonths", "datetime AddMonths(int months)"),
    ("AddSeconds", "datetime AddSeconds(double value)"),
    ("AddYears", "datetime AddYears(int value)"),
    ("CompareTo", "int CompareTo(System.Object value)"),
    ("Equals", "bool Equals(System.Object value)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    (
        "Subtract",
        "timespan Subtract(datetime value), datetime Subtract(timespan value)",
    ),
    ("ToLocalTime", "datetime ToLocalTime()"),
    ("ToLongDateString", "string ToLongDateString()"),
    ("ToLongTimeString", "string ToLongTimeString()"),
    ("ToShortDateString", "string ToShortDateString()"),
    ("ToShortTimeString", "string ToShortTimeString()"),
    (
        "ToString",
        "string ToString(), string ToString(string format)",
    ),
    ("ToUniversalTime", "datetime ToUniversalTime()"),
];

const DATE_PROPS: &[(&str, &str)] = &[
    ("Date", "datetime Date {get;}"),
    ("Day", "int Day {get;}"),
    ("DayOfWeek", "System.DayOfWeek DayOfWeek {get;}"),
    ("DayOfYear", "int DayOfYear {get;}"),
    ("Hour", "int Hour {get;}"),
    ("Millisecond", "int Millisecond {get;}"),
    ("Minute", "int Minute {get;}"),
    ("Month", "int Month {get;}"),
    ("Second", "int Second {get;}"),
    ("Ticks", "long Ticks {get;}"),
    ("TimeOfDay", "timespan TimeOfDay {get;}"),
    ("Year", "int Year {get;}"),
];

const TIMESPAN_METHODS: &[(&str, &str)] = &[
    ("Add", "timespan Add(timespan ts)"),
    ("Equals", "bool Equals(System.Object value)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("Negate", "timespan Negate()"),
    ("Subtract", "timespan Subtract(timespan ts)"),
    ("ToString", "string ToString()"),
];

const TIMESPAN_PROPS: &[(&str, &str)] = &[
    ("Days", "int Days {get;}"),
    ("Hours", "int Hours {get;}"),
    ("Milliseconds", "int Milliseconds {get;}"),
    ("Minutes", "int Minutes {get;}"),
    ("Seconds", "int Seconds {get;}"),
    ("Ticks", "long Ticks {get;}"),
    ("TotalDays", "double TotalDays {get;}"),
    ("TotalHours", "double TotalHours {get;}"),
    ("TotalMilliseconds", "double TotalMilliseconds {get;}"),
    ("TotalMinutes", "double TotalMinutes {get;}"),
    ("TotalSeconds", "double TotalSeconds {get;}"),
];

const CREDENTIAL_METHODS: &[(&str, &str)] = &[
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    (
        "GetNetworkCredential",
        "System.Net.NetworkCredential GetNetworkCredential()",
    ),
    ("GetType", "type GetType()"),
    ("ToString", "string ToString()"),
];

const CREDENTIAL_PROPS: &[(&str, &str)] = &[
    ("Password", "securestring Password {get;}"),
    ("UserName", "string UserName {get;}"),
];

const SCRIPTBLOCK_METHODS: &[(&str, &str)] = &[
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    (
        "Invoke",
        "System.Collections.ObjectModel.Collection[psobject] Invoke(Params System.Object[] args)",
    ),
    ("ToString", "string ToString()"),
];

const TYPE_PROPS: &[(&str, &str)] = &[
    ("FullName", "string FullName {get;}"),
    ("Name", "string Name {get;}"),
];

/// The name PowerShell uses for a type inside a definition: its accelerator (`int`, `string`,
/// `datetime`, …) where it has one, else the .NET name.
pub fn definition_type(v: &Value) -> String {
    match v {
        Value::Null => "object".into(),
        Value::Bool(_) => "bool".into(),
        Value::Int(i) if i32::try_from(*i).is_ok() => "int".into(),
        Value::Int(_) => "long".into(),
        Value::Double(_) => "double".into(),
        Value::Str(_) => "string".into(),
        Value::Array(_) => "Object[]".into(),
        Value::Hashtable(_) => "hashtable".into(),
        Value::DateTime(_) => "datetime".into(),
        Value::TimeSpan(_) => "timespan".into(),
        Value::SecureString(_) => "securestring".into(),
        Value::Credential(_) => "pscredential".into(),
        Value::ScriptBlock(_) => "scriptblock".into(),
        Value::Type(_) => "type".into(),
        Value::Record(r) => r.borrow().type_name().to_owned(),
    }
}

fn note(name: &str, v: &Value) -> Member {
    let definition = if v.is_null() {
        format!("object {name}=null")
    } else {
        format!("{} {name}={}", definition_type(v), convert::to_string(v))
    };
    Member {
        name: name.to_owned(),
        kind: MemberKind::NoteProperty,
        definition,
    }
}

fn listed(out: &mut Vec<Member>, kind: MemberKind, table: &[(&str, &str)]) {
    out.extend(table.iter().map(|(n, d)| Member {
        name: (*n).to_owned(),
        kind,
        definition: (*d).to_owned(),
    }));
}

/// The members of `v`, sorted as `Get-Member` sorts them: by kind, then by name.
pub fn members(v: &Value) -> Vec<Member> {
    use MemberKind::*;
    let mut out = Vec::new();
    match v {
        Value::Null => {}
        Value::Str(_) => {
            listed(&mut out, Method, STRING_METHODS);
            listed(&mut out, Property, &[("Length", "int Length {get;}")]);
        }
        Value::Int(_) | Value::Double(_) => listed(&mut out, Method, NUMBER_METHODS),
        Value::Bool(_) => listed(&mut out, Method, OBJECT_METHODS),
        Value::Array(_) => {
            listed(&mut out, AliasProperty, &[("Count", "Count = Length")]);
            listed(&mut out, Method, ARRAY_METHODS);
            listed(&mut out, Property, &[("Length", "int Length {get;}")]);
        }
        Value::Hashtable(_) => {
            listed(&mut out, Method, HASHTABLE_METHODS);
            listed(&mut out, Property, HASHTABLE_PROPS);
        }
        Value::Record(r) => {
            listed(&mut out, Method, OBJECT_METHODS);
            let r = r.borrow();
            out.extend(r.props.iter().map(|(k, v)| note(k, v)));
        }
        Value::DateTime(_) => {
            listed(&mut out, Method, DATE_METHODS);
            listed(&mut out, Property, DATE_PROPS);
            listed(
                &mut out,
                ScriptProperty,
                &[("DateTime", "string DateTime {get;}")],
            );
        }
        Value::TimeSpan(_) => {
            listed(&mut out, Method, TIMESPAN_METHODS);
            listed(&mut out, Property, TIMESPAN_PROPS);
        }
        Value::SecureString(_) => {
            listed(&mut out, Method, OBJECT_METHODS);
            listed(&mut out, Property, &[("Length", "int Length {get;}")]);
        }
        Value::Credential(_) => {
            listed(&mut out, Method, CREDENTIAL_METHODS);
            listed(&mut out, Property, CREDENTIAL_PROPS);
        }
        Value::ScriptBlock(_) => listed(&mut out, Method, SCRIPTBLOCK_METHODS),
        Value::Type(_) => {
            listed(&mut out, Method, OBJECT_METHODS);
            listed(&mut out, Property, TYPE_PROPS);
        }
    }
    let rank = |k: MemberKind| MemberKind::ALL.iter().position(|x| *x == k);
    out.sort_by_cached_key(|m| (rank(m.kind), m.name.to_lowercase()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::methods;
    use crate::eval::value::{PropMap, RecordData};

    fn samples() -> Vec<Value> {
        let mut p = PropMap::new();
        p.insert("Key", Value::str("T-1"));
        let secret = std::rc::Rc::new(secrecy::SecretString::from("pw".to_string()));
        vec![
            Value::str("abc"),
            Value::Int(1),
            Value::Double(1.5),
            Value::Bool(true),
            Value::array(vec![Value::Int(1)]),
            Value::hashtable(p.clone()),
            Value::record(RecordData::custom(p)),
            Value::DateTime(convert::parse_date("2026-03-04T05:06:07Z").unwrap()),
            Value::TimeSpan(jiff::SignedDuration::from_secs(90)),
            Value::SecureString(secret.clone()),
            convert::credential("alice", &secret),
            Value::Type("int".into()),
        ]
    }

    /// Script blocks are left out: their `Invoke` is the interpreter's (it runs code).
    #[test]
    fn every_listed_method_is_one_jirash_answers_to() {
        for v in samples() {
            for m in members(&v) {
                match m.kind {
                    MemberKind::Method => {
                        // Called with no arguments: an argument error is fine, "no such
                        // method" is not.
                        if let Err(e) = methods::call(&v, &m.name, &[]) {
                            assert!(
                                !e.contains("does not contain a method"),
                                "{} of {}: {e}",
                                m.name,
                                v.type_name()
                            );
                        }
                    }
                    _ => assert!(
                        !methods::member(&v, &m.name).is_null(),
                        "{} of {} is null",
                        m.name,
                        v.type_name()
                    ),
                }
            }
        }
    }

    #[test]
    fn sorted_by_kind_then_name() {
        let names: Vec<String> = members(&Value::str("x"))
            .iter()
            .filter(|m| m.kind == MemberKind::Method)
            .map(|m| m.name.clone())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
        assert_eq!(members(&Value::str("x")).last().unwrap().name, "Length");
    }

    #[test]
    fn note_property_definitions() {
        let mut p = PropMap::new();
        p.insert("n", Value::Int(3));
        p.insert("s", Value::str("x"));
        p.insert("z", Value::Null);
        let m = members(&Value::record(RecordData::custom(p)));
        let defs: Vec<&str> = m
            .iter()
            .filter(|m| m.kind == MemberKind::NoteProperty)
            .map(|m| m.definition.as_str())
            .collect();
        assert_eq!(defs, ["int n=3", "string s=x", "object z=null"]);
    }

    #[test]
    fn member_type_filters() {
        assert!(MemberKind::NoteProperty.matches("properties"));
        assert!(MemberKind::Property.matches("Property"));
        assert!(!MemberKind::NoteProperty.matches("Property"));
        assert!(MemberKind::Method.matches("Methods"));
        assert!(MemberKind::ScriptProperty.matches("all"));
    }
}
