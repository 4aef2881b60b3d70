//! The Jira REST client: transport, auth, session, retries, paging, errors.
