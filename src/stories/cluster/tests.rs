//! Tests of the clusterer: events of one kind kept apart, determinism, the state kept as
//! store rows (batches, fresh views, tight limits) giving the same stories as the state held
//! whole, a write against an older version, the publication-time window.

use super::*;
use crate::store::{ClusterMeta, ClusterTerm, ClusterWrite};

/// An article's features as linking builds them: the real extractors (`analysis::analyze`:
/// entity merge keys, resolved dates and time values) through `stories::features`.
fn doc(id: &str, text: &str, day: Option<(i32, u32, u32)>) -> DocFeatures {
    use crate::model::{Article, DateSource, Format, Origin};
    let mut a = Article::new(text.into(), Origin { path: id.into(), locator: None, format: Format::Txt });
    a.id = id.into();
    if let Some(d) = day.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)) {
        a.offer_date(d, DateSource::Given);
    }
    let an = crate::analysis::analyze(&a);
    crate::stories::features(&a, &an)
}

fn corpus() -> Vec<DocFeatures> {
    vec![
        doc("a1", "Actress Tara Reid has checked into Promises Treatment Center, her representative told People magazine. The American Pie star entered the Malibu rehab facility on Tuesday.", Some((2008, 12, 12))),
        doc("b1", "Actress Lindsay Lohan checked into the Betty Ford Center on Thursday to begin a 90-day court-ordered rehab stay, her lawyer Shawn Holley said.", Some((2013, 5, 3))),
        doc("a2", "Tara Reid is in rehab. The actress checked herself into Promises Treatment Center in Malibu, her rep Jack Ketsoyan confirmed to People.", Some((2008, 12, 13))),
        doc("b2", "Lindsay Lohan has entered the Betty Ford Center in Rancho Mirage for court-mandated rehab, according to attorney Shawn Holley.", Some((2013, 5, 3))),
        doc("c1", "A magnitude 6.1 earthquake struck northern California near Eureka on Sunday, the U.S. Geological Survey said. No damage was reported.", Some((2010, 1, 10))),
        doc("c2", "The Eureka earthquake of magnitude 6.1 shook northern California, the Geological Survey said, but caused little damage.", Some((2010, 1, 11))),
    ]
}

fn warmed() -> Clusterer {
    let mut c = Clusterer::new(Config::default());
    for (i, t) in [
        "The central bank raised interest rates on Wednesday, citing inflation that has stayed above its target for a year.",
        "The home team won the cup final in Madrid after a late penalty, their first title in a decade.",
        "Parliament passed the budget bill after a long debate, the finance minister said in a statement.",
        "Heavy rain caused flooding in several towns, and officials said roads would stay closed overnight.",
        "The company said profits fell in the third quarter as sales of its phones slowed in China.",
        "Police said a man was arrested after a shooting at a shopping mall; two people were injured.",
        "The film opened at the top of the box office this weekend, the studio said on Sunday.",
        "Scientists said the new vaccine was safe in early trials and would be tested on more patients.",
    ]
    .iter()
    .enumerate()
    {
        c.observe(&doc(&format!("bg{i}"), t, None));
    }
    c
}

#[test]
fn separates_same_kind_events() {
    let mut c = warmed();
    let ids: Vec<StoryId> = corpus().iter().map(|d| c.add(d)).collect();
    assert_eq!(ids[0], ids[2], "Tara Reid articles together");
    assert_eq!(ids[1], ids[3], "Lohan articles together");
    assert_ne!(ids[0], ids[1], "two rehab stories apart");
    assert_eq!(ids[4], ids[5]);
    assert_ne!(ids[4], ids[0]);
    let l = c.label(ids[1]);
    assert!(l.contains("Lohan") || l.contains("Betty Ford"), "{l}");
}

