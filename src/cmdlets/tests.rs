//! Checks over every Jira cmdlet spec.
