//! Runtime values. Arrays, hashtables and records are reference types (as in PowerShell):
//! cloning a [`Value`] shares them. The interpreter is single-threaded, so `Rc`/`RefCell` are
//! used; nothing here is sent across threads.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use indexmap::IndexMap;
use secrecy::SecretString;

use crate::lang::ast::ScriptBlockDef;

/// A runtime value.
#[derive(Clone, Default)]
pub enum Value {
    /// `$null`
    #[default]
    Null,
    /// `$true` / `$false`
    Bool(bool),
    /// 64-bit integer (`[int]`, `[long]`).
    Int(i64),
    /// `[double]`
    Double(f64),
    /// `[string]` (immutable, cheap to clone).
    Str(Rc<str>),
    /// An array (`object[]`, also used for `List`): shared and mutable.
    Array(Array),
    /// An ordered, case-insensitive hashtable.
    Hashtable(Hashtable),
    /// A record (`pscustomobject`, and every Jira object).
    Record(Record),
    /// A date-time with an offset.
    DateTime(DateTime),
    /// A signed time span.
    TimeSpan(jiff::SignedDuration),
    /// A secure string: never displayed, wiped on drop.
    SecureString(Rc<SecretString>),
    /// A credential (user name + secure password).
    Credential(Rc<Credential>),
    /// A script block (closure over nothing: PowerShell script blocks are dynamically scoped).
    ScriptBlock(Rc<ScriptBlockDef>),
    /// A type literal such as `[int]` used as a value (`-is [int]`, `[datetime]::Now`).
    Type(Rc<str>),
}

/// A shared, mutable array.
pub type Array = Rc<RefCell<Vec<Value>>>;

/// A shared, mutable ordered hashtable.
pub type Hashtable = Rc<RefCell<PropMap>>;

/// A date-time instant with the UTC offset it was written with. It holds what .NET's
/// `DateTimeOffset` holds but is PowerShell's `[datetime]` to scripts (`GetType().Name` is
/// `DateTime`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    /// The instant.
    pub ts: jiff::Timestamp,
    /// The offset to show it in.
    pub offset: jiff::tz::Offset,
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.ts.display_with_offset(self.offset))
    }
}

/// A credential. `Debug` never shows the password.
pub struct Credential {
    /// The user name (or Cloud e-mail address).
    pub user: String,
    /// The password or token.
    pub password: SecretString,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("user", &self.user)
            .field("password", &"***")
            .finish()
    }
}

/// An ordered map with case-insensitive string keys that remembers each key's original spelling.
/// Used for hashtables and record properties.
#[derive(Clone, Default, Debug)]
pub struct PropMap {
    map: IndexMap<Box<str>, (Box<str>, Value)>,
}

fn fold(key: &str) -> Box<str> {
    if key.bytes().any(|b| b.is_ascii_uppercase()) || !key.is_ascii() {
        key.to_lowercase().into_boxed_str()
    } else {
        key.into()
    }
}

impl PropMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }
    /// An empty map with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        PropMap {
            map: IndexMap::with_capacity(n),
        }
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
    /// Looks a key up, ignoring case.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(&*fold(key)).map(|(_, v)| v)
    }
    /// Mutable lookup, ignoring case.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.map.get_mut(&*fold(key)).map(|(_, v)| v)
    }
    /// True when the key exists (ignoring case).
    pub fn contains_key(&self, key: &str) -> bool {
        self.map.contains_key(&*fold(key))
    }
    /// Inserts or replaces; a replaced entry keeps its position and original spelling.
    pub fn insert(&mut self, key: &str, value: Value) {
        let k = fold(key);
        match self.map.get_mut(&k) {
            Some(slot) => slot.1 = value,
            None => {
                self.map.insert(k, (key.into(), value));
            }
        }
    }
    /// Removes a key, keeping the order of the rest.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.map.shift_remove(&*fold(key)).map(|(_, v)| v)
    }
    /// Entries in order, with their original key spelling.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.map.values().map(|(k, v)| (&**k, v))
    }
    /// Mutable entries in order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Value)> {
        self.map.values_mut().map(|(k, v)| (&**k, v))
    }
    /// Keys in order (original spelling).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.values().map(|(k, _)| &**k)
    }
    /// Values in order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.map.values().map(|(_, v)| v)
    }
}

/// Static facts about a record type (Jira objects): how it prints and compares.
#[derive(Debug)]
pub struct TypeInfo {
    /// Full type name, e.g. `AtlassianPS.JiraPS.Issue`.
    pub name: &'static str,
    /// Extra type names it also answers to (`JiraPS.Issue`, `Issue`).
    pub also: &'static [&'static str],
    /// `ToString()`: builds the string form from the record.
    pub to_string: fn(&RecordData) -> String,
    /// Property whose value identifies the object for `-eq`, `-contains`, `Sort -Unique`.
    pub identity: Option<&'static str>,
    /// Default table columns (empty: PowerShell's default table-or-list rule).
    pub table_view: &'static [(&'static str, u16)],
    /// Property the table view groups by: each run of objects with the same value gets its own
    /// table under a `   Name: value` line (Get-Member's `TypeName`).
    pub group_by: Option<&'static str>,
}