/// Issue 14: on a feed, hundreds of stories name the same people. Two undated reports that
/// share only "Donald Trump" and "White House" but tell different events stay apart, while a
/// second report of either event, worded differently, joins it.
#[test]
fn shared_names_alone_do_not_make_one_story() {
    let drilling = doc(
        "drill1",
        "President Donald Trump signed an executive order at the White House on Thursday that opens the Arctic and Atlantic coasts to offshore oil drilling. Environmental groups said they would sue to stop the new leases.",
        None,
    );
    let abe = doc(
        "abe1",
        "Donald Trump met Japanese Prime Minister Shinzo Abe at the White House on Friday to discuss tariffs on steel and aluminum imports. Abe asked for an exemption for Japanese carmakers, officials said.",
        None,
    );
    let drilling2 = doc(
        "drill2",
        "Offshore oil drilling will be allowed along the Arctic and Atlantic coasts under an order Donald Trump signed, and environmental groups vowed to fight the leases in court.",
        None,
    );
    let abe2 = doc(
        "abe2",
        "Shinzo Abe pressed Trump for an exemption from the steel and aluminum tariffs during their White House meeting, saying Japanese carmakers would be hurt.",
        None,
    );
    for mut c in [Clusterer::new(Config::default()), warmed()] {
        let (a, b) = (c.add(&drilling), c.add(&abe));
        assert_ne!(a, b, "two events that share only their actors stay apart");
        assert_eq!(c.add(&drilling2), a, "a second report of the drilling order joins it");
        assert_eq!(c.add(&abe2), b, "a second report of the Abe meeting joins it");
    }
}

/// The stories a clusterer holds, by id.
fn held(c: &Clusterer) -> Vec<Story> {
    let mut v: Vec<Story> = c.stories.values().cloned().collect();
    v.sort_by_key(|s| s.id);
    v
}

#[test]
fn deterministic() {
    let run = || {
        let mut c = Clusterer::new(Config::default());
        let ids: Vec<StoryId> = corpus().iter().map(|d| c.add(d)).collect();
        (ids, held(&c))
    };
    assert_eq!(run(), run());
}

/// A store in memory: the rows a backend keeps, written by `take_changes`.
#[derive(Default)]
struct Rows {
    meta: ClusterMeta,
    terms: BTreeMap<u32, ClusterTerm>,
    stories: BTreeMap<StoryId, Story>,
    postings: BTreeMap<(u32, StoryId), i64>,
    recent: BTreeMap<i64, Recent>,
}

impl Rows {
    fn apply(&mut self, w: ClusterWrite) {
        assert_eq!(w.base_version, self.meta.version, "written against the stored version");
        self.meta = w.meta;
        for t in w.new_terms {
            assert!(self.terms.insert(t.id, t).is_none(), "a new term is new");
        }
        for (t, d) in w.df {
            self.terms.get_mut(&t).unwrap().df += d;
        }
        for s in w.stories {
            self.stories.insert(s.id, s);
        }
        for (t, s, q) in w.postings {
            match q {
                Some(q) => self.postings.insert((t, s), q),
                None => self.postings.remove(&(t, s)),
            };
        }
        for r in w.recent {
            self.recent.insert(r.seq, r);
        }
        let keep_from = self.meta.recent_seq - w.recent_keep as i64;
        self.recent.retain(|&q, _| q > keep_from);
    }
}

impl Source for Rows {
    fn terms_by_key(&self, keys: &[String]) -> Result<Vec<ClusterTerm>, StoreError> {
        Ok(self.terms.values().filter(|t| keys.contains(&t.key)).cloned().collect())
    }
    fn terms(&self, ids: &[u32]) -> Result<Vec<ClusterTerm>, StoreError> {
        Ok(ids.iter().filter_map(|t| self.terms.get(t).cloned()).collect())
    }
    fn stories(&self, ids: &[StoryId]) -> Result<Vec<Story>, StoreError> {
        Ok(ids.iter().filter_map(|s| self.stories.get(s).cloned()).collect())
    }
    fn postings(&self, term: u32, cap: usize) -> Result<Vec<(StoryId, i64)>, StoreError> {
        let mut v: Vec<(StoryId, i64)> = self.postings.range((term, 0)..=(term, StoryId::MAX)).map(|(&(_, s), &q)| (s, q)).collect();
        v.sort_by_key(|x| x.1);
        Ok(v.split_off(v.len().saturating_sub(cap)))
    }
    fn recent(&self, n: usize) -> Result<Vec<Recent>, StoreError> {
        let v: Vec<Recent> = self.recent.values().cloned().collect();
        Ok(v[v.len().saturating_sub(n)..].to_vec())
    }
}

