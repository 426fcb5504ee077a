//! Threads: stories that continue one another — a saga followed across months (the Istanbul
//! talks from Putin's proposal to the first round, the second and the third; the oil spill
//! from the blast to the capping). Linked as stories grow, after each batch's stories are
//! written (`Linker::link`), only through the [`Store`]; a story belongs to at most one
//! thread, and a thread keeps its id as it grows.
//!
//! Each touched story gets a profile: its clusterer centroid (words and people, places,
//! organisations; not numbers, dates or time values, which tell one event from the next)
//! weighted by the clusterer's online idf, so a name that many stories carry ("Donald Trump",
//! "White House") counts little, cut to its [`PROFILE_TERMS`] heaviest terms and normalised.
//! A thread's profile is the sum of its stories' profiles (bounded to [`THREAD_TERMS`]);
//! a story's contribution is kept with its membership and replaced as the story grows.
//! Candidate threads come from bounded posting lists: the latest [`CANDIDATES_PER_KEY`]
//! threads under each of the story's [`KEY_TERMS`] heaviest terms, so linking a story costs
//! the same whatever the store's size (no scan of all stories or threads).
//!
//! A story joins the best candidate whose score reaches [`THRESHOLD`]: the cosine of the two
//! profiles, only when some of it comes from shared names and some from shared words (a saga
//! has both its actors and its subject; a story told in other languages than English, whose
//! words the clusterer does not keep, by its names alone at [`NAMES_ONLY`] of their weight); times a gap factor (full within [`GAP_DAYS`] of the
//! thread's span, then falling: threads span months, not years); times a bonus when the
//! story's articles use follow-up language ("second round", "resumed", "last month") and one
//! when the event dates they mention as background fall within the thread's span (it refers
//! back). An undated story joins no thread (it would bridge sagas years apart); it keeps its
//! own until its articles give it a date. A story in no thread that joins none starts its own. A story alone in its thread
//! may still join an older one as it grows (its own thread is then left empty and unlisted);
//! a story sharing its thread with others stays. Ties go to the lower thread id, and every
//! read is in a fixed order, so the same input in the same order gives the same threads; the
//! state is all in the store, read under the write lock of the batch's transaction, so
//! several workers sharing a store thread as one worker does (`ARCHITECTURE.md`,
//! concurrency).
//!
//! Not here: moving a story between two threads that both have others, or merging threads
//! (a thread's id is a promise to the reader); a thread's name and overview, read side
//! (`dossier::threads`).

use std::collections::{BTreeMap, HashMap};

use crate::store::{ClusterStory, Store, StoreError, ThreadMember, ThreadState, ThreadWrite};

/// Terms of a story's profile.
pub const PROFILE_TERMS: usize = 100;
/// Terms of a thread's profile.
pub const THREAD_TERMS: usize = 200;
/// Terms a story looks for threads under, and indexes its thread under.
pub const KEY_TERMS: usize = 12;
/// Threads read under each key (the latest).
pub const CANDIDATES_PER_KEY: usize = 16;
/// The score a story needs to join a thread. On Timeline17 dev (all three topics in one
/// store, `scripts/threads-t17`), share of each topic's articles in its biggest thread
/// (bpoil / H1N1 / haiti) and cross-topic purity: .06 .455 / – / .885, .9967; .09 .416 /
/// .114 / .832, .9981; .12 .383 / .109 / .776, .9986; .16 .316 / .109 / .675, .9986.
pub const THRESHOLD: f32 = 0.08;
/// Days beyond a thread's span within which the gap costs nothing.
pub const GAP_DAYS: i64 = 45;
/// The bonus for follow-up language, and for background dates within the thread's span.
const FOLLOW_UP: f32 = 1.15;
const REFERS_BACK: f32 = 1.15;
/// The least share of a score that shared words must give (names alone make no saga).
const MIN_WORDS: f32 = 0.25;
/// Below this share of its profile's weight in words, a story is one told in languages other
/// than English, whose words the clusterer does not keep (`stories::features`: such a report
/// meets its story by names, numbers and dates); it is scored by its names alone, times
/// [`NAMES_ONLY`].
/// On ML-Crisis (`scripts/threads-t17 BIN DIR --ml`: es, fr, it reports of Egypt and Libya,
/// 740 articles in one store), with words required no story joined another's thread (0
/// threads of several stories; cross-topic purity .9757). Names alone, times .3: 26 threads
/// of several stories, the biggest the war in Libya from 28 February to 28 October 2011 (86
/// articles, 29 stories) and Egypt from Morsi's fall to November 2013 (38), purity .9622;
/// times .5, .9595 (the biggest 113 and 81 articles, one spanning two years); times .8,
/// .9405. Timeline17's threads are the same with every value (its stories have words).
const WORDLESS: f32 = 0.1;
const NAMES_ONLY: f32 = 0.3;

