//! Conversion of Jira JSON into typed records (Issue, User, …) and their display rules.