/// A stream long enough for posting lists to fill and the second pass to move articles.
fn stream() -> Vec<DocFeatures> {
    let base = corpus();
    // a terse note that starts a story of its own, then the story it belongs to: the
    // second pass moves it there
    let day = Some((2013, 5, 3));
    let d1 = "Lindsay Lohan checked into the Betty Ford Center on Thursday to begin a 90-day court-ordered rehab stay, the actress said in a statement to reporters outside the court.";
    let d2 = "Lindsay Lohan began a 90-day court-ordered rehab stay on Thursday, her lawyer Shawn Holley said in Rancho Mirage, the actress said in a statement to reporters outside the court.";
    let d3 = "Lindsay Lohan started her 90-day court-ordered rehab stay on Thursday, the actress said in a statement to reporters outside the court in Los Angeles.";
    let mut out = vec![
        doc("x", "Betty Ford Center. Shawn Holley. Rancho Mirage. Lohan.", day),
        doc("d1", d1, day),
        doc("d3", d3, day),
        doc("d2", d2, day),
    ];
    for round in 0..6 {
        for (i, d) in base.iter().enumerate() {
            let mut d = d.clone();
            d.id = format!("{}-{round}", d.id);
            // drop a different word each round: distinct texts, same stories
            let words: Vec<&str> = d.text.split(' ').collect();
            d.text = words.iter().enumerate().filter(|(k, _)| *k != (round + i) % words.len()).map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
            out.push(d);
        }
    }
    out
}

fn small() -> Config {
    Config { threshold: 0.15, reconsider_every: 3, reconsider_window: 6, posting_cap: 3, max_candidates: 2, ..Config::default() }
}

/// Runs the stream through a clusterer that keeps its state in `Rows`, in batches of
/// `batch`; `fresh`: a new clusterer (nothing held) for every batch.
fn through_rows(docs: &[DocFeatures], batch: usize, fresh: bool, limits: Limits) -> (Vec<StoryId>, Vec<(String, StoryId)>, Rows) {
    let mut rows = Rows::default();
    let mut c = Clusterer::new(small());
    let (mut ids, mut moves) = (Vec::new(), Vec::new());
    for chunk in docs.chunks(batch) {
        if fresh {
            c = Clusterer::new(small());
        }
        c.sync(&rows.meta.clone(), &rows, limits).unwrap();
        for d in chunk {
            ids.push(c.add_from(&rows, d).unwrap());
            moves.extend(c.take_moves());
        }
        if let Some(w) = c.take_changes() {
            rows.apply(w);
        }
    }
    (ids, moves, rows)
}

#[test]
fn state_kept_as_rows_gives_the_same_stories_as_state_held_whole() {
    let docs = stream();
    let mut whole = Clusterer::new(small());
    let (mut ids, mut moves) = (Vec::new(), Vec::new());
    for d in &docs {
        ids.push(whole.add(d));
        moves.extend(whole.take_moves());
    }
    assert!(!moves.is_empty(), "the second pass moved something: the test covers it");
    let none = Limits { terms: 0, stories: 0, postings: 0 };
    for (batch, fresh, limits) in [(1, true, Limits::default()), (5, false, Limits::default()), (7, false, none), (36, true, none)] {
        let (i, m, rows) = through_rows(&docs, batch, fresh, limits);
        assert_eq!((&i, &m), (&ids, &moves), "batches of {batch}, fresh {fresh}");
        assert_eq!(rows.stories.values().cloned().collect::<Vec<_>>(), held(&whole), "batches of {batch}");
        assert_eq!(rows.meta.n_docs, whole.n_docs);
        assert!(rows.postings.len() <= rows.terms.len() * small().posting_cap, "posting lists stay bounded");
        assert_eq!(rows.recent.len(), small().reconsider_window);
    }
}