/// Clusterer term kinds (`cluster::vector`): words, and the entity kinds.
const KIND_WORD: u8 = 0;
fn kept(kind: u8) -> bool {
    matches!(kind, 0 | 1 | 5 | 6 | 7)
}

/// Words that say a report continues an earlier one.
const FOLLOW_UPS: &[&str] = &[
    "second round", "third round", "fourth round", "another round", "new round", "next round", "follow-up", "resumed", "resumption",
    "earlier this month", "last month", "weeks after", "months after", "latest in", "continuing", "the aftermath", "a week after",
];

/// Does this text use follow-up language?
pub fn follows_up(text: &str) -> bool {
    let lower = text.to_lowercase();
    FOLLOW_UPS.iter().any(|f| lower.contains(f))
}

/// A story's profile: (term id, weight) sorted by term id, unit length, and its key terms.
struct Profile {
    terms: Vec<(u32, f32)>,
    keys: Vec<u32>,
}

/// The kind and document frequency of each term, by id (looked up only, never iterated).
type Kinds = rustc_hash::FxHashMap<u32, (u8, u32)>;

fn profile(s: &ClusterStory, kind_df: &Kinds, n_docs: f32) -> Profile {
    let prior = crate::stories::cluster::Config::default();
    let n = n_docs + prior.prior_docs;
    // (term, tf-idf, tf)
    let mut w: Vec<(u32, f32, f32)> = s
        .terms
        .iter()
        .filter_map(|&(t, x)| {
            let &(kind, df) = kind_df.get(&t)?;
            if !kept(kind) {
                return None;
            }
            let df = df as f32 + prior.prior_df;
            Some((t, x * (1.0 + (n - df + 0.5) / (df + 0.5)).ln(), x))
        })
        .filter(|&(_, x, _)| x > 0.0)
        .collect();
    // the keys: the terms the story says most (what other reports of the saga say too), then
    // its most distinctive ones (what a thread of its own is best found by)
    let mut keys: Vec<u32> = Vec::with_capacity(KEY_TERMS);
    w.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    keys.extend(w.iter().take(KEY_TERMS / 2).map(|x| x.0));
    w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for x in &w {
        if keys.len() >= KEY_TERMS {
            break;
        }
        if !keys.contains(&x.0) {
            keys.push(x.0);
        }
    }
    w.truncate(PROFILE_TERMS);
    let w: Vec<(u32, f32)> = w.into_iter().map(|(t, x, _)| (t, x)).collect();
    let norm = w.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
    let mut terms: Vec<(u32, f32)> = w.into_iter().map(|(t, x)| (t, x / norm)).collect();
    terms.sort_by_key(|x| x.0);
    Profile { terms, keys }
}

/// `a + k·b` over sparse vectors sorted by id, dropping what falls to nothing, bounded to the
/// `max` heaviest terms.
fn add(a: &[(u32, f32)], b: &[(u32, f32)], k: f32, max: usize) -> Vec<(u32, f32)> {
    let mut m: BTreeMap<u32, f32> = a.iter().copied().collect();
    for &(t, x) in b {
        *m.entry(t).or_default() += k * x;
    }
    let mut v: Vec<(u32, f32)> = m.into_iter().filter(|x| x.1 > 1e-6).collect();
    if v.len() > max {
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(max);
        v.sort_by_key(|x| x.0);
    }
    v
}

/// Days between two spans (0 when they overlap).
fn gap(a: (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), b: (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)) -> i64 {
    match (a, b) {
        ((Some(af), Some(al)), (Some(bf), Some(bl))) => (af - bl).num_days().max((bf - al).num_days()).max(0),
        _ => 0,
    }
}

