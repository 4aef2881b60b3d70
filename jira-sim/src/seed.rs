//! Deterministic demo data: users, groups, projects, metadata, filters and `n` issues.
//!
//! Everything comes from one `StdRng::seed_from_u64(seed)` and a reference instant (by default a
//! fixed epoch derived from the seed), so two instances with the same options serve
//! byte-identical data; given another instant (the demo gives "now"), the same data is shifted
//! in time to end there. Nothing here knows
//! about HTTP or flavours (the routes render the same data per flavour).

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::state::*;

/// Custom field id of Story Points.
pub const CF_STORY_POINTS: &str = "customfield_10016";
/// Custom field id of Sprint.
pub const CF_SPRINT: &str = "customfield_10020";
/// Custom field id of Team (single select).
pub const CF_TEAM: &str = "customfield_10030";
/// Custom field id of Epic Link (Data Center only).
pub const CF_EPIC_LINK: &str = "customfield_10014";

/// Team select options (id, value).
pub const TEAM_OPTIONS: [(&str, &str); 3] = [
    ("10100", "Platform"),
    ("10101", "Frontend"),
    ("10102", "SRE"),
];

const ADJ: [&str; 16] = [
    "slow",
    "broken",
    "flaky",
    "missing",
    "duplicate",
    "stale",
    "wrong",
    "intermittent",
    "empty",
    "unclear",
    "outdated",
    "failing",
    "large",
    "hidden",
    "invalid",
    "new",
];
const NOUN: [&str; 20] = [
    "login page",
    "search results",
    "export job",
    "password reset",
    "dashboard",
    "API token",
    "release notes",
    "build pipeline",
    "deploy script",
    "user profile",
    "notification e-mail",
    "audit log",
    "cache layer",
    "payment form",
    "report view",
    "sidebar",
    "backup task",
    "health check",
    "rate limiter",
    "settings dialog",
];
const VERB: [&str; 12] = [
    "Fix",
    "Improve",
    "Investigate",
    "Refactor",
    "Document",
    "Add tests for",
    "Speed up",
    "Remove",
    "Migrate",
    "Review",
    "Redesign",
    "Monitor",
];
const SENT: [&str; 10] = [
    "Steps to reproduce are in the attached log.",
    "This happens mostly after a deploy.",
    "Customers reported it twice this week.",
    "The error shows up in the browser console.",
    "We should agree on the expected behaviour first.",
    "See the linked issue for the previous attempt.",
    "It only affects users with many projects.",
    "Logs show a timeout after thirty seconds.",
    "A workaround exists but it is not documented.",
    "Ops confirmed the problem on staging.",
];
const LABELS: [&str; 10] = [
    "backend",
    "frontend",
    "regression",
    "security",
    "performance",
    "ux",
    "tech-debt",
    "customer",
    "ops",
    "docs",
];
const COMMENTS: [&str; 8] = [
    "I can reproduce this locally.",
    "Looking into it now.",
    "Fixed in the latest build, please verify.",
    "Can we get more details on the environment?",
    "This is blocked by the infrastructure work.",
    "Verified on staging, looks good.",
    "Moving this to the next sprint.",
    "Added a test case for this.",
];

/// The reference instant of the seeded data: a fixed date in the past, shifted by the seed.
pub fn epoch(seed: u64) -> Timestamp {
    let base = Timestamp::from_second(1_748_768_400).unwrap_or(Timestamp::UNIX_EPOCH); // 2025-06-01T09:00Z
    base.checked_add(SignedDuration::from_mins(
        i64::try_from(seed % 1000).unwrap_or(0),
    ))
    .unwrap_or(base)
}

fn hex(rng: &mut StdRng, n: usize) -> String {
    (0..n)
        .map(|_| char::from_digit(rng.random_range(0..16u32), 16).unwrap_or('0'))
        .collect()
}