#[test]
fn a_write_against_an_older_version_is_not_taken_for_current() {
    // two clusterers on one state: the second one's view is stale once the first wrote
    let docs = stream();
    let mut rows = Rows::default();
    let (mut a, mut b) = (Clusterer::new(small()), Clusterer::new(small()));
    for (k, chunk) in docs.chunks(4).enumerate() {
        let c = if k % 2 == 0 { &mut a } else { &mut b };
        c.sync(&rows.meta.clone(), &rows, Limits::default()).unwrap();
        for d in chunk {
            c.add_from(&rows, d).unwrap();
        }
        rows.apply(c.take_changes().unwrap());
    }
    let (_, _, one) = through_rows(&docs, 4, false, Limits::default());
    assert_eq!(rows.stories, one.stories, "two alternating clusterers build what one builds");
    assert_eq!(rows.postings, one.postings);
}

#[test]
fn time_window_splits_far_apart() {
    let mut c = Clusterer::new(Config::default());
    let a = c.add(&doc("x", "Lindsay Lohan checked into the Betty Ford Center for rehab.", Some((2013, 5, 3))));
    let b = c.add(&doc("y", "Lindsay Lohan checked into the Betty Ford Center for rehab.", Some((2010, 9, 24))));
    assert_ne!(a, b);
}

#[test]
fn words_computed_ahead_give_the_same_stories() {
    // ingest computes the word keys in its parallel stage; linking must see the same article
    let docs = stream();
    let ahead: Vec<DocFeatures> = docs.iter().map(|d| DocFeatures { words: Some(word_keys(&d.text, &Stop::new())), ..d.clone() }).collect();
    assert!(ahead.iter().all(|d| d.words.as_ref().is_some_and(|w| !w.is_empty())));
    let (mut a, mut b) = (Clusterer::new(small()), Clusterer::new(small()));
    let ia: Vec<StoryId> = docs.iter().map(|d| a.add(d)).collect();
    let ib: Vec<StoryId> = ahead.iter().map(|d| b.add(d)).collect();
    assert_eq!(ia, ib);
    assert_eq!(held(&a), held(&b));
}

#[test]
fn keys_counted_ahead_give_the_same_stories() {
    // ingest counts the feature keys in its parallel stage (`DocFeatures::with_keys`); linking
    // must see the same article, and keys counted under another shape are not used
    let docs = stream();
    let ahead: Vec<DocFeatures> = docs.iter().map(|d| d.clone().with_keys(&small())).collect();
    assert!(ahead.iter().all(|d| d.keys.is_some()));
    let mut no_words = small();
    no_words.word_boost = 0.0;
    no_words.number_boost = 0.0;
    let other: Vec<DocFeatures> = docs.iter().map(|d| d.clone().with_keys(&no_words)).collect();
    let (mut a, mut b, mut c) = (Clusterer::new(small()), Clusterer::new(small()), Clusterer::new(small()));
    let ia: Vec<StoryId> = docs.iter().map(|d| a.add(d)).collect();
    let ib: Vec<StoryId> = ahead.iter().map(|d| b.add(d)).collect();
    let ic: Vec<StoryId> = other.iter().map(|d| c.add(d)).collect();
    assert_eq!(ia, ib);
    assert_eq!(held(&a), held(&b));
    assert_eq!(ia, ic);
    assert_eq!(held(&a), held(&c));
}