/// The contents of a record.
#[derive(Debug, Clone)]
pub struct RecordData {
    /// Type facts for typed records; `None` for a `pscustomobject`.
    pub info: Option<&'static TypeInfo>,
    /// Type name for untyped records (`System.Management.Automation.PSCustomObject` by default,
    /// or a name set by the script through `PSTypeName`).
    pub type_name: Option<Rc<str>>,
    /// The properties, in order.
    pub props: PropMap,
}

/// A shared, mutable record.
pub type Record = Rc<RefCell<RecordData>>;

impl RecordData {
    /// A `pscustomobject` with the given properties.
    pub fn custom(props: PropMap) -> Self {
        RecordData {
            info: None,
            type_name: None,
            props,
        }
    }
    /// A typed record.
    pub fn typed(info: &'static TypeInfo, props: PropMap) -> Self {
        RecordData {
            info: Some(info),
            type_name: None,
            props,
        }
    }
    /// The primary type name.
    pub fn type_name(&self) -> &str {
        match (&self.info, &self.type_name) {
            (Some(i), _) => i.name,
            (None, Some(n)) => n,
            (None, None) => "System.Management.Automation.PSCustomObject",
        }
    }
    /// True when the record is of type `name` (full name, any alias name, or its last segment),
    /// ignoring case.
    pub fn is_type(&self, name: &str) -> bool {
        let short = |full: &str| full.rsplit('.').next().unwrap_or(full).to_owned();
        let matches =
            |full: &str| full.eq_ignore_ascii_case(name) || short(full).eq_ignore_ascii_case(name);
        match self.info {
            Some(i) => matches(i.name) || i.also.iter().any(|a| matches(a)),
            None => {
                matches(self.type_name())
                    || name.eq_ignore_ascii_case("pscustomobject")
                    || name.eq_ignore_ascii_case("psobject")
            }
        }
    }
}

impl Value {
    /// A string value.
    pub fn str(s: impl Into<Rc<str>>) -> Value {
        Value::Str(s.into())
    }
    /// An array value from a vector.
    pub fn array(items: Vec<Value>) -> Value {
        Value::Array(Rc::new(RefCell::new(items)))
    }
    /// A hashtable value.
    pub fn hashtable(map: PropMap) -> Value {
        Value::Hashtable(Rc::new(RefCell::new(map)))
    }
    /// A record value.
    pub fn record(data: RecordData) -> Value {
        Value::Record(Rc::new(RefCell::new(data)))
    }
    /// True for `$null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    /// The elements when this is an array, else `None`.
    pub fn as_array(&self) -> Option<&Array> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The string when this is a string, else `None`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// Enumerates the value as PowerShell does when it is written to a pipeline: arrays yield
    /// their elements, `$null` yields nothing, anything else yields itself (hashtables are
    /// not enumerated).
    pub fn enumerate(self) -> Vec<Value> {
        match self {
            Value::Array(a) => a.borrow().clone(),
            Value::Null => Vec::new(),
            v => vec![v],
        }
    }
    /// PowerShell's short type name for messages and `GetType().Name`.
    pub fn type_name(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(_) => "System.Boolean".into(),
            Value::Int(i) if i32::try_from(*i).is_ok() => "System.Int32".into(),
            Value::Int(_) => "System.Int64".into(),
            Value::Double(_) => "System.Double".into(),
            Value::Str(_) => "System.String".into(),
            Value::Array(_) => "System.Object[]".into(),
            Value::Hashtable(_) => "System.Collections.Hashtable".into(),
            Value::Record(r) => r.borrow().type_name().to_owned(),
            Value::DateTime(_) => "System.DateTime".into(),
            Value::TimeSpan(_) => "System.TimeSpan".into(),
            Value::SecureString(_) => "System.Security.SecureString".into(),
            Value::Credential(_) => "System.Management.Automation.PSCredential".into(),
            Value::ScriptBlock(_) => "System.Management.Automation.ScriptBlock".into(),
            Value::Type(_) => "System.RuntimeType".into(),
        }
    }
    /// A property of a record or hashtable (case-insensitive); `$null` when absent.
    pub fn property(&self, name: &str) -> Value {
        match self {
            Value::Record(r) => r.borrow().props.get(name).cloned().unwrap_or(Value::Null),
            Value::Hashtable(h) => h.borrow().get(name).cloned().unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Double(f)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.into())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s.into())
    }
}
impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Self {
        Value::array(v)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("$null"),
            Value::Bool(b) => write!(f, "${b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Double(d) => write!(f, "{d}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Array(a) => f.debug_list().entries(a.borrow().iter()).finish(),
            Value::Hashtable(h) => f.debug_map().entries(h.borrow().iter()).finish(),
            Value::Record(r) => {
                let r = r.borrow();
                write!(f, "{}", r.type_name())?;
                f.debug_map().entries(r.props.iter()).finish()
            }
            Value::DateTime(d) => write!(f, "{d:?}"),
            Value::TimeSpan(t) => write!(f, "{t:?}"),
            Value::SecureString(_) => f.write_str("System.Security.SecureString"),
            Value::Credential(c) => write!(f, "{c:?}"),
            Value::ScriptBlock(_) => f.write_str("{scriptblock}"),
            Value::Type(t) => write!(f, "[{t}]"),
        }
    }
}