fn day(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

fn users(rng: &mut StdRng) -> Vec<User> {
    let list = [
        (
            "demo",
            "Demo User",
            "demo@example.com",
            "demo",
            "demo-token",
            "demo-pat",
            true,
        ),
        (
            "alice",
            "Alice Adams",
            "alice@example.com",
            "alice",
            "alice-token",
            "alice-pat",
            true,
        ),
        (
            "bob",
            "Bob Brown",
            "bob@example.com",
            "bob",
            "bob-token",
            "bob-pat",
            true,
        ),
        (
            "carol",
            "Carol Clark",
            "carol@example.com",
            "carol",
            "carol-token",
            "carol-pat",
            true,
        ),
        (
            "dave",
            "Dave Davis",
            "dave@example.com",
            "dave",
            "dave-token",
            "dave-pat",
            true,
        ),
        (
            "eve",
            "Eve Former",
            "eve@example.com",
            "eve",
            "eve-token",
            "eve-pat",
            false,
        ),
    ];
    let tzs = [
        "Europe/Berlin",
        "America/New_York",
        "Europe/London",
        "Asia/Tokyo",
        "UTC",
        "UTC",
    ];
    list.iter()
        .enumerate()
        .map(|(i, (name, display, email, pw, tok, pat, active))| User {
            name: (*name).into(),
            key: format!("JIRAUSER{}", ID_BASE + i as u64),
            account_id: format!("5b10{}", hex(rng, 20)),
            display: (*display).into(),
            email: (*email).into(),
            active: *active,
            tz: tzs[i].into(),
            password: (*pw).into(),
            api_token: (*tok).into(),
            pat: (*pat).into(),
            deleted: false,
        })
        .collect()
}

/// Builds the whole demo instance with exactly `n` issues, all created before `at` (default:
/// the seed's fixed [`epoch`]).
pub fn build(seed: u64, n: usize, at: Option<Timestamp>) -> State {
    let mut rng = StdRng::seed_from_u64(seed);
    let epoch = at.unwrap_or_else(|| epoch(seed));
    let users = users(&mut rng);
    let groups = vec![
        Group {
            name: "jira-software-users".into(),
            group_id: String::new(),
            members: vec![0, 1, 2, 3, 4],
        },
        Group {
            name: "jira-administrators".into(),
            group_id: String::new(),
            members: vec![0, 1],
        },
        Group {
            name: "developers".into(),
            group_id: String::new(),
            members: vec![0, 1, 2, 4],
        },
        Group {
            name: "qa".into(),
            group_id: String::new(),
            members: vec![2, 3],
        },
    ]
    .into_iter()
    .map(|mut g| {
        g.group_id = format!(
            "{}-{}-4{}-a{}-{}",
            hex(&mut rng, 8),
            hex(&mut rng, 4),
            hex(&mut rng, 3),
            hex(&mut rng, 3),
            hex(&mut rng, 12)
        );
        g
    })
    .collect();
    let projects = vec![
        Project {
            id: 10000,
            key: "TEST".into(),
            name: "Test Project".into(),
            description: "Sandbox for trying things out.".into(),
            lead: 0,
            next_num: 1,
        },
        Project {
            id: 10001,
            key: "OPS".into(),
            name: "Operations".into(),
            description: "Infrastructure, deploys and on-call work.".into(),
            lead: 4,
            next_num: 1,
        },
        Project {
            id: 10002,
            key: "WEB".into(),
            name: "Web Platform".into(),
            description: "The customer-facing web application.".into(),
            lead: 1,
            next_num: 1,
        },
    ];
    let comp_names: [&[(&str, Option<usize>)]; 3] = [
        &[
            ("Backend", Some(2)),
            ("Frontend", Some(1)),
            ("Documentation", None),
        ],
        &[
            ("Infrastructure", Some(4)),
            ("Monitoring", Some(3)),
            ("Deploy", None),
        ],
        &[("Web UI", Some(1)), ("API", Some(2)), ("Auth", Some(0))],
    ];
    let mut components = Vec::new();
    for (pi, list) in comp_names.iter().enumerate() {
        for (name, lead) in list.iter() {
            components.push(Component {
                id: ID_BASE + components.len() as u64,
                project_id: projects[pi].id,
                name: (*name).into(),
                description: format!("{name} work"),
                lead: *lead,
                deleted: false,
            });
        }
    }
    let mut versions = Vec::new();
    let vdefs = [
        ("1.0", true, day(2025, 2, 14), day(2025, 1, 6)),
        ("1.1", true, day(2025, 4, 30), day(2025, 3, 3)),
        ("2.0", false, day(2025, 7, 31), day(2025, 5, 5)),
        ("2.1", false, None, None),
    ];
    for p in &projects {
        for (si, (name, released, rel, start)) in vdefs.iter().enumerate() {
            versions.push(Version {
                id: ID_BASE + versions.len() as u64,
                project_id: p.id,
                name: (*name).into(),
                description: format!("{} release {name}", p.name),
                released: *released,
                archived: false,
                release_date: *rel,
                start_date: *start,
                sequence: si as i64 + 1,
                deleted: false,
            });
        }
    }
    let issuetypes = vec![
        IssueType {
            id: "10004".into(),
            name: "Bug".into(),
            description: "A problem which impairs or prevents the functions of the product.".into(),
            subtask: false,
            icon: "bug.svg",
        },
        IssueType {
            id: "10002".into(),
            name: "Task".into(),
            description: "A task that needs to be done.".into(),
            subtask: false,
            icon: "task.svg",
        },
        IssueType {
            id: "10001".into(),
            name: "Story".into(),
            description: "A user story.".into(),
            subtask: false,
            icon: "story.svg",
        },
        IssueType {
            id: "10000".into(),
            name: "Epic".into(),
            description: "A big user story that needs to be broken down.".into(),
            subtask: false,
            icon: "epic.svg",
        },
        IssueType {
            id: "10003".into(),
            name: "Sub-task".into(),
            description: "The sub-task of the issue.".into(),
            subtask: true,
            icon: "subtask.svg",
        },
    ];
    let priorities = ["Highest", "High", "Medium", "Low", "Lowest"]
        .iter()
        .zip(["#d04437", "#f15C75", "#f79232", "#707070", "#999999"])
        .enumerate()
        .map(|(i, (n, c))| Priority {
            id: (i + 1).to_string(),
            name: (*n).into(),
            color: c,
        })
        .collect();
    let statuses = vec![
        Status {
            id: "10000".into(),
            name: "To Do".into(),
            category: 2,
        },
        Status {
            id: "3".into(),
            name: "In Progress".into(),
            category: 4,
        },
        Status {
            id: "10001".into(),
            name: "In Review".into(),
            category: 4,
        },
        Status {
            id: "10002".into(),
            name: "Done".into(),
            category: 3,
        },
    ];
    let resolutions = [
        ("Done", "Work has been completed on this issue."),
        ("Won't Do", "This issue won't be actioned."),
        (
            "Duplicate",
            "The problem is a duplicate of an existing issue.",
        ),
        (
            "Cannot Reproduce",
            "All attempts at reproducing this issue failed.",
        ),
    ]
    .iter()
    .enumerate()
    .map(|(i, (n, d))| Resolution {
        id: (ID_BASE + i as u64).to_string(),
        name: (*n).into(),
        description: (*d).into(),
    })
    .collect();
    let link_types = [
        ("Blocks", "is blocked by", "blocks"),
        ("Cloners", "is cloned by", "clones"),
        ("Duplicate", "is duplicated by", "duplicates"),
        ("Relates", "relates to", "relates to"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (n, a, b))| LinkType {
        id: (ID_BASE + i as u64).to_string(),
        name: (*n).into(),
        inward: (*a).into(),
        outward: (*b).into(),
    })
    .collect();
    let filters = vec![
        Filter { id: 10000, name: "My open issues".into(), description: "Everything assigned to me that is not done.".into(), jql: "assignee = currentUser() AND resolution = Unresolved ORDER BY priority DESC, updated DESC".into(), owner: 0, favourite_of: vec![0], shares: vec![], deleted: false },
        Filter { id: 10001, name: "Open bugs".into(), description: "Unresolved bugs in all projects.".into(), jql: "issuetype = Bug AND resolution = Unresolved ORDER BY priority DESC".into(), owner: 0, favourite_of: vec![0, 1], shares: vec![SharePerm { id: 10000, kind: "group".into(), group: Some("developers".into()), project: None, user: None, role: None }], deleted: false },
        Filter { id: 10002, name: "Operations backlog".into(), description: String::new(), jql: "project = OPS ORDER BY created DESC".into(), owner: 4, favourite_of: vec![4], shares: vec![SharePerm { id: 10001, kind: "project".into(), group: None, project: Some(10001), user: None, role: None }], deleted: false },
        Filter { id: 10003, name: "Recently updated web issues".into(), description: "WEB issues touched lately.".into(), jql: "project = WEB AND updated >= -30d ORDER BY updated DESC".into(), owner: 1, favourite_of: vec![], shares: vec![SharePerm { id: 10002, kind: "global".into(), group: None, project: None, user: None, role: None }], deleted: false },
    ];
    let mut st = State {
        users,
        groups,
        projects,
        components,
        versions,
        issuetypes,
        priorities,
        statuses,
        resolutions,
        link_types,
        filters,
        issues: Vec::with_capacity(n),
        keys: HashMap::with_capacity(n),
        attachments: Vec::new(),
        links: Vec::new(),
        next_id: 20000,
        epoch,
    };
    seed_issues(&mut st, &mut rng, n);
    st
}

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

fn seed_issues(st: &mut State, rng: &mut StdRng, n: usize) {
    let span = 90 * 86_400i64;
    let epoch_s = st.epoch.as_second();
    let mut next_att = ID_BASE;
    let mut next_link = ID_BASE;
    let mut last_parent: [Option<u64>; 3] = [None; 3];
    let active_users = [0usize, 1, 2, 3, 4];
    for i in 0..n {
        let pi = i % st.projects.len();
        let id = ID_BASE + i as u64;
        let num = st.projects[pi].next_num;
        st.projects[pi].next_num += 1;
        let key = format!("{}-{num}", st.projects[pi].key);
        let roll = rng.random_range(0..100u32);
        let mut issuetype = match roll {
            0..=29 => 0,
            30..=59 => 1,
            60..=84 => 2,
            85..=89 => 3,
            _ => 4,
        };
        let parent = if issuetype == 4 {
            last_parent[pi]
        } else {
            None
        };
        if issuetype == 4 && parent.is_none() {
            issuetype = 1;
        }
        let created_s = epoch_s - rng.random_range(3600..span);
        let updated_s = created_s + rng.random_range(0..(epoch_s - created_s).max(1));
        let created = Timestamp::from_second(created_s).unwrap_or(st.epoch);
        let updated = Timestamp::from_second(updated_s).unwrap_or(st.epoch);
        let status = rng.random_range(0..4usize);
        let done = status == 3;
        let resolution = done.then(|| if rng.random_range(0..5) == 0 { 1 } else { 0 });
        let assignee = (rng.random_range(0..5) > 0).then(|| active_users[rng.random_range(0..5)]);
        let reporter = active_users[rng.random_range(0..5)];
        let summary = format!(
            "{} {} {}",
            pick(rng, &VERB),
            pick(rng, &ADJ),
            pick(rng, &NOUN)
        );
        let description = format!(
            "{} {}\n\n*Expected:* the {} works.",
            pick(rng, &SENT),
            pick(rng, &SENT),
            pick(rng, &NOUN)
        );
        let mut labels: Vec<String> = Vec::new();
        for _ in 0..rng.random_range(0..3) {
            let l = pick(rng, &LABELS).to_string();
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        let comps: Vec<u64> = (rng.random_range(0..3) > 0)
            .then(|| st.components[pi * 3 + rng.random_range(0..3)].id)
            .into_iter()
            .collect();
        let fix: Vec<u64> = (rng.random_range(0..2) == 0)
            .then(|| st.versions[pi * 4 + rng.random_range(0..4)].id)
            .into_iter()
            .collect();
        let mut custom = Vec::new();
        if matches!(issuetype, 1 | 2) && rng.random_range(0..3) > 0 {
            custom.push((
                CF_STORY_POINTS.to_string(),
                json!([1, 2, 3, 5, 8, 13][rng.random_range(0..6)] as f64),
            ));
        }
        if rng.random_range(0..2) == 0 {
            let (oid, val) = TEAM_OPTIONS[rng.random_range(0..3)];
            custom.push((CF_TEAM.to_string(), json!({"value": val, "id": oid})));
        }
        let ncom = rng.random_range(0..4);
        let mut comments = Vec::with_capacity(ncom);
        for _ in 0..ncom {
            let at = Timestamp::from_second(
                created_s + rng.random_range(0..(updated_s - created_s).max(1)),
            )
            .unwrap_or(created);
            let author = active_users[rng.random_range(0..5)];
            st.next_id += 1;
            comments.push(Comment {
                id: st.next_id,
                author,
                update_author: author,
                body: Text::Plain(pick(rng, &COMMENTS).into()),
                created: at,
                updated: at,
                visibility: None,
            });
        }
        let mut worklogs = Vec::new();
        for _ in 0..rng.random_range(0..3) {
            let at = Timestamp::from_second(
                created_s + rng.random_range(0..(updated_s - created_s).max(1)),
            )
            .unwrap_or(created);
            let author = active_users[rng.random_range(0..5)];
            st.next_id += 1;
            worklogs.push(Worklog {
                id: st.next_id,
                author,
                update_author: author,
                comment: Some(Text::Plain("Worked on it.".into())),
                started: at,
                seconds: 900 * rng.random_range(1..17u64),
                created: at,
                updated: at,
            });
        }
        let mut watchers = vec![reporter];
        if let Some(a) = assignee
            && a != reporter
        {
            watchers.push(a);
        }
        let mut history = Vec::new();
        if status > 0 {
            st.next_id += 1;
            let s = &st.statuses[status];
            history.push(History {
                id: st.next_id,
                author: assignee.unwrap_or(reporter),
                created: updated,
                items: std::iter::once(ChangeItem {
                    field: "status".into(),
                    from: Some(st.statuses[0].id.clone()),
                    from_string: Some(st.statuses[0].name.clone()),
                    to: Some(s.id.clone()),
                    to_string: Some(s.name.clone()),
                })
                // Resolving records the resolution in the same change, as Jira does.
                .chain(resolution.map(|r| ChangeItem {
                    field: "resolution".into(),
                    from: None,
                    from_string: None,
                    to: Some(st.resolutions[r].id.clone()),
                    to_string: Some(st.resolutions[r].name.clone()),
                }))
                .collect(),
            });
        }
        let mut attachments = Vec::new();
        if rng.random_range(0..20) == 0 {
            let body = format!("log for {key}\nline 1\nline 2\n");
            st.attachments.push(Some(Attachment {
                id: next_att,
                issue: id,
                filename: "error.log".into(),
                author: reporter,
                created,
                mime: "text/plain".into(),
                content: bytes::Bytes::from(body),
            }));
            attachments.push(next_att);
            next_att += 1;
        }
        let mut links = Vec::new();
        if i >= 3 && rng.random_range(0..10) == 0 {
            let other = id - rng.random_range(1..=3u64.min(i as u64));
            st.links.push(Some(IssueLink {
                id: next_link,
                link_type: rng.random_range(0..4),
                inward: id,
                outward: other,
            }));
            links.push(next_link);
            if let Some(Some(o)) = st.issues.get_mut((other - ID_BASE) as usize) {
                o.links.push(next_link);
            }
            next_link += 1;
        }
        if issuetype != 4 && issuetype != 3 {
            last_parent[pi] = Some(id);
        }
        let issue = Issue {
            id,
            key: key.clone(),
            project: pi,
            issuetype,
            status,
            priority: Some(rng.random_range(0..5)),
            resolution,
            resolved: done.then_some(updated),
            assignee,
            reporter: Some(reporter),
            creator: reporter,
            summary,
            description: Some(Text::Plain(description)),
            environment: None,
            labels,
            components: comps,
            fix_versions: fix,
            versions: Vec::new(),
            created,
            updated,
            due: (rng.random_range(0..4) == 0)
                .then(|| {
                    created
                        .checked_add(SignedDuration::from_hours(24 * 30))
                        .ok()
                })
                .flatten()
                .map(|t| jiff::tz::TimeZone::UTC.to_datetime(t).date()),
            parent,
            subtasks: Vec::new(),
            custom,
            comments,
            worklogs,
            attachments,
            links,
            remote_links: Vec::new(),
            watchers,
            history,
        };
        if let Some(pid) = parent
            && let Some(Some(p)) = st.issues.get_mut((pid - ID_BASE) as usize)
        {
            p.subtasks.push(id);
        }
        st.keys.insert(key, id);
        st.issues.push(Some(issue));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data_and_exact_count() {
        let a = build(7, 50, None);
        let b = build(7, 50, None);
        assert_eq!(a.issues.len(), 50);
        let sa: Vec<_> = a
            .live_issues()
            .map(|i| (i.key.clone(), i.summary.clone(), i.created))
            .collect();
        let sb: Vec<_> = b
            .live_issues()
            .map(|i| (i.key.clone(), i.summary.clone(), i.created))
            .collect();
        assert_eq!(sa, sb);
        let c = build(8, 50, None);
        let sc: Vec<_> = c.live_issues().map(|i| i.summary.clone()).collect();
        assert_ne!(sa.iter().map(|x| x.1.clone()).collect::<Vec<_>>(), sc);
    }

    #[test]
    fn created_is_in_the_past_and_subtasks_have_parents() {
        let st = build(1, 200, None);
        let now = Timestamp::now();
        for i in st.live_issues() {
            assert!(i.created < now && i.created <= i.updated);
            assert_eq!(
                st.issuetypes[i.issuetype].subtask,
                i.parent.is_some(),
                "{}",
                i.key
            );
        }
    }
}