/// The learned pair scorer, given weights that only read the hand-set score (probability ≥ ½
/// exactly when the score reaches the threshold), forms the same stories; tracing records
/// the pairs scored with their features, without changing the stories.
#[test]
fn learned_scorer_reading_the_hand_set_score_gives_its_stories() {
    let mut hand = warmed();
    let want: Vec<StoryId> = corpus().iter().map(|d| hand.add(d)).collect();
    let mut pair = vec![0.0f32; N_FEATURES + 1];
    pair[0] = -40.0 * Config::default().threshold;
    pair[1] = 40.0;
    let mut learned = warmed();
    learned.cfg.pair = pair;
    learned.trace = Some(Vec::new());
    let got: Vec<StoryId> = corpus().iter().map(|d| learned.add(d)).collect();
    assert_eq!(got, want);
    let traced = learned.trace.take().expect("tracing");
    assert!(traced.iter().any(|p| p.doc == "a2" && p.story == got[0] && p.x[0] >= 0.2 && p.x[3] > 0.0), "{traced:?}");
    assert!(traced.iter().all(|p| p.x.iter().all(|v| v.is_finite())));
}

/// The score of `article` against the one story that `first` makes in a warmed clusterer whose
/// settings `set` changes.
fn score_against(first: &DocFeatures, article: &DocFeatures, set: impl Fn(&mut Config)) -> f32 {
    let mut c = warmed();
    set(&mut c.cfg);
    c.cfg.threshold = 2.0; // each article alone, to read the score
    c.add(first);
    let raw = c.raw_vector(&Nothing, article, &Stop::new()).expect("in memory");
    let s = c.stories[&0].clone();
    c.pair_score(&raw, 0, &s.terms, s.n_docs, 1.0, &[], &[], false, 0).0
}

/// Two monthly jobs reports told apart by their figures and months: with the number and month
/// conflicts on, an article sharing neither with a story is scored lower against it.
#[test]
fn number_and_month_conflicts_lower_the_score_of_another_report() {
    let sep = doc("s1", "The U.S. economy added 136,000 jobs in September and the unemployment rate fell to 3.5 percent, the Labor Department said.", None);
    let oct = doc("o1", "U.S. employers added 250,000 jobs in October and the unemployment rate stayed at 3.7 percent, the Labor Department said.", None);
    let score = |number_conflict: f32, month_conflict: f32| {
        score_against(&sep, &oct, |cfg| {
            cfg.number_conflict = number_conflict;
            cfg.month_conflict = month_conflict;
        })
    };
    let (plain, numbers, months) = (score(0.0, 0.0), score(0.3, 0.0), score(0.0, 0.3));
    assert!(plain > 0.0);
    assert!((numbers - plain * 0.7).abs() < 1e-5, "{plain} {numbers}");
    assert!((months - plain * 0.7).abs() < 1e-5, "{plain} {months}");
}

/// Two captures of pirates by the Indian Navy, years apart, told apart by their ships: the
/// tagger reads the ships as organisations, so the people alone do not conflict, but the
/// actors (people and distinctive organisations; the navy, an institution, left out) do.
#[test]
fn sibling_events_of_one_institution_are_told_apart_by_their_actors() {
    let tabar = doc("t1", "The Indian Navy warship INS Tabar foiled a pirate attack on the merchant vessel MV Gibe in the Gulf of Aden. INS Tabar sent marine commandos, and the crew of MV Gibe was safe, the Indian Navy said.", None);
    let sukanya = doc("s1", "The Indian Navy patrol vessel INS Sukanya foiled a pirate attack on a bulk carrier in the Gulf of Aden. INS Sukanya captured 26 pirates, the Indian Navy said on Friday.", None);
    let score = |actor_conflict: bool| score_against(&sukanya, &tabar, |cfg| cfg.actor_conflict = actor_conflict);
    let (plain, actors) = (score(false), score(true));
    assert!(plain > 0.0);
    assert!((actors - plain * 0.7).abs() < 1e-5, "{plain} {actors}");
    assert!(vector::generic_org("O:indian navy") && vector::generic_org("O:defence ministry"));
    assert!(!vector::generic_org("O:ins sukanya") && !vector::generic_org("O:microsoft"));
}