/// How well a story continues a thread (see the module doc).
fn score(p: &Profile, s: &ClusterStory, t: &ThreadState, kinds: &Kinds, follow_up: bool) -> f32 {
    // an undated story cannot be shown to continue anything in time; let in, it would bridge
    // sagas years apart (on the trust-audit store, undated NeuS stories on Obama's and Trump's
    // politics joined the 2010 oil spill's thread to 2016's campaign)
    if s.first_pub.is_none() {
        return 0.0;
    }
    let norm = t.terms.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm <= 1e-9 {
        return 0.0;
    }
    // a thread's terms are sorted by id, once each (`add`)
    debug_assert!(t.terms.windows(2).all(|w| w[0].0 < w[1].0));
    let (mut names, mut words) = (0.0f32, 0.0f32);
    for &(id, x) in &p.terms {
        if let Ok(i) = t.terms.binary_search_by_key(&id, |x| x.0) {
            let y = &t.terms[i].1;
            let d = x * y / norm;
            if kinds.get(&id).is_some_and(|k| k.0 == KIND_WORD) {
                words += d;
            } else {
                names += d;
            }
        }
    }
    let cos = names + words;
    // a story told in other languages than English has (nearly) no words in its profile: it
    // continues a thread by its names alone, at a higher bar
    let wordy: f32 = p.terms.iter().filter(|(id, _)| kinds.get(id).is_some_and(|k| k.0 == KIND_WORD)).map(|(_, x)| x * x).sum();
    let names_only = wordy < WORDLESS;
    if cos <= 0.0 || (!names_only && words < MIN_WORDS * cos) {
        return 0.0;
    }
    let g = gap((s.first_pub, s.last_pub), (t.first, t.last));
    let mut sc = cos / (1.0 + (g - GAP_DAYS).max(0) as f32 / 120.0);
    if names_only {
        sc *= NAMES_ONLY;
    }
    if follow_up {
        sc *= FOLLOW_UP;
    }
    // background: an event date the story mentions, before its own first report, within the
    // thread's span
    if let (Some(f), Some(tf), Some(tl)) = (s.first_pub, t.first, t.last) {
        if s.dates.iter().any(|d| *d < f && *d >= tf && *d <= tl) {
            sc *= REFERS_BACK;
        }
    }
    sc
}

fn widen(a: Option<chrono::NaiveDate>, b: Option<chrono::NaiveDate>, f: fn(chrono::NaiveDate, chrono::NaiveDate) -> chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(f(x, y)),
        (x, y) => x.or(y),
    }
}