/// Issue 14: the learned term weights (`weights.rs`, learned from NeuS train) reach the score:
/// a name shared by many stories of a feed ("Robert Mueller", investigated for two years)
/// counts less, so two reports of different events that share only that name score lower
/// than with plain idf; switched off, the idf is the plain one.
#[test]
fn learned_weights_make_a_saga_actor_count_less() {
    // no other name of the table in either: only the shared name's weight changes
    let indicted = doc("m1", "Special counsel Robert Mueller indicted thirteen people over a social media campaign.", None);
    let testimony = doc("m2", "Robert Mueller will testify before lawmakers in July about his final report.", None);
    let cos = |cfg: Config| {
        let mut c = Clusterer::new(cfg);
        let stop = Stop::new();
        let (a, b) = (c.raw_vector(&Nothing, &indicted, &stop).unwrap(), c.raw_vector(&Nothing, &testimony, &stop).unwrap());
        c.add_df(&a);
        c.add_df(&b);
        let t = c.dict["P:r mueller"];
        (c.group_cos(&a, &b), c.idf(t) / c.compute_idf(c.df[t as usize]))
    };
    let (learned, factor) = cos(Config::default());
    let (plain, one) = cos(Config { term_weights: 0.0, ..Config::default() });
    assert_eq!(one, 1.0, "off: the plain idf");
    assert!((factor - weights::shipped()["P:r mueller"]).abs() < 1e-6 && factor < 1.0, "{factor}");
    assert!(learned < plain, "shared saga name weighs less: {learned} against {plain}");
}

/// A Multi-News-like text: lower case but for sentence starts, punctuation spaced.
const CASELESS: &str = "the senate voted on tuesday to confirm brett kavanaugh to the supreme court , ending a bitter fight over allegations by christine blasey ford . majority leader mitch mcconnell said the vote showed that the chamber could still work . democrats led by chuck schumer said the process had been rushed and that the fbi inquiry was too narrow . protesters gathered outside the capitol in washington as the roll was called .";
const CASED: &str = "The Senate voted on Tuesday to confirm Brett Kavanaugh to the Supreme Court, ending a bitter fight over allegations by Christine Blasey Ford. Majority Leader Mitch McConnell said the vote showed that the chamber could still work. Democrats led by Chuck Schumer said the process had been rushed and that the FBI inquiry was too narrow. Protesters gathered outside the Capitol in Washington as the roll was called.";

#[test]
fn caseless_reads_the_tokens_str_split_whitespace_gives() {
    // ASCII white space, a no-break space, a thin space, an ideographic space, a line
    // separator, and letters of several scripts between them
    for t in [
        "Il a dit\u{a0}: « Nous attendrons. »\tLe 15\u{2009}mai,\r\nà Istanbul.",
        "Zelensky said: \"We will wait\u{3000}for Putin\u{2028}in Turkey\u{85}on Thursday.\" ",
        "  \u{b}Ελλάδα και Türkiye; Ἀθῆναι  ",
        "",
        " ",
    ] {
        assert_eq!(crate::text::split_whitespace(t).collect::<Vec<_>>(), t.split_whitespace().collect::<Vec<_>>(), "{t:?}");
    }
}

#[test]
fn caseless_text_is_told_from_cased() {
    assert!(caseless(CASELESS));
    assert!(!caseless(CASED));
    // too short to tell
    assert!(!caseless("the senate voted on tuesday ."));
}