/// Link these stories (store ids, in the order given) into threads. `follow_up` names the
/// stories whose new articles use follow-up language; `held` gives the kind and document
/// frequency of a term as stored, when the caller holds it (the linker's clusterer, which
/// has just written them), so that only the other terms are read from the store.
pub fn link(store: &mut dyn Store, stories: &[i64], follow_up: &[i64], held: &dyn Fn(u32) -> Option<(u8, u32)>) -> Result<(), StoreError> {
    let mut ids: Vec<i64> = Vec::with_capacity(stories.len());
    for &s in stories {
        if s > 0 && !ids.contains(&s) {
            ids.push(s);
        }
    }
    if ids.is_empty() {
        return Ok(());
    }
    let meta = store.cluster_meta()?;
    let cs: Vec<ClusterStory> = store.cluster_stories(&ids.iter().map(|&s| (s - 1) as u32).collect::<Vec<_>>())?;
    let cs: HashMap<i64, ClusterStory> = cs.into_iter().map(|c| (c.id as i64 + 1, c)).collect();
    let mut term_ids: Vec<u32> = cs.values().flat_map(|c| c.terms.iter().map(|x| x.0)).collect();
    term_ids.sort_unstable();
    term_ids.dedup();
    let mut kinds: Kinds = Kinds::default();
    kinds.reserve(term_ids.len());
    let mut unknown = Vec::new();
    for t in term_ids {
        match held(t) {
            Some(x) => {
                kinds.insert(t, x);
            }
            None => unknown.push(t),
        }
    }
    if !unknown.is_empty() {
        kinds.extend(store.cluster_terms(&unknown)?.into_iter().map(|t| (t.id, (t.kind, t.df))));
    }
    let members: HashMap<i64, ThreadMember> = store.story_threads(&ids)?.into_iter().map(|m| (m.story, m)).collect();
    for s in ids {
        let Some(c) = cs.get(&s).filter(|c| c.merged_into.is_none() && c.n_docs > 0) else { continue };
        let p = profile(c, &kinds, meta.n_docs as f32);
        if p.terms.is_empty() {
            continue;
        }
        let mine = members.get(&s);
        let own = match mine {
            Some(m) => store.thread_states(&[m.thread])?.pop(),
            None => None,
        };
        // alone in its thread: nothing but its own contribution is there
        let alone = match (mine, &own) {
            (Some(m), Some(t)) => add(&t.terms, &m.contrib, -1.0, usize::MAX).is_empty(),
            _ => true,
        };
        let mut target = own.clone().filter(|_| !alone);
        if alone {
            let cands: Vec<i64> = store.thread_candidates(&p.keys, CANDIDATES_PER_KEY)?.into_iter().filter(|&t| Some(t) != mine.map(|m| m.thread)).collect();
            let fu = follow_up.contains(&s);
            let mut best: Option<(f32, ThreadState)> = None;
            for t in store.thread_states(&cands)? {
                let sc = score(&p, c, &t, &kinds, fu);
                if sc >= THRESHOLD && best.as_ref().is_none_or(|(b, bt)| sc > *b || (sc == *b && t.id < bt.id)) {
                    best = Some((sc, t));
                }
            }
            target = match best {
                Some((_, t)) => {
                    // the story leaves its own thread, which is left empty
                    if let (Some(m), Some(o)) = (mine, &own) {
                        store.put_thread(&ThreadWrite { id: Some(o.id), terms: add(&o.terms, &m.contrib, -1.0, THREAD_TERMS), first: o.first, last: o.last, keys: vec![], seq: meta.n_docs as i64 })?;
                    }
                    Some(ThreadState { terms: t.terms.clone(), ..t })
                }
                None => own,
            };
        }
        let old: &[(u32, f32)] = match (mine, &target) {
            (Some(m), Some(t)) if m.thread == t.id => &m.contrib,
            _ => &[],
        };
        let w = match &target {
            Some(t) => ThreadWrite {
                id: Some(t.id),
                terms: add(&add(&t.terms, old, -1.0, usize::MAX), &p.terms, 1.0, THREAD_TERMS),
                first: widen(t.first, c.first_pub, std::cmp::min),
                last: widen(t.last, c.last_pub, std::cmp::max),
                keys: p.keys.clone(),
                seq: meta.n_docs as i64,
            },
            None => ThreadWrite { id: None, terms: p.terms.clone(), first: c.first_pub, last: c.last_pub, keys: p.keys.clone(), seq: meta.n_docs as i64 },
        };
        let thread = store.put_thread(&w)?;
        store.set_thread(&ThreadMember { story: s, thread, contrib: p.terms })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::{Article, DateSource, Format, Origin};
    use crate::store::{Store, ThreadStore, sqlite::SqliteStore};
    use crate::stories::Linker;

    fn dated(id: &str, day: &str, text: &str) -> (Article, crate::analysis::Analysis) {
        let mut a = Article::new(text.to_string(), Origin { path: format!("{id}.txt"), locator: None, format: Format::Txt });
        a.id = id.to_string();
        a.published = Some(day.parse().unwrap());
        a.published_from = Some(DateSource::Given);
        let an = crate::analysis::analyze(&a);
        (a, an)
    }

    fn thread_of(s: &dyn Store, article: &str) -> (i64, i64) {
        let story = s.story_of(article).unwrap().expect("linked");
        (story, s.story_threads(&[story]).unwrap().pop().expect("in a thread").thread)
    }

    /// Stories that share only a frequent actor stay apart; a follow-up joins the saga.
    #[test]
    fn a_shared_frequent_actor_makes_no_thread_but_a_follow_up_does() {
        let docs = vec![
            dated("tariff1", "2025-03-03", "Donald Trump imposed steel tariffs of 25 percent on Canadian and Mexican steel on Monday. Steelmakers in Ontario warned that the steel tariffs would close mills and cost thousands of jobs in Hamilton. Canada's trade minister called the tariffs an attack on the steel industry."),
            dated("tariff2", "2025-03-04", "Canadian steelmakers said the new 25 percent steel tariffs announced by Donald Trump would close mills in Hamilton, Ontario. Canada's trade minister promised to defend the steel industry against the tariffs."),
            dated("golf", "2025-03-10", "Donald Trump played a round of golf in Florida with the champion golfer Bryson DeChambeau on Sunday. The two golfers filmed the round for a YouTube video and raised money for a children's hospital charity."),
            dated("hurricane", "2025-03-12", "Donald Trump visited North Carolina towns flooded by the hurricane, meeting families whose homes were destroyed. Emergency crews are still clearing mud and debris from the flooded valleys of the Blue Ridge mountains."),
            dated("football", "2025-03-14", "Donald Trump hosted the Philadelphia Eagles, the Super Bowl champions, at the White House on Friday. The football players presented him with a jersey and the quarterback thanked the fans of Philadelphia."),
            dated("tariff3", "2025-04-02", "Canada answered with tariffs of its own on Wednesday, a month after the steel tariffs hit mills in Hamilton, Ontario. Canada's trade minister said the retaliatory tariffs would stay until the 25 percent steel tariffs were lifted, and steelmakers welcomed the second round of the dispute."),
        ];
        let mut store = SqliteStore::in_memory().unwrap();
        let mut linker = Linker::new();
        for d in &docs {
            linker.store_and_link(&mut store, std::slice::from_ref(d)).unwrap();
        }
        let (s1, t1) = thread_of(&store, "tariff1");
        let (s3, t3) = thread_of(&store, "tariff3");
        assert_ne!(s1, s3, "the retaliation a month later is a story of its own");
        assert_eq!(t1, t3, "and it continues the tariff thread");
        for other in ["golf", "hurricane", "football"] {
            let (_, t) = thread_of(&store, other);
            assert_ne!(t, t1, "{other} shares only Donald Trump with the tariffs");
        }
        let threads = store.threads().unwrap();
        let tariffs = threads.iter().find(|t| t.id == t1).unwrap();
        assert!(tariffs.articles.contains(&"tariff2".to_string()) && tariffs.articles.contains(&"tariff3".to_string()), "{tariffs:?}");
    }

    /// An undated story joins no thread, however much it shares with one: nothing shows it
    /// continues the saga in time, and let in it would bridge sagas years apart. The same
    /// story with a date a month after the thread's joins it.
    #[test]
    fn an_undated_story_joins_no_thread() {
        use super::{Profile, THRESHOLD, score};
        use crate::store::{ClusterStory, ThreadState};
        // terms 1, 2: words; 3: a name
        let kinds: super::Kinds = [(1, (0, 3)), (2, (0, 3)), (3, (1, 3))].into_iter().collect();
        let terms = vec![(1, 0.6), (2, 0.5), (3, 0.6)];
        let p = Profile { terms: terms.clone(), keys: vec![1, 2, 3] };
        let day = |d: &str| Some(d.parse::<chrono::NaiveDate>().unwrap());
        let t = ThreadState { id: 1, terms, first: day("2025-03-03"), last: day("2025-03-04") };
        let mut story = ClusterStory { id: 7, n_docs: 1, first_pub: None, last_pub: None, last_seq: 0, dates: vec![], terms: vec![], merged_into: None };
        assert_eq!(score(&p, &story, &t, &kinds, true), 0.0, "undated: no thread");
        (story.first_pub, story.last_pub) = (day("2025-04-02"), day("2025-04-02"));
        assert!(score(&p, &story, &t, &kinds, false) >= THRESHOLD, "dated a month later, it continues the thread");
    }

    /// A story whose profile is names (its reports in Spanish: the clusterer keeps no words of
    /// theirs) continues a thread by its names, at a lower weight; a story with words needs
    /// shared words.
    #[test]
    fn a_story_in_another_language_continues_a_thread_by_its_names() {
        use super::{NAMES_ONLY, Profile, THRESHOLD, score};
        use crate::store::{ClusterStory, ThreadState};
        // terms 1, 2: words; 3, 4: names (gadafi, trípoli)
        let kinds: super::Kinds = [(1, (0, 3)), (2, (0, 3)), (3, (5, 3)), (4, (6, 3))].into_iter().collect();
        let day = |d: &str| Some(d.parse::<chrono::NaiveDate>().unwrap());
        let thread = ThreadState { id: 1, terms: vec![(3, 0.7), (4, 0.7)], first: day("2011-03-18"), last: day("2011-03-25") };
        let story = ClusterStory { id: 7, n_docs: 2, first_pub: day("2011-04-02"), last_pub: day("2011-04-03"), last_seq: 0, dates: vec![], terms: vec![], merged_into: None };
        let names = Profile { terms: vec![(3, 0.7), (4, 0.7)], keys: vec![3, 4] };
        let sc = score(&names, &story, &thread, &kinds, false);
        assert!(sc >= THRESHOLD && sc <= NAMES_ONLY * 1.01, "names alone, weighed down: {sc}");
        // the same names in a story told with words (in English) that shares none of them: no thread
        let worded = Profile { terms: vec![(1, 0.5), (2, 0.5), (3, 0.5), (4, 0.5)], keys: vec![1, 2, 3, 4] };
        assert_eq!(score(&worded, &story, &thread, &kinds, false), 0.0);
    }
}