#[test]
fn a_caseless_articles_names_are_left_out_and_it_joins_at_the_nameless_threshold() {
    let cfg = Config::default();
    let keys = |text: &str| feature_keys(&cfg, &doc("x", text, None));
    let named = |k: &[(String, f32)]| k.iter().filter(|(k, _)| k.starts_with(['e', 'P', 'L', 'O', 'p'])).count();
    assert!(named(&keys(CASED)) > 0, "the cased report's names count");
    assert_eq!(named(&keys(CASELESS)), 0, "the caseless report's words alone speak for it");
    // names kept when asked
    let with = Config { caseless_names: true, ..Config::default() };
    assert!(feature_keys(&with, &doc("x", CASED, None)).len() >= feature_keys(&with, &doc("x", CASELESS, None)).len());
    let c = Clusterer::new(Config { threshold: 0.9, nameless_threshold: 0.1, ..Config::default() });
    assert_eq!(c.threshold_for(&[]), 0.1);
}

/// Issue 16: scoring weighs an article once for all its candidates (`Clusterer::query`) and the
/// second pass sums a story's norm once (`Clusterer::centroid_norm`); both must give the very
/// bits of the pairwise sums (`joint_parts_of`), or the stories would change with the speed-up.
#[test]
fn an_article_weighed_once_scores_to_the_same_bits() {
    let mut c = Clusterer::new(Config::default());
    let stop = Stop::new();
    let docs = corpus();
    let raws: Vec<Vec<(u32, f32)>> = docs.iter().map(|d| c.raw_vector(&Nothing, d, &stop).unwrap()).collect();
    for r in &raws {
        c.add_df(r);
    }
    // an article with its words left out, as one in another language is
    let wordless: Vec<(u32, f32)> = raws[0].iter().copied().filter(|&(t, _)| c.kind(t) != vector::KIND_WORD).collect();
    assert!(!wordless.is_empty() && wordless.len() < raws[0].len());
    let mut compared = 0;
    for a in raws.iter().chain([&wordless]) {
        let q = c.query(a);
        for b in &raws {
            for skip in [false, true] {
                let want = c.joint_parts_of(a, b, skip);
                let got = c.joint_q(&q, b, skip);
                assert_eq!((got.0.to_bits(), got.1.to_bits(), got.2.to_bits()), (want.0.to_bits(), want.1.to_bits(), want.2.to_bits()));
            }
            let want = c.joint_parts_of(a, b, false);
            let got = c.joint_nb(&q, b, Some(c.centroid_norm(b)));
            assert_eq!((got.0.to_bits(), got.1.to_bits(), got.2.to_bits()), (want.0.to_bits(), want.1.to_bits(), want.2.to_bits()));
            compared += usize::from(want.0 > 0.0);
        }
    }
    assert!(compared > raws.len(), "articles that share terms were compared: {compared}");
}

/// `salient_parts` keeps the three heaviest of a kind (ties by id) without sorting: the same
/// parts, in the same order, as sorting all of them.
#[test]
fn salient_parts_are_the_three_heaviest() {
    let mut c = Clusterer::new(Config::default());
    let d = doc("s", "Vladimir Putin met Volodymyr Zelensky and Recep Tayyip Erdogan in Istanbul. Putin and Zelensky spoke; Erdogan hosted. Donald Trump called Putin. Emmanuel Macron and Trump spoke too.", None);
    let raw = c.raw_vector(&Nothing, &d, &Stop::new()).unwrap();
    let people: Vec<(u32, f32)> = raw.iter().copied().filter(|&(t, _)| c.kind(t) == vector::KIND_PERSON).collect();
    assert!(people.len() > 3, "{people:?}");
    let mut sorted = people.clone();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let part = |t: u32| c.dict.get(&dictionary::last_part_key(&c.keys[&t]).unwrap()).copied();
    let want: Vec<u32> = sorted.iter().take(3).filter_map(|&(t, _)| part(t)).collect();
    assert_eq!(c.salient_parts(&raw, vector::KIND_PERSON, 0.0), want);
    assert_eq!(want.len(), 3);
}
